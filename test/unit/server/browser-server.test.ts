import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { createHandlers } from '../../../electron/core/handlers.js';
import { startBrowserServer, type BrowserServer } from '../../../electron/server/browser-server.js';

const fixtures = fileURLToPath(new URL('../../fixtures/call_recordings', import.meta.url));

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so odd paths reach the server exactly as written. */
function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('browser mode server', () => {
  let core: Core;
  let server: BrowserServer;
  let port: number;
  let auth: Record<string, string>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cr-srv-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    core = createCore(join(dir, 'data'));
    server = await startBrowserServer({ handlers: createHandlers(core, { mode: 'browser', version: 't' }), bus: core.bus, core, rendererDir, port: 0 });
    port = Number(new URL(server.url).port);
    auth = { authorization: `Bearer ${server.token}` };
  });
  afterAll(async () => {
    await server.close();
    core.close();
  });

  it('listens on 127.0.0.1 only and prints a login URL with the token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.loginUrl).toBe(`${server.url}login?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses every request without the token', async () => {
    for (const path of ['/', '/assets/app.js', '/api/events', '/api/invoke/app:info']) {
      const method = path.startsWith('/api/invoke') ? 'POST' : 'GET';
      expect((await raw(port, path, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined })).status, path).toBe(401);
    }
    expect((await raw(port, '/', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await raw(port, '/login?token=wrong')).status).toBe(401);
  });

  it('exchanges the token for an HttpOnly SameSite cookie that then works', async () => {
    const login = await raw(port, `/login?token=${server.token}`);
    expect(login.status).toBe(302);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await raw(port, '/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await raw(port, '/', { headers: { ...auth, host: 'evil.example:80' } })).status).toBe(421);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/..%2Fsecret.txt', '/assets/..%2F..%2Fsecret.txt', '/%5C..%5Csecret.txt', '/index.html%00.js', '/%E0%A4%A', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      const r = await raw(port, path, { headers: auth });
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('do not serve');
    }
  });

  it('answers channels with envelopes and validates input', async () => {
    const call = async (channel: string, body: unknown) =>
      JSON.parse((await raw(port, `/api/invoke/${channel}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) })).body) as unknown;
    expect(await call('app:info', {})).toMatchObject({ ok: true, value: { mode: 'browser', canPickFolders: false } });
    expect(await call('nope:nothing', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await call('library:get', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('library:get', { id: 1, extra: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('library:get', { id: 424242 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call('sources:addFolder', { path: 'a\u0000b' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('dialog:pickFolder', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('refuses non-JSON bodies, broken JSON and oversized bodies', async () => {
    expect((await raw(port, '/api/invoke/app:info', { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    const broken = await raw(port, '/api/invoke/app:info', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"a":' });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const big = await raw(port, '/api/invoke/app:info', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: `"${'x'.repeat(1_100_000)}"` }).catch(() => ({ status: 413 }));
    expect(big.status).toBe(413);
  });

  it('streams import events to an authorised event stream', async () => {
    const events: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: auth }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          events.push(chunk);
          if (events.join('').includes('"finished":true')) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (e) => (String(e).includes('socket hang up') ? resolve() : reject(e)));
      req.end();
      setTimeout(() => {
        void core.library.addFolder(fixtures, false);
      }, 100);
    });
    await done;
    const text = events.join('');
    expect(text).toContain('event: library:importProgress');
    expect(text).toContain('event: library:changed');
  });
});
