import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUDIO_URL } from '../../shared/audio.js';
import { CSP } from '../../shared/csp.js';
import { HTTP_API } from '../../shared/ipc/bridge.js';
import type { Handlers } from '../../shared/ipc/contract.js';
import type { AudioCore } from '../core/audio/serve-audio.js';
import type { EventBus } from '../core/events.js';
import { dispatch } from '../core/handlers.js';
import { serveAudio } from './audio-route.js';
import { serveExportFile, type ExportDownloads } from './export-route.js';
import { serveStatic } from './static-files.js';

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};
const MAX_BODY = 1024 * 1024;

/** Options of browser mode. */
export interface BrowserServerOptions {
  handlers: Handlers;
  bus: EventBus;
  /** Serves `/audio/call/...` from this core's library. */
  core: AudioCore;
  /** Serves `/exports/<exportId>/<index>` downloads of finished exports. */
  exports?: ExportDownloads;
  rendererDir: string;
  port: number;
  token?: string;
  log?: (msg: string) => void;
}

/** A running browser-mode server. */
export interface BrowserServer {
  url: string;
  loginUrl: string;
  token: string;
  close(): Promise<void>;
}

/** Starts browser mode on 127.0.0.1: the built renderer plus the handlers, behind a per-run token. */
export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const log = opts.log ?? (() => {});
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`request failed: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only our own origin: a rebinding DNS name must not reach the API.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === HTTP_API.login && req.method === 'GET') {
      if (!sameToken(url.searchParams.get('token'), token)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Wrong or missing token: open the URL `callreview serve` printed.');
        return;
      }
      res.writeHead(302, {
        location: '/',
        'set-cookie': `${HTTP_API.tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        ...SECURITY_HEADERS,
      });
      res.end();
      return;
    }
    if (!authorised(req, token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Unauthorised: open the URL `callreview serve` printed.');
      return;
    }
    // The raw request target, not url.pathname: WHATWG parsing would resolve `..` and hide an attack from the strict tail check.
    const rawPath = (req.url ?? '').split('?')[0]!;
    if (rawPath.startsWith('/audio/') || url.pathname.startsWith('/audio/')) {
      const tail = rawPath.startsWith(AUDIO_URL.http) ? rawPath.slice(AUDIO_URL.http.length) : '';
      return serveAudio(opts.core, tail, req, res, SECURITY_HEADERS, log);
    }
    if (rawPath.startsWith('/exports/')) return serveExportFile(opts.exports, rawPath, req, res, SECURITY_HEADERS, log);
    if (url.pathname.startsWith(HTTP_API.invoke)) return invoke(req, res, decodeSafe(url.pathname.slice(HTTP_API.invoke.length)));
    if (url.pathname === HTTP_API.events && req.method === 'GET') return openEventStream(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    await serveStatic(opts.rendererDir, url.pathname, res, SECURITY_HEADERS);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS }).end(JSON.stringify(body));
    if (req.method !== 'POST') return void reply(405, { ok: false, error: { code: 'bad-request', message: 'Use POST.' } });
    // A JSON content type cannot be sent cross-site without a preflight, which we never answer.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return void reply(415, { ok: false, error: { code: 'bad-request', message: 'Requests must be application/json.' } });
    }
    const body = await readBody(req);
    if (body === null) return void reply(413, { ok: false, error: { code: 'bad-request', message: 'Request body too large.' } });
    let input: unknown;
    try {
      input = body.length === 0 ? {} : (JSON.parse(body) as unknown);
    } catch {
      return void reply(400, { ok: false, error: { code: 'bad-request', message: 'The request body is not valid JSON.' } });
    }
    reply(200, await dispatch(opts.handlers, channel, input, log));
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', ...SECURITY_HEADERS });
    res.write(': connected\n\n');
    streams.add(res);
    const off = opts.bus.onAny((event, payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    res.on('close', () => {
      off();
      clearInterval(ping);
      streams.delete(res);
    });
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    loginUrl: `http://127.0.0.1:${port}${HTTP_API.login}?token=${token}`,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const s of streams) s.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function authorised(req: IncomingMessage, token: string): boolean {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && sameToken(auth.slice(7), token)) return true;
  const cookies = req.headers.cookie ?? '';
  for (const part of cookies.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === HTTP_API.tokenCookie && sameToken(v.join('='), token)) return true;
  }
  return false;
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolveBody(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
