import type { JobCounts, JobInfo, JobState } from '../../../../shared/jobs.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** A row of jobs as stored. */
export interface JobRow {
  id: number;
  type: string;
  call_id: number | null;
  payload: string;
  state: JobState;
  priority: number;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  heartbeat_at: string | null;
  next_run_at: string | null;
  progress: number | null;
  progress_note: string | null;
  eta_sec: number | null;
  error_code: string | null;
  error_message: string | null;
  dedupe_key: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** A job as enqueued. */
export interface JobWrite {
  type: string;
  callId: number | null;
  payload: string;
  priority: number;
  maxAttempts: number;
  dedupeKey: string | null;
}

/** An error as the queue records it. */
export interface JobFailure {
  code: string;
  message: string;
}

/** The row as the renderer sees it; a corrupt `result` reads as null rather than throwing. */
export function toJobInfo(r: JobRow): JobInfo {
  let result: JobInfo['result'] = null;
  if (r.result !== null) {
    try {
      result = JSON.parse(r.result) as JobInfo['result'];
    } catch {
      result = null;
    }
  }
  return {
    id: r.id,
    type: r.type,
    callId: r.call_id,
    state: r.state,
    priority: r.priority,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    progress: r.progress,
    progressNote: r.progress_note,
    etaSec: r.eta_sec,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    nextRunAt: r.next_run_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    result,
  };
}

// Guards every write a worker makes on a job it runs: it must still hold the lease. A cancel
// (state changes) or a reclaim by another worker (owner changes) makes such writes no-ops.
const OWNED = `id = ? AND state = 'running' AND lease_owner = ?`;
// A lease end before any real time: claimable at once, and never counted as live.
const EXPIRED = new Date(0).toISOString();

/**
 * The durable job queue's rows. Writes by a worker are conditional on its lease; the queue
 * wraps multi-step changes (claim, finish) in IMMEDIATE transactions.
 */
export class JobsRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Inserts a queued job and returns its id. */
  insert(j: JobWrite, now: string): number {
    return Number(
      this.sql(
        `INSERT INTO jobs (type, call_id, payload, state, priority, attempts, max_attempts, next_run_at, dedupe_key, created_at, updated_at)
         VALUES (?, ?, ?, 'queued', ?, 0, ?, ?, ?, ?, ?)`,
      ).run(j.type, j.callId, j.payload, j.priority, j.maxAttempts, now, j.dedupeKey, now, now).lastInsertRowid,
    );
  }

  /** One job or null. */
  get(id: number): JobRow | null {
    return (this.sql(`SELECT * FROM jobs WHERE id = ?`).get(id) as JobRow | undefined) ?? null;
  }

  /** The queued or running job holding a dedupe key, or null. */
  activeByDedupeKey(key: string): JobRow | null {
    return (this.sql(`SELECT * FROM jobs WHERE dedupe_key = ? AND state IN ('queued', 'running')`).get(key) as JobRow | undefined) ?? null;
  }

  /** The best job to run now: a due queued job or a running one whose lease expired (its worker died). */
  nextCandidate(now: string): JobRow | null {
    return (
      (this.sql(
        `SELECT * FROM jobs
         WHERE (state = 'queued' AND (next_run_at IS NULL OR next_run_at <= ?)) OR (state = 'running' AND (lease_until IS NULL OR lease_until < ?))
         ORDER BY priority DESC, id ASC LIMIT 1`,
      ).get(now, now) as JobRow | undefined) ?? null
    );
  }

  /** Running jobs whose lease is still live: what counts against the concurrency limit across processes. */
  liveLeaseCount(now: string): number {
    return this.sql(`SELECT count(*) FROM jobs WHERE state = 'running' AND lease_until >= ?`).pluck().get(now) as number;
  }

  /** Takes a job for a worker: running, leased, one more attempt, progress reset. False if it was no longer claimable. */
  claim(id: number, owner: string, now: string, leaseUntil: string): boolean {
    return (
      this.sql(
        `UPDATE jobs SET state = 'running', lease_owner = ?, lease_until = ?, heartbeat_at = ?, attempts = attempts + 1,
           started_at = ?, progress = NULL, progress_note = NULL, eta_sec = NULL, updated_at = ?
         WHERE id = ? AND (state = 'queued' OR (state = 'running' AND (lease_until IS NULL OR lease_until < ?)))`,
      ).run(owner, leaseUntil, now, now, now, id, now).changes === 1
    );
  }

  /** Extends a lease; false when the worker no longer holds it (canceled or reclaimed). */
  heartbeat(id: number, owner: string, now: string, leaseUntil: string): boolean {
    return this.sql(`UPDATE jobs SET lease_until = ?, heartbeat_at = ? WHERE ${OWNED}`).run(leaseUntil, now, id, owner).changes === 1;
  }

  /** Records progress of a running job; false when the worker no longer holds it. */
  setProgress(id: number, owner: string, p: { progress: number; note: string | null; etaSec: number | null }, now: string): boolean {
    return (
      this.sql(`UPDATE jobs SET progress = ?, progress_note = ?, eta_sec = ?, updated_at = ? WHERE ${OWNED}`).run(p.progress, p.note, p.etaSec, now, id, owner)
        .changes === 1
    );
  }

