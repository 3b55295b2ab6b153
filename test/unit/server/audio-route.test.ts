import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePeaks } from '../../../shared/audio.js';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import type { AudioRow } from '../../../electron/core/db/repos/audio-repo.js';
import { createHandlers } from '../../../electron/core/handlers.js';
import { startBrowserServer, type BrowserServer } from '../../../electron/server/browser-server.js';

const fixtures = fileURLToPath(new URL('../../fixtures/call_recordings', import.meta.url));

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request with a binary body, so odd paths reach the server exactly as written. */
function raw(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Splits a multipart/byteranges body into its parts' headers and bytes. */
function parseMultipart(body: Buffer, contentType: string): { headers: Record<string, string>; data: Buffer }[] {
  const boundary = /boundary=([^;]+)/.exec(contentType)![1]!;
  const delim = Buffer.from(`\r\n--${boundary}`);
  const parts: { headers: Record<string, string>; data: Buffer }[] = [];
  let at = body.indexOf(delim);
  expect(at).toBe(0);
  for (;;) {
    at += delim.length;
    if (body.subarray(at, at + 4).toString() === '--\r\n') break;
    const headEnd = body.indexOf('\r\n\r\n', at);
    const headers: Record<string, string> = {};
    for (const line of body.subarray(at + 2, headEnd).toString().split('\r\n')) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    const next = body.indexOf(delim, headEnd + 4);
    parts.push({ headers, data: body.subarray(headEnd + 4, next) });
    at = next;
  }
  expect(at + 4).toBe(body.length);
  return parts;
}

describe('browser mode audio route', () => {
  let core: Core;
  let server: BrowserServer;
  let port: number;
  let auth: Record<string, string>;
  let stereoCall: number;
  let stereo: AudioRow;
  let bytes: Buffer;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cr-audio-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
    // A copy, so the test may delete a recording without touching the fixtures.
    cpSync(fixtures, join(dir, 'recordings'), { recursive: true });
    core = createCore(join(dir, 'data'));
    await core.library.addFolder(join(dir, 'recordings'), false);
    server = await startBrowserServer({ handlers: createHandlers(core, { mode: 'browser', version: 't' }), bus: core.bus, core, rendererDir, port: 0 });
    port = Number(new URL(server.url).port);
    auth = { authorization: `Bearer ${server.token}` };
    const calls = core.repos.calls.list('startedAt', 'asc', 10, 0).items;
    const withStereo = calls.map((c) => core.repos.audio.forCall(c.id).find((a) => a.variant === 'stereo')).filter((a) => a !== undefined);
    stereo = withStereo[0]!;
    stereoCall = stereo.call_id;
    bytes = readFileSync(stereo.path);
  });
  afterAll(async () => {
    await server.close();
    core.close();
  });

  it('serves the whole file with 200 and the right headers', async () => {
    const r = await raw(port, `/audio/call/${stereoCall}/stereo`, auth);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('audio/wav');
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers['content-length']).toBe(String(bytes.length));
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(r.body.equals(bytes)).toBe(true);
    const best = await raw(port, `/audio/call/${stereoCall}/best`, auth);
    expect(best.body.equals(bytes)).toBe(true);
  });

  it('serves a single range with 206 and Content-Range', async () => {
    const r = await raw(port, `/audio/call/${stereoCall}/stereo`, { ...auth, range: 'bytes=100-199' });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(r.headers['content-length']).toBe('100');
    expect(r.body.equals(bytes.subarray(100, 200))).toBe(true);
    const suffix = await raw(port, `/audio/call/${stereoCall}/stereo`, { ...auth, range: 'bytes=-500' });
    expect(suffix.status).toBe(206);
    expect(suffix.headers['content-range']).toBe(`bytes ${bytes.length - 500}-${bytes.length - 1}/${bytes.length}`);
    expect(suffix.body.equals(bytes.subarray(bytes.length - 500))).toBe(true);
    const open = await raw(port, `/audio/call/${stereoCall}/stereo`, { ...auth, range: `bytes=${bytes.length - 10}-` });
    expect(open.body.equals(bytes.subarray(bytes.length - 10))).toBe(true);
  });

  it('serves several ranges as multipart/byteranges', async () => {
    const r = await raw(port, `/audio/call/${stereoCall}/stereo`, { ...auth, range: 'bytes=0-43, 1000-1099, 1050-1199, -16' });
    expect(r.status).toBe(206);
    const type = String(r.headers['content-type']);
    expect(type).toMatch(/^multipart\/byteranges; boundary=/);
    expect(r.headers['content-length']).toBe(String(r.body.length));
    const parts = parseMultipart(r.body, type);
    const want: [number, number][] = [[0, 43], [1000, 1199], [bytes.length - 16, bytes.length - 1]];
    expect(parts).toHaveLength(want.length);
    parts.forEach((p, i) => {
      const [s, e] = want[i]!;
      expect(p.headers['content-type']).toBe('audio/wav');
      expect(p.headers['content-range']).toBe(`bytes ${s}-${e}/${bytes.length}`);
      expect(p.data.equals(bytes.subarray(s, e + 1))).toBe(true);
    });
  });

  it('answers 416 for a range past the end and ignores a malformed one', async () => {
    const r = await raw(port, `/audio/call/${stereoCall}/stereo`, { ...auth, range: `bytes=${bytes.length}-` });
    expect(r.status).toBe(416);
    expect(r.headers['content-range']).toBe(`bytes */${bytes.length}`);
    const bad = await raw(port, `/audio/call/${stereoCall}/stereo`, { ...auth, range: 'bytes=9-1' });
    expect(bad.status).toBe(200);
    expect(bad.body.length).toBe(bytes.length);
  });

  it('answers HEAD without a body, and honours If-Range and If-None-Match', async () => {
    const h = await raw(port, `/audio/call/${stereoCall}/stereo`, auth, 'HEAD');
    expect(h.status).toBe(200);
    expect(h.headers['content-length']).toBe(String(bytes.length));
    expect(h.body.length).toBe(0);
    const etag = String(h.headers.etag);
    expect((await raw(port, `/audio/call/${stereoCall}/stereo`, { ...auth, range: 'bytes=0-9', 'if-range': etag })).status).toBe(206);
    const stale = await raw(port, `/audio/call/${stereoCall}/stereo`, { ...auth, range: 'bytes=0-9', 'if-range': '"stale"' });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(bytes.length);
    expect((await raw(port, `/audio/call/${stereoCall}/stereo`, { ...auth, 'if-none-match': etag })).status).toBe(304);
    expect((await raw(port, `/audio/call/${stereoCall}/stereo`, auth, 'POST')).status).toBe(405);
  });

  it('refuses requests without the token', async () => {
    expect((await raw(port, `/audio/call/${stereoCall}/stereo`)).status).toBe(401);
    expect((await raw(port, `/audio/call/${stereoCall}/stereo`, { authorization: 'Bearer nope' })).status).toBe(401);
    const login = await raw(port, `/login?token=${server.token}`);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect((await raw(port, `/audio/call/${stereoCall}/stereo`, { cookie })).status).toBe(200);
  });

  it('answers 404 for unknown ids and variants and every traversal attempt', async () => {
    const paths = [
      '/audio/call/424242/stereo',
      `/audio/call/${stereoCall}/loud`,
      `/audio/call/${stereoCall}/mono`,
      `/audio/call/0${stereoCall}/stereo`,
      `/audio/call/${stereoCall}/../..%2F..%2Fetc%2Fpasswd`,
      '/audio/call/1/..%2F..%2Fetc%2Fpasswd',
      '/audio/call/..%2F1/stereo',
      '/audio/call/1%2F/stereo',
      '/audio/call/1/stereo%00',
      '/audio/call/%5C1/stereo',
      '/audio/call/1/%E0%A4%A',
      '/audio/call/1/stereo/../../x',
      `/audio/call/${stereoCall}/stereo/`,
      `/audio/call/${stereoCall}//stereo`,
      `/audio/call/${stereoCall}/%73tereo`,
      `/audio/x/../call/${stereoCall}/stereo`,
      `/x/../audio/call/${stereoCall}/stereo`,
    ];
    for (const path of paths) {
      const r = await raw(port, path, auth);
      expect(r.status, path).toBe(404);
      expect(r.body.toString()).not.toContain('root:');
    }
  });

  it('serves peaks that decodePeaks reads, matching the file', async () => {
    const r = await raw(port, `/audio/call/${stereoCall}/stereo/peaks`, auth);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    const peaks = decodePeaks(new Uint8Array(r.body).buffer);
    expect(peaks.channels).toBe(2);
    expect(peaks.levels.length).toBeGreaterThan(0);
    const audio = core.repos.audio.forCall(stereoCall).find((a) => a.variant === 'stereo')!;
    expect(peaks.durationSec).toBeCloseTo(audio.duration_sec!, 3);
  });

  it('answers 404 for a vanished file and marks the call audio as missing', async () => {
    const calls = core.repos.calls.list('startedAt', 'asc', 10, 0).items;
    const victim = calls.map((c) => core.repos.audio.forCall(c.id).find((a) => a.variant === 'caller')).find((a) => a !== undefined)!;
    expect(core.repos.calls.summary(victim.call_id)!.audioMissing).toBe(false);
    rmSync(victim.path);
    const r = await raw(port, `/audio/call/${victim.call_id}/caller`, auth);
    expect(r.status).toBe(404);
    expect(core.repos.calls.summary(victim.call_id)!.audioMissing).toBe(true);
    expect((await raw(port, `/audio/call/${victim.call_id}/caller`, auth)).status).toBe(404);
  });
});
