import { protocol } from 'electron';
import { Readable } from 'node:stream';
import { AUDIO_URL } from '../../shared/audio.js';
import { answerAudio, type AudioAnswer, type AudioCore } from '../core/audio/serve-audio.js';

const SCHEME = 'callaudio';

/** Declares callaudio:// as a privileged streaming scheme; must run before the app is ready. */
export function registerAudioScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/** Serves `callaudio://call/<id>/<variant>[/peaks]` from the library by id, never by a path from the renderer. */
export function handleAudioProtocol(core: AudioCore, log: (m: string) => void): void {
  protocol.handle(SCHEME, async (req) => {
    const origin = (req as Request & { initiatorOrigin?: string }).initiatorOrigin;
    // Only our own file:// renderer (or the browser itself) may ask; web content never loads audio from the library.
    if (origin !== undefined && origin !== 'file://' && origin !== 'null') return refuse(403, `refused callaudio request from ${origin}`, log);
    let host: string;
    try {
      host = new URL(req.url).host;
    } catch {
      return refuse(404, 'unparsable callaudio URL', log);
    }
    // The raw URL, not URL.pathname: parsing resolves `..`, and the strict tail check must see the request as sent.
    if (host !== 'call' || !req.url.startsWith(AUDIO_URL.electron)) return refuse(404, `refused callaudio URL ${req.url}`, log);
    const tail = req.url.slice(AUDIO_URL.electron.length).split(/[?#]/)[0]!;
    try {
      const answer = await answerAudio(core, tail, req.headers.get('range') ?? undefined, req.method, {
        ifRange: req.headers.get('if-range') ?? undefined,
        ifNoneMatch: req.headers.get('if-none-match') ?? undefined,
        log,
      });
      return toResponse(answer);
    } catch (err) {
      return refuse(500, `callaudio ${tail} failed: ${String(err)}`, log);
    }
  });
}

/** Turns a core answer into a web Response; a Node stream becomes a web stream so a read error aborts the body. */
export function toResponse(answer: AudioAnswer): Response {
  const { body } = answer;
  let webBody: BodyInit | null = null;
  if (Buffer.isBuffer(body)) webBody = new Uint8Array(body); // a copy: small (text, peaks) and typed over a plain ArrayBuffer
  else if (body) webBody = Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>;
  // The renderer is file:// (origin "null"): Web Audio only hears cross-origin media the server allows,
  // and the origin check above already limits who can ask.
  return new Response(webBody, { status: answer.status, headers: { ...answer.headers, 'access-control-allow-origin': '*' } });
}

function refuse(status: number, why: string, log: (m: string) => void): Response {
  log(why);
  return new Response(null, { status });
}