  /** Marks a job the worker holds as succeeded with its result. */
  succeed(id: number, owner: string, result: string | null, now: string): boolean {
    return (
      this.sql(
        `UPDATE jobs SET state = 'succeeded', result = ?, progress = 1, eta_sec = NULL, lease_owner = NULL, lease_until = NULL,
           error_code = NULL, error_message = NULL, finished_at = ?, updated_at = ? WHERE ${OWNED}`,
      ).run(result, now, now, id, owner).changes === 1
    );
  }

  /** Puts a job the worker holds back in the queue to run at `nextRunAt`, keeping the error for the renderer. */
  scheduleRetry(id: number, owner: string, nextRunAt: string, e: JobFailure, now: string): boolean {
    return (
      this.sql(
        `UPDATE jobs SET state = 'queued', next_run_at = ?, error_code = ?, error_message = ?, lease_owner = NULL, lease_until = NULL,
           eta_sec = NULL, updated_at = ? WHERE ${OWNED}`,
      ).run(nextRunAt, e.code, e.message, now, id, owner).changes === 1
    );
  }

  /** Fails a running job: one this worker holds (`owner`), or any running one when `owner` is null (a dead worker's). */
  fail(id: number, owner: string | null, e: JobFailure, now: string): boolean {
    return (
      this.sql(
        `UPDATE jobs SET state = 'failed', error_code = ?, error_message = ?, lease_owner = NULL, lease_until = NULL, eta_sec = NULL,
           finished_at = ?, updated_at = ? WHERE id = ? AND state = 'running' AND (? IS NULL OR lease_owner = ?)`,
      ).run(e.code, e.message, now, now, id, owner, owner).changes === 1
    );
  }

  /** Gives a job back to the queue without counting the attempt (a graceful stop, not a failure). */
  release(id: number, owner: string, now: string): boolean {
    return (
      this.sql(
        `UPDATE jobs SET state = 'queued', attempts = max(attempts - 1, 0), lease_owner = NULL, lease_until = NULL, eta_sec = NULL,
           next_run_at = ?, updated_at = ? WHERE ${OWNED}`,
      ).run(now, now, id, owner).changes === 1
    );
  }

  /** Cancels a queued or running job; false when it had already ended. */
  cancel(id: number, now: string): boolean {
    return (
      this.sql(
        `UPDATE jobs SET state = 'canceled', lease_owner = NULL, lease_until = NULL, eta_sec = NULL, finished_at = ?, updated_at = ?
         WHERE id = ? AND state IN ('queued', 'running')`,
      ).run(now, now, id).changes === 1
    );
  }

  /** Queues a failed or canceled job again with a fresh set of attempts. */
  requeue(id: number, now: string): boolean {
    return (
      this.sql(
        `UPDATE jobs SET state = 'queued', attempts = 0, next_run_at = ?, error_code = NULL, error_message = NULL, progress = NULL,
           progress_note = NULL, eta_sec = NULL, result = NULL, started_at = NULL, finished_at = NULL, updated_at = ?
         WHERE id = ? AND state IN ('failed', 'canceled')`,
      ).run(now, now, id).changes === 1
    );
  }

  /** Makes a queued job (waiting out a backoff) due now. */
  runNow(id: number, now: string): boolean {
    return this.sql(`UPDATE jobs SET next_run_at = ?, updated_at = ? WHERE id = ? AND state = 'queued'`).run(now, now, id).changes === 1;
  }

  /** Jobs newest first, optionally only some states. */
  list(states: readonly JobState[] | null, limit: number): JobRow[] {
    return this.sql(`SELECT * FROM jobs WHERE (@states IS NULL OR state IN (SELECT value FROM json_each(@states))) ORDER BY id DESC LIMIT @limit`).all({
      states: states ? JSON.stringify(states) : null,
      limit,
    }) as JobRow[];
  }

  /** How many jobs are in each state. */
  counts(): JobCounts {
    const rows = this.sql(`SELECT state, count(*) AS n FROM jobs GROUP BY state`).all() as { state: JobState; n: number }[];
    const out: JobCounts = { queued: 0, running: 0, succeeded: 0, failed: 0, canceled: 0 };
    for (const r of rows) out[r.state] = r.n;
    return out;
  }

  /** The soonest `next_run_at` among queued jobs (to sleep exactly through a backoff), or null. */
  nextDueAt(): string | null {
    return (this.sql(`SELECT min(coalesce(next_run_at, '')) FROM jobs WHERE state = 'queued'`).pluck().get() as string | null) ?? null;
  }

  /** The soonest lease expiry among running jobs (when a dead worker's job becomes claimable), or null. */
  nextLeaseExpiry(): string | null {
    return (this.sql(`SELECT min(lease_until) FROM jobs WHERE state = 'running'`).pluck().get() as string | null) ?? null;
  }

  /** Distinct owners of running jobs, to spot workers on this machine that died. */
  runningOwners(): string[] {
    return this.sql(`SELECT DISTINCT lease_owner FROM jobs WHERE state = 'running' AND lease_owner IS NOT NULL`).pluck().all() as string[];
  }

  /** Ends the leases of a dead worker now so its jobs can be reclaimed without waiting for them to expire. */
  expireLeases(owner: string, now: string): number {
    return this.sql(`UPDATE jobs SET lease_until = ? WHERE state = 'running' AND lease_owner = ? AND lease_until >= ?`).run(EXPIRED, owner, now).changes;
  }
}
