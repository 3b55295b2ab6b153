import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fsProblem } from './audio-file.js';
import { DerivedStereoError, writeStereoPair, type PairSide, type StereoPair } from './stereo-pair.js';

export { DerivedStereoError, type DerivedStereoErrorCode, type PairSide, type PairSource, type StereoPair } from './stereo-pair.js';

/** A derived stereo file ready to serve, with the key that versions it and its peaks. */
export interface DerivedFile {
  callId: number;
  /** Changes whenever either source file changes (ids, sizes, mtimes). */
  key: string;
  path: string;
  size: number;
  mtimeMs: number;
  /** The PeaksService key its peaks are cached under. */
  peaksKey: string;
}

/** Where background work finds the calls that need a derived file; createCore passes one over the database. */
export interface DerivedCatalog {
  pairs(): { callId: number; pair: StereoPair }[];
}

/** The part of PeaksService the derived files use. */
export interface DerivedPeaks {
  getKeyed(key: string, path: string, format: 'wav' | 'mp3', opts?: { background?: boolean }): Promise<Buffer>;
  pruneKeyed(keep: (key: string) => boolean): Promise<number>;
}

/** Options for DerivedStereoService; without a catalog there is no background work, without peaks no peaks. */
export interface DerivedStereoOptions {
  dataDir: string;
  catalog?: DerivedCatalog;
  peaks?: DerivedPeaks;
  log?: (m: string) => void;
  /** Delay before a scheduleAllSoon() burst runs; default 500 ms. */
  debounceMs?: number;
}

/** Bumped when the derivation itself changes, so files made by an older one are not served. */
const FORMAT_VERSION = 'v1';
const FILE_NAME = /^(\d+)-([0-9a-f]+)\.wav$/;
const SIDES: readonly PairSide[] = ['caller', 'agent'];
const PEAKS_GROUP = 'derived';

/**
 * Makes and caches `<dataDir>/derived/<callId>-<key>.wav`: a 16-bit stereo WAV with the caller on the left
 * and the agent on the right, for calls whose recorder kept only the two one-sided files.
 */
