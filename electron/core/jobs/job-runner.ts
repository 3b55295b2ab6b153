import type { z } from 'zod';
import type { Repos } from '../db/repos/index.js';
import { toJobInfo, type JobRow } from '../db/repos/jobs-repo.js';
import { retryDelayMs, type BackoffPolicy } from './backoff.js';
import { classifyError, JobError } from './job-error.js';
import { cleanProgress, ProgressThrottle } from './progress.js';
import type { JobHandler, JobOutcome } from './types.js';

/** What the queue lends a running job. */
export interface RunnerHost {
  repos: Pick<Repos, 'db' | 'jobs'>;
  owner: string;
  clock: () => Date;
  leaseMs: number;
  progressIntervalMs: number;
  maxRetryAfterMs: number;
  backoff: BackoffPolicy;
  log: (m: string) => void;
  /** Emits the job's events; `state` is true when its state changed (queue counts too). */
  changed(id: number, state: boolean): void;
}

/** Why a run was abandoned: canceled here, the queue stopping, or the lease lost (canceled or reclaimed elsewhere). */
export type AbandonReason = 'cancel' | 'stop' | 'lost';

/** How a run ended, for the CLI worker's summary. */
export type RunEnding = 'succeeded' | 'failed' | 'retried' | 'discarded';

/** Validates a payload read back from SQLite; the message says what is wrong for the job's error. */
export function parsePayload<P>(raw: string, schema: z.ZodType<P>): { ok: true; value: P } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'the saved payload is not JSON' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: firstIssue(parsed.error) };
}

/** The first problem zod found, as `path: message`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid';
}

/**
 * Fails a running job for good in one transaction with the handler's onFailed. `owner` null
 * fails it whoever held it (a dead worker's job). onFailed runs in a savepoint: if it throws, the
 * job is still failed rather than left running to be reclaimed forever.
 */
export function markFailed(host: RunnerHost, row: JobRow, owner: string | null, error: JobError, handler: JobHandler<unknown> | undefined): boolean {
  const { db, jobs } = host.repos;
  const now = host.clock().toISOString();
  return db
    .transaction(() => {
      if (!jobs.fail(row.id, owner, { code: error.code, message: error.message }, now)) return false;
      const failed = jobs.get(row.id);
      if (handler?.onFailed && failed) {
        try {
          db.transaction(() => handler.onFailed?.(toJobInfo(failed), error))();
        } catch (err) {
          host.log(`jobs: onFailed of job ${row.id} (${row.type}) threw: ${(err as Error).message}`);
        }
      }
      return true;
    })
    .immediate();
}

/** One claimed job running in this worker: heartbeat, throttled progress, and the transaction that ends it. */
export class RunningJob {
  readonly done: Promise<RunEnding>;
  private readonly controller = new AbortController();
  private reason: AbandonReason | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly progress: ProgressThrottle;

  constructor(
    private readonly host: RunnerHost,
    readonly row: JobRow,
    private readonly handler: JobHandler<unknown>,
    payload: unknown,
  ) {
    this.heartbeat = setInterval(() => this.beat(), Math.max(1, Math.floor(host.leaseMs / 3)));
    this.progress = new ProgressThrottle(host.progressIntervalMs, (p) => {
      try {
        if (host.repos.jobs.setProgress(row.id, host.owner, p, host.clock().toISOString())) host.changed(row.id, false);
      } catch (err) {
        host.log(`jobs: progress of job ${row.id} not saved: ${(err as Error).message}`);
      }
    });
    this.done = this.execute(payload);
  }

  /** Stops caring about the run: aborts the handler's signal and stops heartbeats; the first reason wins. */
  abandon(reason: AbandonReason): void {
    if (this.reason) return;
    this.reason = reason;
    clearInterval(this.heartbeat);
    this.progress.close();
    this.controller.abort(new JobError(reason === 'cancel' ? 'canceled' : 'aborted', `Job ${this.row.id} was ${reason === 'cancel' ? 'canceled' : 'taken off this worker'}.`, { retryable: false }));
  }

