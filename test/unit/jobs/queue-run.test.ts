import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { JobInfo, QueueStatus } from '../../../shared/jobs.js';
import type { JobHandler } from '../../../electron/core/jobs/types.js';
import { cleanup, deferred, makeQueue, openLib, sleep, waitFor, writeHandler, written, type Lib } from './queue-fixture.js';

afterEach(cleanup);

/** A call row for jobs to point at (jobs.call_id is a foreign key). */
function addCall(lib: Lib, key: string): number {
  const now = new Date().toISOString();
  return Number(
    lib.db.prepare(`INSERT INTO calls (source, external_id, import_key, created_at, updated_at) VALUES ('folder', ?, ?, ?, ?)`).run(key, key, now, now).lastInsertRowid,
  );
}

/** The jobs:changed payloads for one job, in order. */
function changesOf(lib: Lib, id: number): JobInfo[] {
  return lib.events.filter((e) => e.name === 'jobs:changed').map((e) => e.payload as JobInfo).filter((j) => j.id === id);
}

describe('JobQueue: running jobs', () => {
  it('runs a job, applies its commit with the success, stores its result and reports every step as events', async () => {
    const lib = openLib();
    const q = makeQueue(lib);
    q.register(writeHandler(lib));
    const { job, created } = q.enqueue('write', { key: 'out.a', value: 7 });
    expect(created).toBe(true);
    expect(job).toMatchObject({ type: 'write', state: 'queued', attempts: 0, maxAttempts: 5, priority: 0, callId: null });
    const summary = await q.runUntilIdle();
    expect(summary).toEqual({ succeeded: 1, failed: 0, retried: 0, paused: false });
    expect(written(lib, 'out.a')).toBe(7);
    const done = q.get(job.id)!;
    expect(done).toMatchObject({ state: 'succeeded', attempts: 1, progress: 1, result: { wrote: 'out.a' }, errorCode: null });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    // Events: what the renderer gets is schema-valid and walks queued → running → succeeded.
    const states = changesOf(lib, job.id).map((j) => JobInfo.parse(j).state);
    expect(states).toEqual(['queued', 'running', 'succeeded']);
    const queueEvents = lib.events.filter((e) => e.name === 'jobs:queue').map((e) => QueueStatus.parse(e.payload));
    expect(queueEvents.at(-1)).toEqual({ paused: false, concurrency: 2, counts: { queued: 0, running: 0, succeeded: 1, failed: 0, canceled: 0 } });
  });

  it('validates payloads on enqueue and refuses unknown types', () => {
    const lib = openLib();
    const q = makeQueue(lib);
    q.register(writeHandler(lib));
    expect(() => q.enqueue('write', { key: '', value: 1 })).toThrow(/Invalid write job: key:/);
    expect(() => q.enqueue('write', { key: 'k', value: 'x' })).toThrow(/value/);
    expect(() => q.enqueue('nope', {})).toThrow(/Unknown job type "nope"/);
    expect(() => q.register(writeHandler(lib))).toThrow(/registered twice/);
    expect(q.list()).toEqual([]);
  });

  it('writes throttled progress with note and ETA while running', async () => {
    const lib = openLib();
    const q = makeQueue(lib, { progressIntervalMs: 40 });
    const gate = deferred();
    q.register(
      writeHandler(lib, async (_p, ctx) => {
        // A burst: only the first is written at once, the latest follows at the interval's end.
        for (let i = 1; i <= 50; i++) ctx.progress(i / 100, `chunk ${i}`, 100 - i);
        await gate.promise;
        ctx.progress(7, null, Number.NaN); // clamped to 1, bad ETA dropped
        await sleep(60);
      }),
    );
    const { job } = q.enqueue('write', { key: 'p', value: 1 });
    q.start();
    await waitFor(() => q.get(job.id)?.progressNote === 'chunk 50', 'the trailing progress write');
    expect(q.get(job.id)).toMatchObject({ state: 'running', progress: 0.5, etaSec: 50 });
    const running = changesOf(lib, job.id).filter((j) => j.state === 'running' && j.progress !== null);
    expect(running.map((j) => j.progressNote)).toEqual(['chunk 1', 'chunk 50']);
    gate.resolve();
    await waitFor(() => changesOf(lib, job.id).some((j) => j.state === 'running' && j.progress === 1 && j.progressNote === null && j.etaSec === null), 'clamped progress');
    await waitFor(() => q.get(job.id)?.state === 'succeeded', 'success');
  });

  it('keeps at most one active job per dedupe key (one transcription per call)', async () => {
    const lib = openLib();
    const callA = addCall(lib, 'a');
    const callB = addCall(lib, 'b');
    const q = makeQueue(lib);
    const gate = deferred();
    const Transcribe = z.object({ model: z.string() });
    const runs: number[] = [];
    const handler: JobHandler<z.infer<typeof Transcribe>> = {
      type: 'transcribe',
      payload: Transcribe,
      dedupeKey: (_p, callId) => (callId === null ? null : `transcribe:${callId}`),
      run: async (_p, ctx) => {
        runs.push(ctx.job.callId!);
        await gate.promise;
        return {};
      },
    };
    q.register(handler);
    const first = q.enqueue('transcribe', { model: 'm' }, { callId: callA });
    const again = q.enqueue('transcribe', { model: 'other' }, { callId: callA });
    const other = q.enqueue('transcribe', { model: 'm' }, { callId: callB });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, job: { id: first.job.id } });
    expect(other.created).toBe(true);
    q.start();
    await waitFor(() => q.get(first.job.id)?.state === 'running', 'first running');
    // Still active while running.
    expect(q.enqueue('transcribe', { model: 'm' }, { callId: callA }).created).toBe(false);
    // The database itself refuses a second active row with the key, whatever the code path.
    expect(() =>
      lib.db.prepare(`INSERT INTO jobs (type, call_id, dedupe_key, created_at, updated_at) VALUES ('transcribe', ?, ?, 'x', 'x')`).run(callA, `transcribe:${callA}`),
    ).toThrow(/UNIQUE/);
    gate.resolve();
    await waitFor(() => q.list({ states: ['succeeded'] }).length === 2, 'both done');
    // Once the first ended, the call can be transcribed again.
    const later = q.enqueue('transcribe', { model: 'm' }, { callId: callA });
    expect(later.created).toBe(true);
    expect(later.job.id).not.toBe(first.job.id);
    await waitFor(() => q.get(later.job.id)?.state === 'succeeded', 'second transcription');
    expect(runs.sort()).toEqual([callA, callA, callB].sort());
  });

  it('fails rows whose payload or type is bad and keeps running the rest', async () => {
    const lib = openLib();
    const q = makeQueue(lib);
    const failedJobs: number[] = [];
    q.register(writeHandler(lib, () => {}, { onFailed: (job) => failedJobs.push(job.id) }));
    const notJson = q.enqueue('write', { key: 'a', value: 1 }).job.id;
    const wrongShape = q.enqueue('write', { key: 'b', value: 2 }).job.id;
    const unknownType = q.enqueue('write', { key: 'c', value: 3 }).job.id;
    const good = q.enqueue('write', { key: 'd', value: 4 }).job.id;
    // Damage the rows the way a bug, an older build or a hand edit might.
    lib.db.prepare(`UPDATE jobs SET payload = '{oops' WHERE id = ?`).run(notJson);
    lib.db.prepare(`UPDATE jobs SET payload = '{"key":"b","value":"two"}' WHERE id = ?`).run(wrongShape);
    lib.db.prepare(`UPDATE jobs SET type = 'from-the-future' WHERE id = ?`).run(unknownType);
    const summary = await q.runUntilIdle();
    expect(summary).toMatchObject({ succeeded: 1, failed: 3 });
    expect(q.get(notJson)).toMatchObject({ state: 'failed', errorCode: 'bad-payload', errorMessage: expect.stringMatching(/not JSON/) });
    expect(q.get(wrongShape)).toMatchObject({ state: 'failed', errorCode: 'bad-payload', errorMessage: expect.stringMatching(/\(value: /) });
    expect(q.get(unknownType)).toMatchObject({ state: 'failed', errorCode: 'bad-payload', errorMessage: expect.stringMatching(/no handler for job type "from-the-future"/) });
    expect(q.get(good)!.state).toBe('succeeded');
    expect(written(lib, 'b')).toBeNull();
    expect(written(lib, 'd')).toBe(4);
    expect(failedJobs.sort()).toEqual([notJson, wrongShape].sort());
  });

  it('runs at most `concurrency` jobs at once, across queues sharing the library, and follows a new setting', async () => {
    const lib = openLib();
    const lib2 = openLib(lib.file);
    let active = 0;
    let peak = 0;
    const body = async () => {
      active++;
      peak = Math.max(peak, active);
      await sleep(30);
      active--;
    };
    const a = makeQueue(lib);
    const b = makeQueue(lib2);
    a.register(writeHandler(lib, body));
    b.register(writeHandler(lib2, body));
    for (let i = 0; i < 8; i++) a.enqueue('write', { key: `c${i}`, value: i });
    expect(a.concurrency()).toBe(2);
    await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
    expect(peak).toBe(2);
    expect(a.status().counts.succeeded).toBe(8);

    peak = 0;
    b.setConcurrency(3);
    expect(a.concurrency()).toBe(3);
    for (let i = 0; i < 9; i++) a.enqueue('write', { key: `d${i}`, value: i });
    await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
    expect(peak).toBe(3);
    expect(() => a.setConcurrency(0)).toThrow(/1 to 8/);
    expect(() => a.setConcurrency(9)).toThrow(/1 to 8/);
    expect(() => a.setConcurrency(1.5)).toThrow(/1 to 8/);
  });

  it('pauses and resumes, and every queue on the library sees it', async () => {
    const lib = openLib();
    const q = makeQueue(lib);
    q.register(writeHandler(lib));
    q.pause();
    expect(makeQueue(openLib(lib.file)).isPaused()).toBe(true);
    const { job } = q.enqueue('write', { key: 'k', value: 1 });
    expect(await q.runUntilIdle()).toEqual({ succeeded: 0, failed: 0, retried: 0, paused: true });
    await sleep(50); // several polls
    expect(q.get(job.id)!.state).toBe('queued');
    expect(lib.events.filter((e) => e.name === 'jobs:queue').map((e) => (e.payload as { paused: boolean }).paused)).toContain(true);
    q.resume();
    await waitFor(() => q.get(job.id)?.state === 'succeeded', 'run after resume');
    expect(q.isPaused()).toBe(false);
  });

  it('claims by priority, then age', async () => {
    const lib = openLib();
    const q = makeQueue(lib);
    const order: string[] = [];
    q.register(writeHandler(lib, (p) => void order.push(p.key)));
    q.setConcurrency(1);
    q.enqueue('write', { key: 'low-old', value: 1 });
    q.enqueue('write', { key: 'high', value: 1 }, { priority: 5 });
    q.enqueue('write', { key: 'low-new', value: 1 });
    await q.runUntilIdle();
    expect(order).toEqual(['high', 'low-old', 'low-new']);
    expect(q.list({ states: ['succeeded'], limit: 2 }).map((j) => j.id)).toEqual([3, 2]);
  });
});
