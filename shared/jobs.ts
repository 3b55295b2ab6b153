import { z } from 'zod';

/** Where a job is in its life: queued → running → succeeded | failed | canceled (failed/canceled may be retried). */
export const JobState = z.enum(['queued', 'running', 'succeeded', 'failed', 'canceled']);
export type JobState = z.infer<typeof JobState>;

/** A job as the renderer and `callreview jobs --json` see it. Field names are a public interface. */
export const JobInfo = z.object({
  id: z.number().int(),
  type: z.string(),
  callId: z.number().int().nullable(),
  state: JobState,
  priority: z.number().int(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** 0..1 while running, null before the handler reports any. */
  progress: z.number().nullable(),
  progressNote: z.string().nullable(),
  etaSec: z.number().nullable(),
  errorCode: z.string().nullable(),
  /** Written for a reviewer: what went wrong and what to do about it. */
  errorMessage: z.string().nullable(),
  /** When a queued job may run (set by retry backoff); null means now. */
  nextRunAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the current (or last) attempt started. */
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** What the handler reported on success (small JSON), or null. */
  result: z.json().nullable(),
});
export type JobInfo = z.infer<typeof JobInfo>;

/** How many jobs are in each state. */
export const JobCounts = z.object({
  queued: z.number().int(),
  running: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  canceled: z.number().int(),
});
export type JobCounts = z.infer<typeof JobCounts>;

/** Concurrency limits, inclusive; the default is what a fresh library uses. */
export const JOB_CONCURRENCY = { min: 1, max: 8, default: 2 } as const;

/** The queue as a whole: paused or not, how many jobs run at once, counts per state. */
export const QueueStatus = z.object({
  paused: z.boolean(),
  concurrency: z.number().int().min(JOB_CONCURRENCY.min).max(JOB_CONCURRENCY.max),
  counts: JobCounts,
});
export type QueueStatus = z.infer<typeof QueueStatus>;
