import type { z } from 'zod';
import type { JobInfo } from '../../../shared/jobs.js';
import type { JobError } from './job-error.js';

/** What a handler's run receives besides its payload. */
export interface JobContext {
  /** The job as claimed (attempts already counts this try). */
  job: JobInfo;
  /** Aborted when the job is canceled, the queue stops, or another worker took the job over. */
  signal: AbortSignal;
  /** Reports progress 0..1 with an optional note and ETA; writes are throttled and reach the renderer as events. */
  progress(fraction: number, note?: string | null, etaSec?: number | null): void;
}

/** What a successful run hands back. */
export interface JobOutcome {
  /**
   * Writes the job's results; called inside the IMMEDIATE transaction that marks the job
   * succeeded, and only if this worker still holds the job and it was not canceled meanwhile.
   */
  commit?: () => void;
  /** A small JSON summary stored on the job (e.g. the transcript version written). */
  result?: JobInfo['result'];
}

/** One kind of job: its payload schema and how to run it. */
export interface JobHandler<P = unknown> {
  type: string;
  /** Validates payloads on enqueue and again when read back from SQLite. */
  payload: z.ZodType<P>;
  /** Tries before giving up (default 5). */
  maxAttempts?: number;
  /** Who the handler talks to, for error messages: 'OpenAI' gives "OpenAI rejected the API key (401)…". */
  service?: string;
  /** A key unique among active jobs (e.g. `transcribe:<callId>`); a second enqueue returns the active job. */
  dedupeKey?: (payload: P, callId: number | null) => string | null;
  run(payload: P, ctx: JobContext): Promise<JobOutcome>;
  /** Runs inside the transaction that marks the job failed for good (e.g. to write a 'failed' activity). */
  onFailed?: (job: JobInfo, error: JobError) => void;
}

/** How a job is enqueued. */
export interface EnqueueOptions {
  callId?: number | null;
  /** Higher runs first (default 0). */
  priority?: number;
  maxAttempts?: number;
  /** Overrides the handler's dedupe key. */
  dedupeKey?: string | null;
}

/** The queue's knobs; tests shrink the times and pin the clock and randomness. */
export interface JobQueueOptions {
  clock?: () => Date;
  /** How long a claim is valid without a heartbeat (default 60 s); heartbeats come every third of it. */
  leaseMs?: number;
  /** How often an idle queue looks for work enqueued by another process (default 1 s). */
  pollMs?: number;
  /** Backoff base and cap: delay = random(0, min(cap, base·2^(attempt−1))). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After honoured (default 10 min). */
  maxRetryAfterMs?: number;
  /** Least time between progress writes of one job (default 250 ms). */
  progressIntervalMs?: number;
  /** How long stop() waits for aborted handlers to return (default 5 s). */
  stopGraceMs?: number;
  random?: () => number;
  /** This worker's lease owner id (default host:pid:random). */
  owner?: string;
  log?: (m: string) => void;
}

/** What one runUntilIdle pass did, for the CLI worker's summary. */
export interface RunSummary {
  succeeded: number;
  failed: number;
  /** Retries scheduled (a job may retry several times before it ends). */
  retried: number;
  /** True when it stopped because the queue is paused, not because it ran dry. */
  paused: boolean;
}
