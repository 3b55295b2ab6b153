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

/** Memory for recently served peaks (an hour of stereo peaks is ~4 MB). */
const RECENT_BYTES = 32 * 2 ** 20;

const CACHE_NAME = /^(\d+)-\d+-\d+\.peaks$/;
/** A keyed cache's key: `<group>-<version>`, lower-case letters, digits and dashes. */
const KEY = /^([a-z0-9]+(?:-[a-z0-9]+)*)-[a-z0-9]+$/;

/** Computes peaks once per file version and caches them in `<dataDir>/peaks/<id>-<size>-<mtimeMs>.peaks`. */
export class PeaksService {
  /** How many computations ran (not cache hits); tests read it. */
  computed = 0;
  private readonly dir: string;
  /** Keyed caches live in their own folder, so scheduleMissing()'s cleanup by audio file id never sees them. */
  private readonly keyedDir: string;
  private readonly inflight = new Map<string, Promise<Buffer>>();
  private readonly recent = new Map<string, Buffer>();
  private readonly queue = new Set<number>();
  private worker: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: PeaksServiceOptions) {
    this.dir = join(opts.dataDir, 'peaks');
    this.keyedDir = join(this.dir, 'keyed');
  }

  /** Returns the peaks file of an audio file, from the cache when the file is unchanged; concurrent calls share one computation. */
  get(audioFileId: number): Promise<Buffer> {
    return this.fetch(audioFileId, false);
  }

  /**
   * Peaks of a file the library does not list (a derived stereo file), cached as `<dataDir>/peaks/keyed/<key>.peaks`.
   * The key is `<group>-<version>` and must change whenever the file does; a new version replaces the group's older ones.
   */
  getKeyed(key: string, path: string, format: 'wav' | 'mp3', opts: { background?: boolean } = {}): Promise<Buffer> {
    const group = KEY.exec(key)?.[1];
    if (group === undefined) return Promise.reject(new RangeError(`"${key}" is not a peaks cache key (<group>-<version>).`));
    const name = `${key}.peaks`;
    return this.shared(`keyed/${name}`, () =>
      this.load({ path, format }, this.keyedDir, name, opts.background ?? false, (other) => KEY.exec(other.replace(/\.peaks$/, ''))?.[1] === group),
    );
  }

  /** Deletes the keyed caches whose key `keep` refuses (for instance derived files of calls that are gone); returns how many. */
  async pruneKeyed(keep: (key: string) => boolean): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.keyedDir).catch(() => [] as string[])) {
      const key = name.endsWith('.peaks') ? name.slice(0, -'.peaks'.length) : null;
      if (key === null || !KEY.test(key) || keep(key)) continue;
      await rm(join(this.keyedDir, name), { force: true });
      removed++;
    }
    return removed;
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
    return this.shared(name, () => this.load(file, this.dir, name, background, (other) => CACHE_NAME.exec(other)?.[1] === String(id)));
  }

  /** One computation per cache name in flight, however many ask. */
  private shared(name: string, run: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.recent.get(name);
    if (hit) {
      // Most recently used last, so the oldest is evicted first.
      this.recent.delete(name);
      this.recent.set(name, hit);
      return Promise.resolve(hit);
    }
    let job = this.inflight.get(name);
    if (!job) {
      job = run()
        .then((buf) => this.remember(name, buf))
        .finally(() => this.inflight.delete(name));
      this.inflight.set(name, job);
    }
    return job;
  }

  /** Keeps recent peaks in memory: reopening a call (or the overview and then the full file) skips the disk read. */
  private remember(name: string, buf: Buffer): Buffer {
    this.recent.set(name, buf);
    let bytes = 0;
    for (const b of this.recent.values()) bytes += b.length;
    for (const [key, b] of this.recent) {
      if (bytes <= RECENT_BYTES || this.recent.size <= 1) break;
      this.recent.delete(key);
      bytes -= b.length;
    }
    return buf;
  }

  /** Reads the cache `dir/name` or computes and stores it; `isOlder` tells which other caches in `dir` it replaces. */
  private async load(file: Pick<PeaksFile, 'path' | 'format'>, dir: string, name: string, background: boolean, isOlder: (other: string) => boolean): Promise<Buffer> {
    const path = join(dir, name);
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
    await this.store(dir, name, buf, isOlder).catch((err: unknown) => this.opts.log?.(`peaks: could not cache ${name}: ${String(err)}`));
    return buf;
  }

  /** Writes the cache atomically (temp file + rename), then removes the older versions it replaces. */
  private async store(dir: string, name: string, buf: Buffer, isOlder: (other: string) => boolean): Promise<void> {
    if (this.stopped) return;
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, buf);
      await rename(tmp, join(dir, name));
    } finally {
      await rm(tmp, { force: true });
    }
    for (const other of await readdir(dir)) {
      if (other !== name && isOlder(other)) await rm(join(dir, other), { force: true });
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
