import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobHandler } from '../../../electron/core/jobs/types.js';
import { cleanup, makeQueue, ManualClock, openLib, rawJob, sleep, waitFor, writeHandler, written, type Lib } from './queue-fixture.js';

afterEach(cleanup);

/** An HTTP-ish error like the openai SDK's: a status and a Headers instance. */
function httpError(status: number, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`${status} test`), { status, headers: new Headers(headers) });
}

/** Waits until the job is queued again after failing try `attempts`, and returns its raw row. */
async function waitRequeued(lib: Lib, id: number, attempts: number) {
  return waitFor(() => {
    const r = rawJob(lib, id);
    return r.state === 'queued' && r.attempts === attempts ? r : null;
  }, `job ${id} requeued after try ${attempts}`);
}

describe('JobQueue: retries', () => {
  it('backs off with full jitter, doubling up to the cap, and gives up after maxAttempts with a clear message', async () => {
    const lib = openLib();
    const clock = new ManualClock();
    const q = makeQueue(lib, { clock: clock.now, baseDelayMs: 1000, maxDelayMs: 3000, random: () => 0.5 });
    const handler = writeHandler(
      lib,
      () => {
        throw httpError(503);
      },
      { service: 'OpenAI', onFailed: (job, e) => lib.repos.settings.set(`failed.${job.id}`, e.message) },
    );
    q.register(handler);
    const { job } = q.enqueue('write', { key: 'k', value: 1 }, { maxAttempts: 4 });
    q.start();
    // Waits are random(0, min(3000, 1000·2^(n−1))) with random = 0.5: 500, 1000, 1500.
    for (const [attempt, wait] of [
      [1, 500],
      [2, 1000],
      [3, 1500],
    ] as const) {
      const row = await waitRequeued(lib, job.id, attempt);
      expect(row.next_run_at).toBe(clock.iso(wait));
      expect(q.get(job.id)).toMatchObject({ errorCode: 'server-error', errorMessage: 'OpenAI had a server error (503). It said: test' });
      clock.advance(wait - 1);
      await sleep(30); // a few polls: not due yet
      expect(handler.runs).toBe(attempt);
      clock.advance(1);
    }
    await waitFor(() => q.get(job.id)?.state === 'failed', 'the final failure');
    expect(handler.runs).toBe(4);
    const failed = q.get(job.id)!;
    expect(failed).toMatchObject({ attempts: 4, errorCode: 'server-error', errorMessage: 'Gave up after 4 tries: OpenAI had a server error (503). It said: test' });
    expect(lib.repos.settings.get(`failed.${job.id}`, z.string(), '')).toBe(failed.errorMessage);
    expect(lib.events.filter((e) => e.name === 'jobs:changed' && (e.payload as { id: number }).id === job.id).map((e) => (e.payload as { state: string }).state)).toEqual([
      'queued',
      ...Array(3).fill(['running', 'queued']).flat(),
      'running',
      'failed',
    ]);
  });

  it('keeps jitter within bounds', async () => {
    const lib = openLib();
    const clock = new ManualClock();
    const draws = [0.999, 0.3, 0.01];
    const q = makeQueue(lib, { clock: clock.now, baseDelayMs: 1000, maxDelayMs: 60_000, random: () => draws.shift() ?? 0 });
    q.register(
      writeHandler(lib, () => {
        throw new Error('flaky disk');
      }),
    );
    const { job } = q.enqueue('write', { key: 'k', value: 1 });
    q.start();
    const expected = [Math.round(0.999 * 1000), Math.round(0.3 * 2000), Math.round(0.01 * 4000)];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const row = await waitRequeued(lib, job.id, attempt);
      const wait = Date.parse(row.next_run_at!) - clock.ms;
      expect(wait).toBe(expected[attempt - 1]);
      expect(wait).toBeLessThanOrEqual(1000 * 2 ** (attempt - 1));
      clock.advance(wait);
    }
  });

  it('honours Retry-After instead of the backoff, capped at maxRetryAfterMs', async () => {
    const lib = openLib();
    const clock = new ManualClock();
    const q = makeQueue(lib, { clock: clock.now, baseDelayMs: 10, random: () => 0, maxRetryAfterMs: 30_000 });
    const replies = [httpError(429, { 'retry-after': '7' }), httpError(429, { 'retry-after': '3600' })];
    const handler = writeHandler(lib, () => {
      const next = replies.shift();
      if (next) throw next;
    });
    q.register(handler);
    const { job } = q.enqueue('write', { key: 'k', value: 3 });
    q.start();
    expect((await waitRequeued(lib, job.id, 1)).next_run_at).toBe(clock.iso(7000));
    expect(q.get(job.id)!.errorCode).toBe('rate-limited');
    clock.advance(6999);
    await sleep(30);
    expect(handler.runs).toBe(1);
    clock.advance(1);
    expect((await waitRequeued(lib, job.id, 2)).next_run_at).toBe(clock.iso(30_000));
    clock.advance(30_000);
    await waitFor(() => q.get(job.id)?.state === 'succeeded', 'success');
    expect(written(lib, 'k')).toBe(3);
  });

  it('retry() on a job waiting out its backoff runs it now', async () => {
    const lib = openLib();
    const clock = new ManualClock();
    const q = makeQueue(lib, { clock: clock.now, baseDelayMs: 60_000, random: () => 1 });
    let fail = true;
    q.register(
      writeHandler(lib, () => {
        if (fail) throw new Error('once');
      }),
    );
    const { job } = q.enqueue('write', { key: 'k', value: 1 });
    q.start();
    await waitRequeued(lib, job.id, 1);
    fail = false;
    expect(q.retry(job.id).nextRunAt).toBe(clock.iso());
    await waitFor(() => q.get(job.id)?.state === 'succeeded', 'success');
    expect(q.get(job.id)!.attempts).toBe(2);
  });
});

