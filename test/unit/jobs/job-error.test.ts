import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../electron/core/jobs/backoff.js';
import { classifyError, JobError, retryAfterMs } from '../../../electron/core/jobs/job-error.js';

// A loopback server that answers each path with a status, headers and an OpenAI-style error body,
// so the errors below are the real SDK's objects (Headers instance and all), not imitations.
let server: Server;
let baseURL = '';
const replies: Record<string, { status: number; headers?: Record<string, string>; code?: string; message?: string }> = {
  '/v1/r400': { status: 400, message: 'Invalid file format. Supported formats: wav, mp3' },
  '/v1/r401': { status: 401, message: 'Incorrect API key provided: sk-bad***' },
  '/v1/r403': { status: 403, message: 'Project does not have access to model whisper-1' },
  '/v1/r404': { status: 404, message: 'The model does-not-exist does not exist' },
  '/v1/r413': { status: 413, message: 'Maximum content size limit (26214400) exceeded' },
  '/v1/r429s': { status: 429, headers: { 'retry-after': '7' }, message: 'Rate limit reached' },
  '/v1/r429ms': { status: 429, headers: { 'retry-after-ms': '1500', 'retry-after': '99' }, message: 'Rate limit reached' },
  '/v1/r429huge': { status: 429, headers: { 'retry-after': '86400' }, message: 'Rate limit reached' },
  '/v1/r429quota': { status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota' },
  '/v1/r503': { status: 503, message: 'The server is overloaded' },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const r = replies[req.url ?? ''] ?? { status: 500 };
    res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
    res.end(JSON.stringify({ error: { message: r.message ?? 'boom', type: 'test', code: r.code ?? null } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** The error the SDK throws for a path, with its own retries off. */
async function sdkError(path: string, opts: { baseURL?: string; timeout?: number } = {}): Promise<unknown> {
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: opts.baseURL ?? baseURL, maxRetries: 0, timeout: opts.timeout ?? 5000 });
  try {
    await client.get(path.replace(/^\/v1/, ''));
  } catch (err) {
    return err;
  }
  throw new Error(`expected ${path} to fail`);
}

describe('classifyError on the openai SDK errors', () => {
  it('fails 401 at once with a message a reviewer can act on', async () => {
    const e = classifyError(await sdkError('/v1/r401'), { service: 'OpenAI' });
    expect(e).toMatchObject({ code: 'unauthorized', retryable: false, retryAfterMs: null });
    expect(e.message).toBe('OpenAI rejected the API key (401). Check the key in Settings.');
  });

  it.each([
    ['/v1/r400', 'bad-request', /OpenAI rejected the request as invalid \(400\).*It said: Invalid file format/],
    ['/v1/r403', 'forbidden', /OpenAI refused access \(403\).*Check the key in Settings\..*whisper-1/],
    ['/v1/r404', 'not-found', /OpenAI does not know this model or address \(404\)/],
    ['/v1/r413', 'too-large', /^The audio is too large for OpenAI \(413\)/],
    ['/v1/r429quota', 'quota', /no credit left \(429 insufficient_quota\)/],
  ])('does not retry %s (%s)', async (path, code, message) => {
    const e = classifyError(await sdkError(path), { service: 'OpenAI' });
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(message);
  });

  it('retries 429 and honours Retry-After in seconds, retry-after-ms first, capped', async () => {
    expect(classifyError(await sdkError('/v1/r429s'))).toMatchObject({ code: 'rate-limited', retryable: true, retryAfterMs: 7000 });
    expect(classifyError(await sdkError('/v1/r429ms'))).toMatchObject({ retryable: true, retryAfterMs: 1500 });
    expect(classifyError(await sdkError('/v1/r429huge'))).toMatchObject({ retryable: true, retryAfterMs: 10 * 60_000 });
    expect(classifyError(await sdkError('/v1/r429huge'), { maxRetryAfterMs: 30_000 }).retryAfterMs).toBe(30_000);
  });

  it('retries 5xx, a refused connection and a timeout', async () => {
    expect(classifyError(await sdkError('/v1/r503'), { service: 'OpenAI' })).toMatchObject({ code: 'server-error', retryable: true, message: 'OpenAI had a server error (503). It said: The server is overloaded' });
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const refused = classifyError(await sdkError('/v1/x', { baseURL: `http://127.0.0.1:${port}/v1` }), { service: 'OpenAI' });
    expect(refused).toMatchObject({ code: 'network', retryable: true });
    expect(refused.message).toMatch(/^Could not reach OpenAI \(ECONNREFUSED\)/);

    const slow = createServer(() => {}); // never answers
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const timedOut = classifyError(await sdkError('/v1/x', { baseURL: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/v1`, timeout: 50 }));
      expect(timedOut).toMatchObject({ code: 'timeout', retryable: true });
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((r) => slow.close(() => r()));
    }
  });
});

describe('classifyError on other errors', () => {
  it('passes JobErrors through and reads plain header records', () => {
    const mine = new JobError('custom', 'mine', { retryable: false });
    expect(classifyError(mine)).toBe(mine);
    const e = classifyError({ status: 429, headers: { 'Retry-After': '2' }, message: 'slow down' });
    expect(e).toMatchObject({ code: 'rate-limited', retryAfterMs: 2000 });
    expect(classifyError({ status: 408 })).toMatchObject({ code: 'timeout', retryable: true });
    expect(classifyError({ status: 409 })).toMatchObject({ code: 'conflict', retryable: true });
    expect(classifyError({ status: 422, message: '422 nope' })).toMatchObject({ code: 'http-422', retryable: false, message: 'The server rejected the request (422); retrying will not help. It said: nope' });
  });

  it('treats socket errors as network and anything else as a retryable internal error', () => {
    expect(classifyError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toMatchObject({ code: 'network', retryable: true });
    expect(classifyError(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }) }))).toMatchObject({ code: 'network' });
    expect(classifyError(new Error('disk full'))).toMatchObject({ code: 'internal', retryable: true, message: 'disk full' });
    expect(classifyError('a string')).toMatchObject({ code: 'internal', message: 'a string' });
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  it('reads seconds, an HTTP date, and ignores junk', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), 60_000, now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sat, 01 Mar 2025 12:00:45 GMT' }), 60_000, now)).toBe(45_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sat, 01 Mar 2025 11:00:00 GMT' }), 60_000, now)).toBe(0);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), 60_000, now)).toBeNull();
    expect(retryAfterMs(new Headers(), 60_000, now)).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
    expect(retryAfterMs({ 'retry-after': ['4'] }, 60_000, now)).toBe(4000);
    expect(retryAfterMs(new Headers({ 'retry-after': '120' }), 60_000, now)).toBe(60_000);
  });
});

describe('retryDelayMs', () => {
  const policy = (random: () => number) => ({ baseDelayMs: 1000, maxDelayMs: 10_000, maxRetryAfterMs: 30_000, random });

  it('is full jitter: random(0, min(cap, base·2^(attempt−1)))', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, null, policy(() => 1)))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(retryDelayMs(3, null, policy(() => 0))).toBe(0);
    expect(retryDelayMs(3, null, policy(() => 0.25))).toBe(1000);
    let seed = 1;
    const lcg = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = Math.min(10_000, 1000 * 2 ** (attempt - 1));
      const delays = Array.from({ length: 200 }, () => retryDelayMs(attempt, null, policy(lcg)));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays)).toBeLessThanOrEqual(ceiling);
      // Jitter spreads them: not all the same.
      expect(new Set(delays).size).toBeGreaterThan(50);
    }
  });

  it('uses Retry-After instead when given, capped', () => {
    expect(retryDelayMs(1, 7000, policy(() => 0))).toBe(7000);
    expect(retryDelayMs(1, 90_000, policy(() => 0))).toBe(30_000);
  });
});
