import { z } from 'zod';
import { AppError } from '../../../shared/ipc/envelope.js';
import { JOB_CONCURRENCY, type JobInfo, type JobState, type QueueStatus } from '../../../shared/jobs.js';
import type { Repos } from '../db/repos/index.js';
import { toJobInfo, type JobRow } from '../db/repos/jobs-repo.js';
import type { EventBus } from '../events.js';
import { claimNext } from './claim.js';
import { DEFAULT_MAX_RETRY_AFTER_MS, JobError } from './job-error.js';
import { firstIssue, markFailed, parsePayload, RunningJob, type RunEnding, type RunnerHost } from './job-runner.js';
import { newOwnerId } from './lease-owner.js';
import type { EnqueueOptions, JobHandler, JobQueueOptions, RunSummary } from './types.js';

// Settings shared through the database, so the app and a CLI worker agree on them.
const PAUSED_KEY = 'jobs.paused';
const CONCURRENCY_KEY = 'jobs.concurrency';
const Concurrency = z.number().int().min(JOB_CONCURRENCY.min).max(JOB_CONCURRENCY.max);
const DEFAULT_MAX_ATTEMPTS = 5;

interface IdleWaiter {
  summary: RunSummary;
  resolve(summary: RunSummary): void;
}

/**
 * The durable job queue: jobs are rows, claimed under a lease in one IMMEDIATE transaction,
 * retried with backoff, and finished in the transaction that writes their results. Several
 * queues (the app and a CLI worker) may share one database; concurrency counts across them.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly running = new Map<number, RunningJob>();
  private readonly host: RunnerHost;
  private readonly pollMs: number;
  private readonly stopGraceMs: number;
  private started = false;
  private timer: NodeJS.Timeout | null = null;
  private waiters: IdleWaiter[] = [];

  constructor(
    private readonly deps: { repos: Repos; bus: EventBus },
    opts: JobQueueOptions = {},
  ) {
    const maxRetryAfterMs = opts.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    this.pollMs = opts.pollMs ?? 1000;
    this.stopGraceMs = opts.stopGraceMs ?? 5000;
    this.host = {
      repos: deps.repos,
      owner: opts.owner ?? newOwnerId(),
      clock: opts.clock ?? (() => new Date()),
      leaseMs: opts.leaseMs ?? 60_000,
      progressIntervalMs: opts.progressIntervalMs ?? 250,
      maxRetryAfterMs,
      backoff: { baseDelayMs: opts.baseDelayMs ?? 2000, maxDelayMs: opts.maxDelayMs ?? 5 * 60_000, maxRetryAfterMs, random: opts.random ?? Math.random },
      log: opts.log ?? (() => {}),
      changed: (id, state) => this.changed(id, state),
    };
  }

  /** This worker's lease owner id. */
  get owner(): string {
    return this.host.owner;
  }

  /** Adds a job type; register every type before start() so no claimed job lacks its handler. */
  register<P>(handler: JobHandler<P>): void {
    if (this.handlers.has(handler.type)) throw new Error(`Job type "${handler.type}" is registered twice`);
    // Stored loosely: payloads are validated against the handler's own schema before run sees them.
    this.handlers.set(handler.type, handler as unknown as JobHandler<unknown>);
  }

  /** Queues a job; with an active job under the same dedupe key, returns that one and `created: false`. */
  enqueue(type: string, payload: unknown, opts: EnqueueOptions = {}): { job: JobInfo; created: boolean } {
    const handler = this.handlers.get(type);
    if (!handler) throw new AppError('bad-request', `Unknown job type "${type}"`);
    const parsed = handler.payload.safeParse(payload);
    if (!parsed.success) throw new AppError('bad-request', `Invalid ${type} job: ${firstIssue(parsed.error)}`);
    const callId = opts.callId ?? null;
    const dedupeKey = opts.dedupeKey !== undefined ? opts.dedupeKey : (handler.dedupeKey?.(parsed.data, callId) ?? null);
    const maxAttempts = Math.max(1, Math.floor(opts.maxAttempts ?? handler.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
    const { db, jobs } = this.deps.repos;
    const now = this.nowIso();
    // IMMEDIATE: the look-up and the insert happen under the write lock, so two processes cannot both insert.
    const res = db
      .transaction(() => {
        const existing = dedupeKey ? jobs.activeByDedupeKey(dedupeKey) : null;
        if (existing) return { id: existing.id, created: false };
        const id = jobs.insert({ type, callId, payload: JSON.stringify(parsed.data), priority: Math.trunc(opts.priority ?? 0), maxAttempts, dedupeKey }, now);
        return { id, created: true };
      })
      .immediate();
    if (res.created) {
      this.changed(res.id, true);
      this.kick();
    }
    return { job: this.get(res.id)!, created: res.created };
  }

  /** One job, or null. */
  get(id: number): JobInfo | null {
    const row = this.deps.repos.jobs.get(id);
    return row ? toJobInfo(row) : null;
  }

  /** Jobs newest first. */
  list(q: { states?: readonly JobState[]; limit?: number } = {}): JobInfo[] {
    const limit = Math.min(Math.max(Math.floor(q.limit ?? 500), 1), 10_000);
    return this.deps.repos.jobs.list(q.states && q.states.length > 0 ? q.states : null, limit).map(toJobInfo);
  }

  /** Paused or not, concurrency and counts per state. */
  status(): QueueStatus {
    return { paused: this.isPaused(), concurrency: this.concurrency(), counts: this.deps.repos.jobs.counts() };
  }

  /** Cancels a queued job at once, or a running one (its handler is aborted and its results discarded); an ended job is returned as is. */
  cancel(id: number): JobInfo {
    const row = this.mustGet(id);
    if (row.state === 'queued' || row.state === 'running') {
      this.running.get(id)?.abandon('cancel');
      // A job running in another process sees this at its next heartbeat and stops.
      if (this.deps.repos.jobs.cancel(id, this.nowIso())) this.changed(id, true);
    }
    return this.get(id)!;
  }

  /** Queues a failed or canceled job again with fresh attempts; a queued job waiting out a backoff runs now. */
  retry(id: number): JobInfo {
    const row = this.mustGet(id);
    const { db, jobs } = this.deps.repos;
    const now = this.nowIso();
    if (row.state === 'queued') {
      if (jobs.runNow(id, now)) this.changed(id, false);
    } else if (row.state === 'failed' || row.state === 'canceled') {
      db.transaction(() => {
        const other = row.dedupe_key ? jobs.activeByDedupeKey(row.dedupe_key) : null;
        if (other) throw new AppError('conflict', `Job ${other.id} already does this work (${other.state}); job ${id} was not retried.`);
        jobs.requeue(id, now);
      }).immediate();
      this.changed(id, true);
    } else {
      throw new AppError('conflict', `Job ${id} is ${row.state}; only failed or canceled jobs can be retried.`);
    }
    this.kick();
    return this.get(id)!;
  }

  /** Stops claiming new jobs (running ones finish); persisted, so every worker on this library pauses. */
  pause(): void {
    this.deps.repos.settings.set(PAUSED_KEY, true);
    this.deps.bus.emit('jobs:queue', this.status());
  }

  /** Claims jobs again. */
  resume(): void {
    this.deps.repos.settings.set(PAUSED_KEY, false);
    this.deps.bus.emit('jobs:queue', this.status());
    this.kick();
  }

  /** True when the queue is paused (by any process on this library). */
  isPaused(): boolean {
    return this.deps.repos.settings.get(PAUSED_KEY, z.boolean(), false);
  }

  /** How many jobs may run at once across all workers on this library. */
  concurrency(): number {
    return this.deps.repos.settings.get(CONCURRENCY_KEY, Concurrency, JOB_CONCURRENCY.default);
  }

  /** Sets the concurrency (1..8); persisted. */
  setConcurrency(n: number): void {
    const parsed = Concurrency.safeParse(n);
    if (!parsed.success) throw new AppError('bad-request', `Concurrency must be a whole number from ${JOB_CONCURRENCY.min} to ${JOB_CONCURRENCY.max}`);
    this.deps.repos.settings.set(CONCURRENCY_KEY, parsed.data);
    this.deps.bus.emit('jobs:queue', this.status());
    this.kick();
  }

  /** Starts claiming and running jobs. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.kick();
  }

  /** Stops gracefully: running jobs are aborted and queued again without using up a try; waits briefly for handlers to return. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const runs = [...this.running.values()];
    // Synchronous up to here, so a shell may close the database right after calling stop().
    for (const run of runs) {
      run.abandon('stop');
      try {
        if (this.deps.repos.jobs.release(run.row.id, this.owner, this.nowIso())) this.changed(run.row.id, true);
      } catch (err) {
        this.host.log(`jobs: could not put job ${run.row.id} back: ${(err as Error).message}`);
      }
    }
    for (const w of this.waiters.splice(0)) w.resolve(w.summary);
    if (runs.length === 0) return;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(runs.map((r) => r.done)), new Promise<void>((r) => (grace = setTimeout(r, this.stopGraceMs)))]);
    clearTimeout(grace);
  }

  /** Runs jobs (starting the queue) until none is queued or running, waiting through backoff; resolves early when paused. */
  runUntilIdle(): Promise<RunSummary> {
    return new Promise((resolve) => {
      this.waiters.push({ summary: { succeeded: 0, failed: 0, retried: 0, paused: false }, resolve });
      if (this.started) this.kick();
      else this.start();
    });
  }

  private mustGet(id: number): JobRow {
    const row = this.deps.repos.jobs.get(id);
    if (!row) throw new AppError('not-found', `No job ${id}`);
    return row;
  }

  private nowIso(): string {
    return this.host.clock().toISOString();
  }

  private changed(id: number, state: boolean): void {
    const job = this.get(id);
    if (job) this.deps.bus.emit('jobs:changed', job);
    if (state) this.deps.bus.emit('jobs:queue', this.status());
  }

  /** Looks for work now instead of at the next poll. */
  private kick(): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), 0);
  }

  private tick(): void {
    this.timer = null;
    // A closed database means the shell shut down without stop(): nothing more can be done.
    if (!this.deps.repos.db.open) this.started = false;
    if (!this.started) return;
    let wake = this.pollMs;
    try {
      if (!this.isPaused()) {
        const limit = this.concurrency();
        while (this.running.size < limit) {
          const { row, crashed } = claimNext(this.host, this.handlers, limit, (id) => this.running.has(id));
          for (const id of crashed) {
            this.changed(id, true);
            this.ended('failed');
          }
          if (!row) break;
          this.launch(row);
        }
      }
      this.settleWaiters();
      wake = this.nextWakeMs();
    } catch (err) {
      this.host.log(`jobs: ${(err as Error).message}`);
    }
    if (this.started) this.timer = setTimeout(() => this.tick(), wake);
  }

  /** Sleeps until the next poll, or sooner when a backoff or a lease ends first. */
  private nextWakeMs(): number {
    const now = this.host.clock().getTime();
    let wake = this.pollMs;
    for (const at of [this.deps.repos.jobs.nextDueAt(), this.deps.repos.jobs.nextLeaseExpiry()]) {
      if (at === null) continue;
      const t = at === '' ? now : Date.parse(at);
      // +1: a lease counts as expired only once strictly past.
      if (Number.isFinite(t)) wake = Math.min(wake, Math.max(t - now + 1, 0));
    }
    return wake;
  }

  /** Validates a claimed job's type and payload, then runs it; a bad row is failed, never thrown. */
  private launch(row: JobRow): void {
    this.changed(row.id, true);
    const handler = this.handlers.get(row.type);
    const payload = handler ? parsePayload(row.payload, handler.payload) : null;
    if (!handler || !payload?.ok) {
      const why = handler ? (payload && !payload.ok ? payload.message : '') : `no handler for job type "${row.type}" in this version of CallReview`;
      const err = new JobError('bad-payload', `This job's saved data cannot be used (${why}); it was not run. Queue the work again.`, { retryable: false });
      if (markFailed(this.host, row, this.owner, err, handler)) {
        this.changed(row.id, true);
        this.ended('failed');
      }
      return;
    }
    const run = new RunningJob(this.host, row, handler, payload.value);
    this.running.set(row.id, run);
    void run.done.then((ending) => {
      this.running.delete(row.id);
      this.ended(ending);
      this.kick();
    });
  }

  private ended(ending: RunEnding): void {
    for (const w of this.waiters) if (ending !== 'discarded') w.summary[ending]++;
  }

  /** Resolves runUntilIdle callers once nothing is queued or running anywhere, or the queue is paused and this worker's jobs ended. */
  private settleWaiters(): void {
    if (this.waiters.length === 0 || this.running.size > 0) return;
    const paused = this.isPaused();
    const c = this.deps.repos.jobs.counts();
    if (!paused && (c.queued > 0 || c.running > 0)) return;
    for (const w of this.waiters.splice(0)) w.resolve({ ...w.summary, paused });
  }
}
