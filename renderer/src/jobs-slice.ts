import type { StoreApi } from 'zustand/vanilla';
import type { JobInfo, QueueStatus } from '../../shared/jobs.js';
import type { ApiClient } from '../api/client.js';
import { justEnded, mergeJobs, upsertJob } from './jobs-logic.js';

/** How many jobs the window keeps in memory (newest first); older ones are in `callreview jobs`. */
export const JOBS_KEPT = 300;

/** The job queue as the window sees it, kept live from `jobs:changed` and `jobs:queue`. */
export interface JobsSlice {
  jobs: JobInfo[];
  queue: QueueStatus | null;
  jobsOpen: boolean;

  loadJobs(): Promise<void>;
  onJobChanged(job: JobInfo): void;
  onQueue(status: QueueStatus): void;
  cancelJob(id: number): Promise<void>;
  retryJob(id: number): Promise<void>;
  setQueuePaused(paused: boolean): Promise<void>;
  setConcurrency(concurrency: number): Promise<void>;
  setJobsOpen(open: boolean): void;
}

/** What the slice needs from the whole store, and who hears about jobs that ended. */
interface SliceContext<S extends JobsSlice> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
  /** A job just succeeded, failed or was canceled (called once per ending this window sees). */
  onEnded: (job: JobInfo) => void;
}

/** Builds the jobs part of the app store over one API client. */
export function createJobsSlice<S extends JobsSlice>(api: ApiClient, ctx: SliceContext<S>): JobsSlice {
  const { get, fail } = ctx;
  const set = (patch: Partial<JobsSlice>): void => ctx.set(patch as Partial<S>);
  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      fail(err);
    }
  };
  // Replies and events both carry jobs; the later copy of each wins, and endings are announced once.
  const apply = (job: JobInfo): void => {
    const before = get().jobs;
    const next = upsertJob(before, job, JOBS_KEPT);
    if (next === before) return;
    const ended = justEnded(before, job);
    set({ jobs: next });
    if (ended) ctx.onEnded(job);
  };

  return {
    jobs: [],
    queue: null,
    jobsOpen: false,

    loadJobs: () =>
      guard(async () => {
        const res = await api.call('jobs:list', { limit: JOBS_KEPT });
        // Events that arrived while the list was on its way are newer than it.
        set({ jobs: mergeJobs(get().jobs, res.jobs, JOBS_KEPT), queue: res.status });
      }),

    onJobChanged: apply,

    onQueue(status) {
      set({ queue: status });
    },

    cancelJob: (id) => guard(async () => apply(await api.call('jobs:cancel', { id }))),

    retryJob: (id) => guard(async () => apply(await api.call('jobs:retry', { id }))),

    setQueuePaused: (paused) => guard(async () => set({ queue: await api.call('jobs:setPaused', { paused }) })),

    setConcurrency: (concurrency) => guard(async () => set({ queue: await api.call('jobs:setConcurrency', { concurrency }) })),

    setJobsOpen(open) {
      set({ jobsOpen: open });
    },
  };
}
