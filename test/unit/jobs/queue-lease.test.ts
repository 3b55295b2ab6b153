import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { createCore } from '../../../electron/core/app-core.js';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, deferred, makeQueue, ManualClock, openLib, rawJob, sleep, waitFor, writeHandler, written } from './queue-fixture.js';

afterEach(cleanup);

/** The pid of a process that has already exited: an owner id with it names a dead worker. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not spawn');
  return child.pid;
}

describe('JobQueue: leases', () => {
  it('claims under a lease and extends it with heartbeats while the handler runs', async () => {
    const lib = openLib();
    const clock = new ManualClock();
    const q = makeQueue(lib, { clock: clock.now, leaseMs: 90 });
    const gate = deferred();
    q.register(writeHandler(lib, () => gate.promise));
    const { job } = q.enqueue('write', { key: 'k', value: 1 });
    q.start();
    await waitFor(() => q.get(job.id)?.state === 'running', 'claim');
    expect(rawJob(lib, job.id)).toMatchObject({ lease_owner: q.owner, lease_until: clock.iso(90), heartbeat_at: clock.iso(), attempts: 1 });
    expect(q.get(job.id)!.startedAt).toBe(clock.iso());
    clock.advance(60);
    await waitFor(() => rawJob(lib, job.id).heartbeat_at === clock.iso(), 'a heartbeat');
    expect(rawJob(lib, job.id).lease_until).toBe(clock.iso(90));
    // Past the first lease's end, but it was extended: another worker must not take the job.
    clock.advance(60);
    const other = makeQueue(openLib(lib.file), { clock: clock.now, leaseMs: 90 });
    const otherHandler = writeHandler(lib);
    other.register(otherHandler);
    await waitFor(() => rawJob(lib, job.id).heartbeat_at === clock.iso(), 'the next heartbeat');
    other.start();
    await sleep(50);
    expect(otherHandler.runs).toBe(0);
    gate.resolve();
    await waitFor(() => q.get(job.id)?.state === 'succeeded', 'success');
    expect(rawJob(lib, job.id)).toMatchObject({ lease_owner: null, lease_until: null, attempts: 1 });
  });

  it('renews rather than reruns its own job when its heartbeat came late', async () => {
    const lib = openLib();
    const clock = new ManualClock();
    // Heartbeats every 200 s of real time: none comes during this test.
    const q = makeQueue(lib, { clock: clock.now, leaseMs: 600_000 });
    const gate = deferred();
    const handler = writeHandler(lib, () => gate.promise);
    q.register(handler);
    const { job } = q.enqueue('write', { key: 'k', value: 1 });
    q.start();
    await waitFor(() => q.get(job.id)?.state === 'running', 'claim');
    clock.advance(600_001);
    await waitFor(() => rawJob(lib, job.id).lease_until === clock.iso(600_000), 'the lease renewed');
    expect(handler.runs).toBe(1);
    expect(rawJob(lib, job.id).attempts).toBe(1);
    gate.resolve();
    await waitFor(() => q.get(job.id)?.state === 'succeeded', 'success');
    expect(handler.runs).toBe(1);
  });

  it('reclaims a job whose worker died once its lease expires; the dead worker\'s late result is discarded', async () => {
    const clock = new ManualClock();
    const crashed = openLib();
    const a = makeQueue(crashed, { clock: clock.now, leaseMs: 30_000 });
    const never = deferred();
    const aHandler = writeHandler(crashed, () => never.promise);
    a.register(aHandler);
    const { job } = a.enqueue('write', { key: 'result', value: 1 });
    a.start();
    await waitFor(() => a.get(job.id)?.state === 'running', 'claim by the first worker');
    // The "crash": its connection goes away mid-job; it never stops, releases or heartbeats again.
    crashed.db.close();

    const lib = openLib(crashed.file);
    const b = makeQueue(lib, { clock: clock.now, leaseMs: 30_000 });
    const bHandler = writeHandler(lib, (p) => void lib.repos.settings.set('b.ran', p.value));
    b.register(bHandler);
    b.start();
    await sleep(40);
    expect(bHandler.runs).toBe(0); // the lease still stands
    clock.advance(30_001);
    await waitFor(() => b.get(job.id)?.state === 'succeeded', 'the reclaimed job to finish');
    expect(b.get(job.id)).toMatchObject({ attempts: 2, state: 'succeeded' });
    expect(bHandler.runs).toBe(1);
    expect(written(lib, 'result')).toBe(1);
    // The first worker's handler returning now changes nothing.
    never.resolve();
    await sleep(20);
    expect(b.get(job.id)).toMatchObject({ attempts: 2, state: 'succeeded' });
  });

  it('reclaims at once from a worker process on this machine that no longer exists', async () => {
    const dead = openLib();
    const a = makeQueue(dead, { owner: `${hostname()}:${deadPid()}:dead0001`, leaseMs: 600_000 });
    a.register(writeHandler(dead, () => new Promise(() => {})));
    const { job } = a.enqueue('write', { key: 'k', value: 5 });
    a.start();
    await waitFor(() => a.get(job.id)?.state === 'running', 'claim');
    dead.db.close();

    const lib = openLib(dead.file);
    const b = makeQueue(lib, { leaseMs: 600_000 });
    b.register(writeHandler(lib));
    expect(await b.runUntilIdle()).toMatchObject({ succeeded: 1 });
    expect(b.get(job.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(written(lib, 'k')).toBe(5);
  });

  it('fails a crashed job that has used up its tries, with onFailed in the same transaction', async () => {
    const clock = new ManualClock();
    const dead = openLib();
    const a = makeQueue(dead, { clock: clock.now, leaseMs: 1000 });
    a.register(writeHandler(dead, () => new Promise(() => {})));
    const { job } = a.enqueue('write', { key: 'k', value: 1 }, { maxAttempts: 1 });
    a.start();
    await waitFor(() => a.get(job.id)?.state === 'running', 'claim');
    dead.db.close();

    const lib = openLib(dead.file);
    const b = makeQueue(lib, { clock: clock.now, leaseMs: 1000 });
    const handler = writeHandler(lib, () => {}, { onFailed: (j, e) => lib.repos.settings.set(`failed.${j.id}`, e.code) });
    b.register(handler);
    clock.advance(1001);
    expect(await b.runUntilIdle()).toMatchObject({ succeeded: 0, failed: 1 });
    expect(b.get(job.id)).toMatchObject({ state: 'failed', errorCode: 'crashed', attempts: 1 });
    expect(b.get(job.id)!.errorMessage).toMatch(/stopped \(crashed or was killed\)/);
    expect(handler.runs).toBe(0);
    expect(lib.db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(`failed.${job.id}`)).toBe('"crashed"');
  });

  it('createCore has an idle queue; closing the core puts a running job back', async () => {
    const file = openLib().file;
    const core = createCore(dirname(file), { jobs: { pollMs: 10 } });
    let aborted = false;
    core.jobs.register(
      writeHandler({ file, db: core.repos.db, repos: core.repos, bus: core.bus, events: [] }, (_p, ctx) => {
        ctx.signal.addEventListener('abort', () => (aborted = true));
        return new Promise(() => {});
      }),
    );
    const { job } = core.jobs.enqueue('write', { key: 'k', value: 1 });
    await sleep(30);
    expect(core.jobs.get(job.id)!.state).toBe('queued'); // shells start it, createCore does not
    core.jobs.start();
    await waitFor(() => core.jobs.get(job.id)?.state === 'running', 'claim');
    core.close();
    expect(aborted).toBe(true);
    const lib = openLib(file);
    expect(rawJob(lib, job.id)).toMatchObject({ state: 'queued', attempts: 0, lease_owner: null });
  });

  it('stop() puts running jobs back without using up a try, and the next worker runs them', async () => {
    const lib = openLib();
    const a = makeQueue(lib);
    let sawAbort = false;
    a.register(
      writeHandler(lib, (_p, ctx) => {
        // A handler that ignores the abort for a while and then returns a result anyway.
        ctx.signal.addEventListener('abort', () => (sawAbort = true));
        return sleep(80);
      }),
    );
    const { job } = a.enqueue('write', { key: 'k', value: 1 });
    a.start();
    await waitFor(() => a.get(job.id)?.state === 'running', 'claim');
    await a.stop();
    expect(sawAbort).toBe(true);
    expect(a.get(job.id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(rawJob(lib, job.id).lease_owner).toBeNull();
    await sleep(100); // the aborted handler has returned by now; its commit must not apply
    expect(written(lib, 'k')).toBeNull();

    const b = makeQueue(lib);
    b.register(writeHandler(lib));
    await b.runUntilIdle();
    expect(b.get(job.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(written(lib, 'k')).toBe(1);
  });
});

describe('JobQueue: cancel and retry', () => {
  it('cancels a queued job at once, and retry() brings it back', async () => {
    const lib = openLib();
    const q = makeQueue(lib);
    const handler = writeHandler(lib);
    q.register(handler);
    const { job } = q.enqueue('write', { key: 'k', value: 1 });
    expect(q.cancel(job.id)).toMatchObject({ state: 'canceled' });
    expect(q.cancel(job.id)).toMatchObject({ state: 'canceled' }); // idempotent
    await q.runUntilIdle();
    expect(handler.runs).toBe(0);
    expect(() => q.cancel(999)).toThrow(/No job 999/);
    expect(q.retry(job.id)).toMatchObject({ state: 'queued', attempts: 0, errorCode: null, finishedAt: null });
    await q.runUntilIdle();
    expect(q.get(job.id)!.state).toBe('succeeded');
    expect(() => q.retry(job.id)).toThrow(/only failed or canceled jobs can be retried/);
  });

  it('cancels a running job: the handler sees the abort and its commit is not applied', async () => {
    const lib = openLib();
    const q = makeQueue(lib);
    const started = deferred();
    let abortReason: unknown = null;
    q.register(
      writeHandler(lib, async (_p, ctx) => {
        started.resolve();
        await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r()));
        abortReason = ctx.signal.reason;
        // Returns normally with results, as a handler that finished its request anyway might.
      }),
    );
    const { job } = q.enqueue('write', { key: 'k', value: 1 });
    q.start();
    await started.promise;
    expect(q.cancel(job.id)).toMatchObject({ state: 'canceled' });
    await waitFor(() => abortReason !== null, 'the abort');
    expect(abortReason).toMatchObject({ code: 'canceled' });
    await sleep(30);
    expect(q.get(job.id)).toMatchObject({ state: 'canceled', attempts: 1 });
    expect(written(lib, 'k')).toBeNull();
  });

  it('cancels a job running in another worker: that worker aborts at its next heartbeat', async () => {
    const lib = openLib();
    const worker = makeQueue(lib, { leaseMs: 60 });
    let aborted = false;
    worker.register(
      writeHandler(lib, async (_p, ctx) => {
        await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r()));
        aborted = true;
      }),
    );
    const { job } = worker.enqueue('write', { key: 'k', value: 1 });
    worker.start();
    await waitFor(() => worker.get(job.id)?.state === 'running', 'claim');
    const app = makeQueue(openLib(lib.file));
    expect(app.cancel(job.id).state).toBe('canceled');
    await waitFor(() => aborted, 'the worker to abort');
    await sleep(30);
    expect(worker.get(job.id)!.state).toBe('canceled');
    expect(written(lib, 'k')).toBeNull();
  });

  it('will not retry a job when another one already does the same work', async () => {
    const lib = openLib();
    const q = makeQueue(lib);
    q.register(writeHandler(lib));
    const first = q.enqueue('write', { key: 'k', value: 1 }, { dedupeKey: 'same' }).job;
    q.cancel(first.id);
    const second = q.enqueue('write', { key: 'k', value: 2 }, { dedupeKey: 'same' }).job;
    expect(second.id).not.toBe(first.id);
    expect(() => q.retry(first.id)).toThrow(new RegExp(`Job ${second.id} already does this work`));
    expect(q.get(first.id)!.state).toBe('canceled');
  });
});