describe('JobQueue: commit atomicity', () => {
  it('a commit that throws leaves nothing half-written and the job not succeeded', async () => {
    const lib = openLib();
    const q = makeQueue(lib, { random: () => 1, baseDelayMs: 100 });
    let commits = 0;
    const handler: JobHandler<{ n: number }> = {
      type: 'two-writes',
      payload: z.object({ n: z.number() }),
      run: async (p) => ({
        commit: () => {
          commits++;
          lib.repos.settings.set('first', p.n);
          if (commits === 1) throw new Error('disk I/O error while writing the second half');
          lib.repos.settings.set('second', p.n);
        },
        result: { n: p.n },
      }),
    };
    q.register(handler);
    const { job } = q.enqueue('two-writes', { n: 9 }, { maxAttempts: 2 });
    q.start();
    const retried = await waitRequeued(lib, job.id, 1);
    expect(retried.state).toBe('queued');
    expect(q.get(job.id)).toMatchObject({ errorCode: 'internal', errorMessage: 'disk I/O error while writing the second half', result: null });
    await waitFor(() => q.get(job.id)?.state === 'succeeded', 'the second try');
    expect(commits).toBe(2);
    expect(written(lib, 'first')).toBe(9);
    expect(written(lib, 'second')).toBe(9);
  });

  it('with no tries left the job fails and the commit leaves no trace', async () => {
    const lib = openLib();
    const q = makeQueue(lib);
    q.register({
      type: 'bad-commit',
      payload: z.object({}),
      run: async () => ({
        commit: () => {
          lib.repos.settings.set('half', 1);
          throw new Error('constraint failed');
        },
      }),
    });
    const { job } = q.enqueue('bad-commit', {}, { maxAttempts: 1 });
    expect(await q.runUntilIdle()).toMatchObject({ succeeded: 0, failed: 1 });
    expect(q.get(job.id)).toMatchObject({ state: 'failed', errorCode: 'internal', errorMessage: 'Gave up after 1 tries: constraint failed', progress: null });
    expect(written(lib, 'half')).toBeNull();
  });

  it('an onFailed that throws still fails the job, and its own writes are undone', async () => {
    const lib = openLib();
    const logs: string[] = [];
    const q = makeQueue(lib, { log: (m) => logs.push(m) });
    q.register(
      writeHandler(
        lib,
        () => {
          throw httpError(400);
        },
        {
          onFailed: () => {
            lib.repos.settings.set('activity', 1);
            throw new Error('activity insert failed');
          },
        },
      ),
    );
    const { job } = q.enqueue('write', { key: 'k', value: 1 });
    await q.runUntilIdle();
    expect(q.get(job.id)).toMatchObject({ state: 'failed', errorCode: 'bad-request', attempts: 1 });
    expect(written(lib, 'activity')).toBeNull();
    expect(logs.some((m) => m.includes('onFailed') && m.includes('activity insert failed'))).toBe(true);
  });
});