export class DerivedStereoService {
  /** How many derived files were computed (not cache hits); tests read it. */
  computed = 0;
  private readonly dir: string;
  private readonly inflight = new Map<string, Promise<DerivedFile>>();
  /** Per call, the file name whose sources could not be read: not retried until a source changes. */
  private readonly failures = new Map<number, { name: string; error: DerivedStereoError }>();
  private readonly temps = new Set<string>();
  private readonly queue = new Map<number, StereoPair>();
  private worker: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: DerivedStereoOptions) {
    this.dir = join(opts.dataDir, 'derived');
  }

  /** Returns the call's derived stereo file, computing it once per source version; concurrent calls share one computation. */
  async get(callId: number, pair: StereoPair, opts: { background?: boolean } = {}): Promise<DerivedFile> {
    const key = await sourceKey(pair);
    const name = `${callId}-${key}.wav`;
    const failed = this.failures.get(callId);
    if (failed?.name === name) throw failed.error;
    let job = this.inflight.get(name);
    if (!job) {
      job = this.produce(callId, key, name, pair, opts.background ?? false).finally(() => this.inflight.delete(name));
      this.inflight.set(name, job);
    }
    return job;
  }

  /** The peaks of a derived file, cached by its key beside the library's own peaks. */
  peaks(file: DerivedFile, opts: { background?: boolean } = {}): Promise<Buffer> {
    if (!this.opts.peaks) return Promise.reject(new Error('Peaks are not available.'));
    return this.opts.peaks.getKeyed(file.peaksKey, file.path, 'wav', opts);
  }

  /** Queues every call of the catalog for background derivation (and peaks), and deletes derived files of calls no longer listed; returns how many were queued. */
  async scheduleAll(): Promise<number> {
    if (this.stopped || !this.opts.catalog) return 0;
    const pairs = this.opts.catalog.pairs();
    const wanted = new Set(pairs.map((p) => p.callId));
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const id = FILE_NAME.exec(name)?.[1];
      const orphanTemp = name.startsWith('.') && name.endsWith('.tmp') && !this.temps.has(name);
      if (orphanTemp || (id !== undefined && !wanted.has(Number(id)) && !this.inflight.has(name))) await rm(join(this.dir, name), { force: true });
    }
    await this.opts.peaks?.pruneKeyed((key) => !key.startsWith(`${PEAKS_GROUP}-`) || wanted.has(Number(key.split('-')[1])));
    for (const id of this.failures.keys()) if (!wanted.has(id)) this.failures.delete(id);
    for (const { callId, pair } of pairs) this.queue.set(callId, pair);
    this.worker ??= this.drain().finally(() => {
      this.worker = null;
    });
    return pairs.length;
  }

  /** Runs scheduleAll once a burst of calls has quietened down (for library:changed events). */
  scheduleAllSoon(): void {
    if (this.stopped || !this.opts.catalog) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.scheduleAll().catch((err: unknown) => this.opts.log?.(`derived stereo: finding calls failed: ${String(err)}`));
    }, this.opts.debounceMs ?? 500);
    this.timer.unref();
  }

  /** Resolves once the background queue is empty. */
  async idle(): Promise<void> {
    while (this.worker) await this.worker;
  }

  /** Stops background work: queued calls are dropped and a running background computation ends at its next chunk. */
  stop(): void {
    this.stopped = true;
    this.queue.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    for (const [callId, pair] of this.queue) {
      this.queue.delete(callId);
      if (this.stopped) return;
      try {
        const file = await this.get(callId, pair, { background: true });
        if (this.opts.peaks) await this.peaks(file, { background: true });
      } catch (err) {
        // Unreadable sources were logged when they failed; the rest is worth a line unless we are shutting down.
        if (!this.stopped && !(err instanceof DerivedStereoError && err.code === 'unreadable')) this.opts.log?.(`derived stereo: call ${callId}: ${errorText(err)}`);
      }
    }
  }

  private async produce(callId: number, key: string, name: string, pair: StereoPair, background: boolean): Promise<DerivedFile> {
    const path = join(this.dir, name);
    const ready = await stat(path).catch(() => null);
    if (ready?.isFile() && ready.size >= 44) return this.described(callId, key, path, ready);
    if (background && this.stopped) throw stoppedError();
    await mkdir(this.dir, { recursive: true }).catch((err: unknown) => {
      throw new DerivedStereoError('write-failed', null, `The folder for derived stereo files could not be made: ${errorText(err)}`, { cause: err });
    });
    const temp = `.${name}.${randomBytes(4).toString('hex')}.tmp`;
    this.temps.add(temp);
    try {
      this.computed++;
      await writeStereoPair(pair, join(this.dir, temp), background ? () => this.yieldOrStop() : undefined);
      await rename(join(this.dir, temp), path).catch((err: unknown) => {
        throw new DerivedStereoError('write-failed', null, `The derived stereo file could not be stored: ${errorText(err)}`, { cause: err });
      });
      this.failures.delete(callId);
    } catch (err) {
      if (err instanceof DerivedStereoError && err.code === 'unreadable') {
        this.failures.set(callId, { name, error: err });
        this.opts.log?.(`derived stereo: call ${callId}: ${err.message}`);
        await this.removeOthers(callId, name);
      }
      throw err;
    } finally {
      this.temps.delete(temp);
      await rm(join(this.dir, temp), { force: true });
    }
    await this.removeOthers(callId, name);
    return this.described(callId, key, path, await stat(path));
  }

  private described(callId: number, key: string, path: string, st: { size: number; mtimeMs: number }): DerivedFile {
    return { callId, key, path, size: st.size, mtimeMs: st.mtimeMs, peaksKey: `${PEAKS_GROUP}-${callId}-${key}` };
  }

  /** Deletes the call's derived files of older source versions (a file being served stays readable until closed). */
  private async removeOthers(callId: number, keep: string): Promise<void> {
    for (const other of await readdir(this.dir).catch(() => [] as string[])) {
      if (other !== keep && FILE_NAME.exec(other)?.[1] === String(callId) && !this.inflight.has(other)) await rm(join(this.dir, other), { force: true });
    }
  }

  private yieldOrStop(): Promise<void> {
    if (this.stopped) return Promise.reject(stoppedError());
    return new Promise((resolve) => setImmediate(resolve));
  }
}

function stoppedError(): DerivedStereoError {
  return new DerivedStereoError('stopped', null, 'The derived stereo service was stopped.');
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Hashes what versions the pair (ids, sizes, mtimes of both files); a source that cannot be stat'ed is an error naming its side. */
async function sourceKey(pair: StereoPair): Promise<string> {
  const parts: string[] = [FORMAT_VERSION];
  for (const side of SIDES) {
    const src = pair[side];
    const st = await stat(src.path).catch((err: unknown) => {
      const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
      throw new DerivedStereoError(code === 'ENOENT' ? 'missing' : 'unreadable', side, `The ${side} side (${basename(src.path)}): ${fsProblem(err)}`, { cause: err });
    });
    if (!st.isFile()) throw new DerivedStereoError('unreadable', side, `The ${side} side (${basename(src.path)}) is not a regular file.`);
    parts.push(`${src.id}:${st.size}:${Math.trunc(st.mtimeMs)}`);
  }
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16);
}
