import { endianness } from 'node:os';
import { PEAKS_HEADER_BYTES, PEAKS_MAGIC, PEAKS_VERSION } from '../../../shared/audio.js';
import { readMp3Format, readMp3Frames } from './mp3.js';
import { readWavInfo } from './wav-header.js';
import { decodeWavBlock, readWavBlocks } from './wav-reader.js';

/** Zoom levels in a peaks file; each has 4× the frames per bucket of the one before. */
export const PEAKS_LEVELS = 4;
/** The finest level's bucket length, in seconds. */
const FINEST_SEC = 0.01;

/** Options for computePeaks. */
export interface PeaksOptions {
  /** Awaited between chunks; a background caller passes a setImmediate so it yields to other work. */
  pause?: () => Promise<void>;
}

/** Full scale ±32767, like the file format; -1.0 (int16 -32768) clamps to -32767. */
function quantize(x: number): number {
  const q = Math.round(x * 32767);
  return q > 32767 ? 32767 : q < -32767 ? -32767 : q;
}

/** Min/max per bucket per channel at the finest level, fed chunk by chunk. */
class Buckets {
  mins: Int16Array[];
  maxs: Int16Array[];
  count = 0;
  frames = 0;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private fill = 0;

  constructor(readonly channels: number, readonly framesPerBucket: number, expectedFrames: number) {
    const capacity = Math.max(16, Math.ceil(expectedFrames / framesPerBucket));
    this.mins = Array.from({ length: channels }, () => new Int16Array(capacity));
    this.maxs = Array.from({ length: channels }, () => new Int16Array(capacity));
    this.lo = new Float64Array(channels).fill(Infinity);
    this.hi = new Float64Array(channels).fill(-Infinity);
  }