describe('JobQueue over real HTTP', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  /** A loopback API that answers with the scripted statuses in turn, then 200 {"text":"ok"}. */
  async function api(script: { status: number; headers?: Record<string, string> }[]) {
    const hits: number[] = [];
    server = createServer((_req, res) => {
      hits.push(Date.now());
      const step = script.shift() ?? { status: 200 };
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(JSON.stringify(step.status === 200 ? { text: 'ok' } : { error: { message: `status ${step.status}` } }));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1/audio/transcriptions`, hits };
  }

  /** A handler that POSTs to the API and commits the text; HTTP failures become status + headers errors. */
  function fetchHandler(lib: Lib, url: string): JobHandler<{ key: string }> {
    return {
      type: 'fetch',
      payload: z.object({ key: z.string() }),
      service: 'OpenAI',
      run: async (p, ctx) => {
        const res = await fetch(url, { method: 'POST', signal: ctx.signal });
        const body = (await res.json()) as { text?: string; error?: { message: string } };
        if (!res.ok) throw Object.assign(new Error(`${res.status} ${body.error?.message ?? ''}`), { status: res.status, headers: res.headers });
        return { commit: () => lib.repos.settings.set(p.key, body.text ?? ''), result: { text: body.text ?? '' } };
      },
    };
  }

  it('429 with Retry-After: waits as asked and then succeeds', async () => {
    const { url, hits } = await api([{ status: 429, headers: { 'retry-after-ms': '150' } }]);
    const lib = openLib();
    const q = makeQueue(lib, { baseDelayMs: 1 });
    q.register(fetchHandler(lib, url));
    const { job } = q.enqueue('fetch', { key: 'transcript' });
    expect(await q.runUntilIdle()).toEqual({ succeeded: 1, failed: 0, retried: 1, paused: false });
    expect(hits).toHaveLength(2);
    expect(hits[1]! - hits[0]!).toBeGreaterThanOrEqual(140);
    expect(q.get(job.id)).toMatchObject({ state: 'succeeded', attempts: 2, result: { text: 'ok' } });
    expect(lib.repos.settings.get('transcript', z.string(), '')).toBe('ok');
  });

  it.each([
    [401, 'unauthorized', 'OpenAI rejected the API key (401). Check the key in Settings.'],
    [413, 'too-large', 'The audio is too large for OpenAI (413); it has to be sent in smaller pieces.'],
  ])('%i: fails at once with a message a reviewer understands', async (status, code, message) => {
    const { url, hits } = await api([{ status }, { status }]);
    const lib = openLib();
    const q = makeQueue(lib);
    q.register(fetchHandler(lib, url));
    const { job } = q.enqueue('fetch', { key: 'transcript' });
    expect(await q.runUntilIdle()).toMatchObject({ succeeded: 0, failed: 1, retried: 0 });
    expect(hits).toHaveLength(1);
    expect(q.get(job.id)).toMatchObject({ state: 'failed', attempts: 1, errorCode: code, errorMessage: message });
  });
});
