/**
 * Job queue tests: a library database in a temp dir, queues over it with short times, a manual
 * clock, an event log, and a small handler whose results go to the settings table (a real
 * write in the same database, so atomicity can be checked).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { EventName, EventPayload } from '../../../shared/ipc/contract.js';
import { createRepos, type Repos } from '../../../electron/core/db/repos/index.js';
import { openDatabase, type Db } from '../../../electron/core/db/open.js';
import { EventBus } from '../../../electron/core/events.js';
import { JobQueue } from '../../../electron/core/jobs/queue.js';
import type { JobContext, JobHandler, JobOutcome, JobQueueOptions } from '../../../electron/core/jobs/types.js';

/** One connection to a library file, with every event it emitted. */
export interface Lib {
  file: string;
  db: Db;
  repos: Repos;
  bus: EventBus;
  events: { name: EventName; payload: EventPayload<EventName> }[];
}

const dirs: string[] = [];
const libs: Lib[] = [];
const queues: JobQueue[] = [];

/** A fresh library file in a temp dir. */
export function tempLibFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cr-jobs-'));
  dirs.push(dir);
  return join(dir, 'callreview.db');
}

/** Opens (another) connection to a library file. */
export function openLib(file = tempLibFile()): Lib {
  const db = openDatabase(file);
  const repos = createRepos(db);
  const bus = new EventBus();
  const lib: Lib = { file, db, repos, bus, events: [] };
  bus.onAny((name, payload) => lib.events.push({ name, payload }));
  libs.push(lib);
  return lib;
}

/** A queue over `lib` with test-sized times (10 ms polls, 2 s lease, 10–100 ms backoff). */
export function makeQueue(lib: Lib, opts: JobQueueOptions = {}): JobQueue {
  const q = new JobQueue(
    { repos: lib.repos, bus: lib.bus },
    { pollMs: 10, leaseMs: 2000, baseDelayMs: 10, maxDelayMs: 100, progressIntervalMs: 20, stopGraceMs: 300, ...opts },
  );
  queues.push(q);
  return q;
}

/** Stops every queue, closes every connection and removes the temp dirs (for afterEach). */
export async function cleanup(): Promise<void> {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
  for (const l of libs.splice(0)) if (l.db.open) l.db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A clock that moves only when told to. */
export class ManualClock {
  constructor(public ms = Date.parse('2025-03-01T12:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
  iso(offsetMs = 0): string {
    return new Date(this.ms + offsetMs).toISOString();
  }
}

/** Polls `pred` every 5 ms until it is truthy; fails after `timeoutMs`. */
export async function waitFor<T>(pred: () => T, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = pred();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Waits `ms` of real time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A promise with its resolve function. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The test payload: which settings key to write and what. */
export const WritePayload = z.object({ key: z.string().min(1), value: z.number() }).strict();
export type WritePayload = z.infer<typeof WritePayload>;

/** A handler whose commit writes `payload.value` under `payload.key` in settings; `body` decides what the run does first. */
export function writeHandler(
  lib: Lib,
  body: (p: WritePayload, ctx: JobContext) => Promise<void> | void = () => {},
  extra: Partial<JobHandler<WritePayload>> = {},
): JobHandler<WritePayload> & { runs: number } {
  const h = {
    type: 'write',
    payload: WritePayload,
    runs: 0,
    async run(p: WritePayload, ctx: JobContext): Promise<JobOutcome> {
      h.runs++;
      await body(p, ctx);
      return { commit: () => lib.repos.settings.set(p.key, p.value), result: { wrote: p.key } };
    },
    ...extra,
  };
  return h;
}

/** A settings value written by a job's commit (null when absent), read on `lib`'s connection. */
export function written(lib: Lib, key: string): number | null {
  return lib.repos.settings.get(key, z.number().nullable(), null);
}

/** The raw row, for fields JobInfo leaves out (lease owner, lease end, heartbeat). */
export function rawJob(lib: Lib, id: number): { state: string; lease_owner: string | null; lease_until: string | null; heartbeat_at: string | null; attempts: number; next_run_at: string | null } {
  const row = lib.repos.jobs.get(id);
  if (!row) throw new Error(`no job ${id}`);
  return row;
}