  /** Adds per-channel -1..1 samples. */
  addFloat(chunk: Float32Array[]): void {
    const n = chunk[0]?.length ?? 0;
    for (let at = 0; at < n; ) {
      const take = Math.min(n - at, this.framesPerBucket - this.fill);
      for (let c = 0; c < this.channels; c++) {
        const x = chunk[c]!;
        let lo = this.lo[c]!;
        let hi = this.hi[c]!;
        for (let i = at, end = at + take; i < end; i++) {
          const v = x[i]!;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        this.lo[c] = lo;
        this.hi[c] = hi;
      }
      at += take;
      this.advance(take, 1);
    }
  }

  /** Adds interleaved 16-bit samples without converting them to floats first (the common case, and the hot loop). */
  addInt16(v: Int16Array): void {
    const ch = this.channels;
    const n = v.length / ch;
    for (let at = 0; at < n; ) {
      const take = Math.min(n - at, this.framesPerBucket - this.fill);
      for (let c = 0; c < ch; c++) {
        let lo = this.lo[c]!;
        let hi = this.hi[c]!;
        for (let i = at * ch + c, end = (at + take) * ch; i < end; i += ch) {
          const s = v[i]!;
          if (s < lo) lo = s;
          if (s > hi) hi = s;
        }
        this.lo[c] = lo;
        this.hi[c] = hi;
      }
      at += take;
      this.advance(take, 1 / 32768);
    }
  }

  /** Closes the partial last bucket. */
  finish(scale: number): void {
    if (this.fill > 0) this.close(scale);
  }

  private advance(take: number, scale: number): void {
    this.fill += take;
    this.frames += take;
    if (this.fill === this.framesPerBucket) this.close(scale);
  }

  private close(scale: number): void {
    if (this.count === this.mins[0]!.length) this.grow();
    for (let c = 0; c < this.channels; c++) {
      this.mins[c]![this.count] = quantize(this.lo[c]! * scale);
      this.maxs[c]![this.count] = quantize(this.hi[c]! * scale);
    }
    this.count++;
    this.fill = 0;
    this.lo.fill(Infinity);
    this.hi.fill(-Infinity);
  }

  private grow(): void {
    const bigger = (a: Int16Array): Int16Array => {
      const b = new Int16Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.mins = this.mins.map(bigger);
    this.maxs = this.maxs.map(bigger);
  }
}

/** One level's buckets: per channel, min and max arrays. */
interface Level {
  framesPerBucket: number;
  buckets: number;
  mins: Int16Array[];
  maxs: Int16Array[];
}

/** Merges every 4 buckets of a level into one of the next (boundaries line up, so this equals a pass over the samples). */
function coarser(prev: Level): Level {
  const buckets = Math.ceil(prev.buckets / 4);
  const merge = (src: Int16Array, pick: (a: number, b: number) => number): Int16Array => {
    const out = new Int16Array(buckets);
    for (let b = 0; b < buckets; b++) {
      let v = src[b * 4]!;
      for (let k = b * 4 + 1, end = Math.min(prev.buckets, b * 4 + 4); k < end; k++) v = pick(v, src[k]!);
      out[b] = v;
    }
    return out;
  };
  return {
    framesPerBucket: prev.framesPerBucket * 4,
    buckets,
    mins: prev.mins.map((m) => merge(m, Math.min)),
    maxs: prev.maxs.map((m) => merge(m, Math.max)),
  };
}

/** Serialises levels in the shared/audio.ts peaks file format. */
function encode(channels: number, sampleRate: number, frames: number, levels: Level[]): Buffer {
  const body = levels.reduce((sum, l) => sum + l.buckets * channels * 4, 0);
  const buf = Buffer.alloc(PEAKS_HEADER_BYTES + levels.length * 8 + body);
  buf.write(PEAKS_MAGIC, 0, 'latin1');
  buf.writeUInt16LE(PEAKS_VERSION, 4);
  buf.writeUInt16LE(channels, 6);
  buf.writeUInt32LE(sampleRate, 8);
  buf.writeDoubleLE(frames / sampleRate, 12);
  buf.writeDoubleLE(frames, 20);
  buf.writeUInt16LE(levels.length, 28);
  let off = PEAKS_HEADER_BYTES;
  for (const l of levels) {
    buf.writeUInt32LE(l.framesPerBucket, off);
    buf.writeUInt32LE(l.buckets, off + 4);
    off += 8;
  }
  for (const l of levels) {
    for (let b = 0; b < l.buckets; b++) {
      for (let c = 0; c < channels; c++) {
        buf.writeInt16LE(l.mins[c]![b]!, off);
        buf.writeInt16LE(l.maxs[c]![b]!, off + 2);
        off += 4;
      }
    }
  }
  return buf;
}

/** Frames per bucket of the finest level: about 10 ms of audio. */
export function finestFramesPerBucket(sampleRate: number): number {
  return Math.max(1, Math.round(sampleRate * FINEST_SEC));
}

/** Computes the peaks file of an audio file in one streaming pass (min/max per bucket per channel, 4 levels). */
export async function computePeaks(path: string, format: 'wav' | 'mp3', opts: PeaksOptions = {}): Promise<Buffer> {
  let buckets: Buckets;
  let sampleRate: number;
  if (format === 'wav') {
    const info = await readWavInfo(path);
    sampleRate = info.sampleRate;
    buckets = new Buckets(info.channels, finestFramesPerBucket(sampleRate), info.frames);
    const int16 = info.sampleFormat === 'pcm' && info.bitsPerSample === 16 && endianness() === 'LE';
    for await (const block of readWavBlocks(path, info, 0, info.frames)) {
      // The blocks start at offset 0 of their own ArrayBuffer, so the Int16Array view is aligned.
      if (int16) buckets.addInt16(new Int16Array(block.buffer, block.byteOffset, block.length / 2));
      else buckets.addFloat(decodeWavBlock(info, block));
      await opts.pause?.();
    }
    buckets.finish(int16 ? 1 / 32768 : 1);
  } else {
    const fmt = await readMp3Format(path);
    sampleRate = fmt.sampleRate;
    buckets = new Buckets(fmt.channels, finestFramesPerBucket(sampleRate), sampleRate * 60);
    for await (const chunk of readMp3Frames(path)) {
      buckets.addFloat(chunk);
      await opts.pause?.();
    }
    buckets.finish(1);
  }
  const levels: Level[] = [{ framesPerBucket: buckets.framesPerBucket, buckets: buckets.count, mins: buckets.mins, maxs: buckets.maxs }];
  while (levels.length < PEAKS_LEVELS) levels.push(coarser(levels.at(-1)!));
  return encode(buckets.channels, sampleRate, buckets.frames, levels);
}
