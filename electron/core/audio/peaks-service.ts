import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PEAKS_HEADER_BYTES, PEAKS_MAGIC } from '../../../shared/audio.js';
import { fsProblem } from './audio-file.js';
import { computePeaks } from './peaks.js';

/** An audio file the service can compute peaks for. */
export interface PeaksFile {
  id: number;
  path: string;
  format: string | null;
}

/** A listed audio file with what the library last recorded of it. */
export interface PeaksListedFile extends PeaksFile {
  size: number;
  mtimeMs: number;
}

/** Where the service looks audio files up by id; createCore passes one over the database. */
export interface PeaksCatalog {
  file(id: number): PeaksFile | undefined;
  /** Every audio file not flagged missing. */
  files(): PeaksListedFile[];
}

/** Why peaks could not be had; the message names the file. */
export class PeaksError extends Error {
  constructor(readonly code: 'unknown-audio' | 'unreadable', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PeaksError';
  }
}

/** Options for PeaksService; compute is replaceable so tests can count or slow it. */
export interface PeaksServiceOptions {
  catalog: PeaksCatalog;
  dataDir: string;
  log?: (m: string) => void;
  compute?: typeof computePeaks;
  /** Delay before a scheduleMissingSoon() burst runs; default 500 ms. */
  debounceMs?: number;
}

const CACHE_NAME = /^(\d+)-\d+-\d+\.peaks$/;

/** Computes peaks once per file version and caches them in `<dataDir>/peaks/<id>-<size>-<mtimeMs>.peaks`. */
export class PeaksService {
  /** How many computations ran (not cache hits); tests read it. */
  computed = 0;
  private readonly dir: string;
  private readonly inflight = new Map<string, Promise<Buffer>>();
  private readonly queue = new Set<number>();
  private worker: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: PeaksServiceOptions) {
    this.dir = join(opts.dataDir, 'peaks');
  }

  /** Returns the peaks file of an audio file, from the cache when the file is unchanged; concurrent calls share one computation. */
  get(audioFileId: number): Promise<Buffer> {
    return this.fetch(audioFileId, false);
  }

  /** Queues files for background computation, one at a time, yielding to other work between chunks. */
  schedule(ids: Iterable<number>): void {
    if (this.stopped) return;
    for (const id of ids) this.queue.add(id);
    this.worker ??= this.drain().finally(() => {
      this.worker = null;
    });
  }

  /** Queues every audio file whose cache is missing or stale, and deletes caches of files the library no longer has; returns how many were queued. */
  async scheduleMissing(): Promise<number> {
    if (this.stopped) return 0;
    const files = this.opts.catalog.files();
    const names = new Set(await readdir(this.dir).catch(() => [] as string[]));
    const wanted: number[] = [];
    for (const f of files) {
      // The library's own size/mtime names the cache in the common case, so nothing is stat'ed when nothing changed.
      if (names.has(`${f.id}-${f.size}-${Math.trunc(f.mtimeMs)}.peaks`)) continue;
      const st = await stat(f.path).catch(() => null);
      if (st?.isFile() && !names.has(cacheName(f.id, st.size, st.mtimeMs))) wanted.push(f.id);
    }
    const known = new Set(files.map((f) => f.id));
    for (const name of names) {
      const id = CACHE_NAME.exec(name)?.[1];
      if (id !== undefined && !known.has(Number(id)) && !this.opts.catalog.file(Number(id))) await rm(join(this.dir, name), { force: true });
    }
    this.schedule(wanted);
    return wanted.length;
  }

  /** Runs scheduleMissing once a burst of calls has quietened down (for library:changed events). */
  scheduleMissingSoon(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.scheduleMissing().catch((err: unknown) => this.opts.log?.(`peaks: finding missing peaks failed: ${String(err)}`));
    }, this.opts.debounceMs ?? 500);
    this.timer.unref();
  }

  /** Resolves once the background queue is empty. */
  async idle(): Promise<void> {
    while (this.worker) await this.worker;
  }

  /** Stops background work: queued files are dropped and a running background computation ends at its next chunk. */
  stop(): void {
    this.stopped = true;
    this.queue.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    for (const id of this.queue) {
      this.queue.delete(id);
      if (this.stopped) return;
      await this.fetch(id, true).catch((err: unknown) => {
        if (!this.stopped) this.opts.log?.(`peaks: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
  }

  private async fetch(id: number, background: boolean): Promise<Buffer> {
    const file = this.opts.catalog.file(id);
    if (!file) throw new PeaksError('unknown-audio', `No audio file has id ${id}.`);
    const st = await stat(file.path).catch((err: unknown) => {
      throw new PeaksError('unreadable', `${file.path}: ${fsProblem(err)}`, { cause: err });
    });
    if (!st.isFile()) throw new PeaksError('unreadable', `${file.path}: It is not a regular file.`);
    const name = cacheName(id, st.size, st.mtimeMs);
    let job = this.inflight.get(name);
    if (!job) {
      job = this.load(file, name, background).finally(() => this.inflight.delete(name));
      this.inflight.set(name, job);
    }
    return job;
  }

  private async load(file: PeaksFile, name: string, background: boolean): Promise<Buffer> {
    const path = join(this.dir, name);
    const cached = await readFile(path).catch(() => null);
    if (cached && cached.length >= PEAKS_HEADER_BYTES && cached.toString('latin1', 0, 4) === PEAKS_MAGIC) return cached;
    const pause = background ? () => this.yieldOrStop() : undefined;
    let buf: Buffer;
    try {
      this.computed++;
      buf = await (this.opts.compute ?? computePeaks)(file.path, file.format === 'mp3' ? 'mp3' : 'wav', { pause });
    } catch (err) {
      throw new PeaksError('unreadable', `${file.path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    await this.store(file.id, name, buf).catch((err: unknown) => this.opts.log?.(`peaks: could not cache ${name}: ${String(err)}`));
    return buf;
  }

  /** Writes the cache atomically (temp file + rename), then removes older versions for the same id. */
  private async store(id: number, name: string, buf: Buffer): Promise<void> {
    if (this.stopped) return;
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, buf);
      await rename(tmp, join(this.dir, name));
    } finally {
      await rm(tmp, { force: true });
    }
    for (const other of await readdir(this.dir)) {
      if (other !== name && CACHE_NAME.exec(other)?.[1] === String(id)) await rm(join(this.dir, other), { force: true });
    }
  }

  private yieldOrStop(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('peaks service stopped'));
    return new Promise((resolve) => setImmediate(resolve));
  }
}

function cacheName(id: number, size: number, mtimeMs: number): string {
  return `${id}-${size}-${Math.trunc(mtimeMs)}.peaks`;
}