  private async execute(payload: unknown): Promise<RunEnding> {
    let outcome: JobOutcome = {};
    let error: unknown = null;
    let threw = false;
    try {
      outcome = await this.handler.run(payload, {
        job: toJobInfo(this.row),
        signal: this.controller.signal,
        progress: (fraction, note, etaSec) => {
          const p = cleanProgress(fraction, note, etaSec);
          if (p && !this.reason) this.progress.report(p);
        },
      });
    } catch (err) {
      error = err;
      threw = true;
    } finally {
      clearInterval(this.heartbeat);
      this.progress.close();
    }
    // Abandoned runs write nothing: a stop already put the job back (and the database may be
    // closed by now); a cancel or a lost lease means another state already stands.
    if (this.reason) return 'discarded';
    try {
      return threw ? this.finishFailed(error) : this.finishOk(outcome);
    } catch (err) {
      // The database refused the final write (busy, closed); the lease will run out and another try will come.
      this.host.log(`jobs: could not record the end of job ${this.row.id}: ${(err as Error).message}`);
      return 'discarded';
    }
  }

  private beat(): void {
    const now = this.host.clock();
    try {
      const held = this.host.repos.jobs.heartbeat(this.row.id, this.host.owner, now.toISOString(), new Date(now.getTime() + this.host.leaseMs).toISOString());
      if (!held) this.abandon('lost');
    } catch (err) {
      this.host.log(`jobs: heartbeat of job ${this.row.id} failed: ${(err as Error).message}`);
    }
  }

  private holds(): boolean {
    const cur = this.host.repos.jobs.get(this.row.id);
    return cur !== null && cur.state === 'running' && cur.lease_owner === this.host.owner;
  }

  private finishOk(outcome: JobOutcome): RunEnding {
    const { db, jobs } = this.host.repos;
    let committed: boolean;
    try {
      committed = db
        .transaction(() => {
          // Checked inside the write lock, so a cancel or reclaim cannot slip in between.
          if (!this.holds()) return false;
          outcome.commit?.();
          const result = outcome.result === undefined || outcome.result === null ? null : JSON.stringify(outcome.result);
          return jobs.succeed(this.row.id, this.host.owner, result, this.host.clock().toISOString());
        })
        .immediate();
    } catch (err) {
      // The commit threw and was rolled back as a whole; it counts as a failed try.
      return this.finishFailed(err);
    }
    if (!committed) return 'discarded';
    this.host.changed(this.row.id, true);
    return 'succeeded';
  }

  private finishFailed(err: unknown): RunEnding {
    const error = classifyError(err, { service: this.handler.service, maxRetryAfterMs: this.host.maxRetryAfterMs, nowMs: this.host.clock().getTime() });
    const { db, jobs } = this.host.repos;
    const cur = jobs.get(this.row.id);
    if (!cur || cur.state !== 'running' || cur.lease_owner !== this.host.owner) return 'discarded';
    if (error.retryable && cur.attempts < cur.max_attempts) {
      const now = this.host.clock();
      const delay = retryDelayMs(cur.attempts, error.retryAfterMs, this.host.backoff);
      const retried = db
        .transaction(() => jobs.scheduleRetry(this.row.id, this.host.owner, new Date(now.getTime() + delay).toISOString(), error, now.toISOString()))
        .immediate();
      if (!retried) return 'discarded';
      this.host.log(`jobs: job ${this.row.id} (${this.row.type}) try ${cur.attempts} failed, next in ${delay} ms: ${error.message}`);
      this.host.changed(this.row.id, true);
      return 'retried';
    }
    const final = error.retryable ? new JobError(error.code, `Gave up after ${cur.attempts} tries: ${error.message}`, { retryable: false, cause: error }) : error;
    if (!markFailed(this.host, cur, this.host.owner, final, this.handler)) return 'discarded';
    this.host.changed(this.row.id, true);
    return 'failed';
  }
}
