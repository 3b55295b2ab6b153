import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { answerAudio, type AudioCore } from '../core/audio/serve-audio.js';

/** Answers `GET|HEAD /audio/call/<tail>` (tail still percent-encoded) from the library, streaming with Range support. */
export async function serveAudio(
  core: AudioCore,
  tail: string,
  req: IncomingMessage,
  res: ServerResponse,
  security: Record<string, string>,
  log: (m: string) => void,
): Promise<void> {
  const answer = await answerAudio(core, tail, header(req.headers.range), req.method ?? 'GET', {
    ifRange: header(req.headers['if-range']),
    ifNoneMatch: header(req.headers['if-none-match']),
    log,
  });
  res.writeHead(answer.status, { ...answer.headers, ...security });
  const body = answer.body;
  if (body === null) res.end();
  else if (Buffer.isBuffer(body)) res.end(body);
  else {
    // pipeline destroys the response when the file read fails midway, so the client sees a cut, not a hang.
    pipeline(body, res, (err) => {
      if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') log(`audio stream ${tail} failed: ${err.message}`);
    });
  }
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}
