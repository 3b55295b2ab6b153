import path from 'node:path';
import { ChunkFile } from './chunk-file.js';
import { pickCut, SpeechMeter, type CutRules } from './silence.js';

/** One piece of a channel, written as a mono 16-bit WAV; times are on the output sample-rate timeline. */
export interface AudioChunk {
  /** 0-based position in the channel. */
  index: number;
  /** The chunk's WAV file. */
  path: string;
  /** First frame / sample rate: add it to times inside the chunk to get times in the call. */
  startSec: number;
  /** One past the last frame / sample rate; equals the next chunk's startSec. */
  endSec: number;
  /** File size, header included. */
  bytes: number;
  /** Seconds in 20 ms frames above the silence threshold; 0 means there is nothing to transcribe. */
  speechSec: number;
}

/** How cutStream sizes, names and cuts its chunks. */
export interface CutStreamConfig {
  outDir: string;
  /** File names are `${prefix}-000.wav`, `${prefix}-001.wav`, … */
  prefix: string;
  sampleRate: number;
  /** Most frames one chunk may hold. */
  maxFrames: number;
  /** How far back from the size limit a cut may go, in frames; at most maxFrames / 2. */
  windowFrames: number;
  rules: CutRules;
  signal?: AbortSignal;
  /** Called after each input block with the frames consumed so far. */
  onFrames?: (frames: number) => void;
}

/** Samples received but not yet written: at most the search window plus one input block. */
class Pending {
  buf = new Float32Array(0);
  len = 0;

  push(x: Float32Array): void {
    if (this.len + x.length > this.buf.length) {
      const grown = new Float32Array(Math.max(this.buf.length * 2, this.len + x.length));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(x, this.len);
    this.len += x.length;
  }

  /** Drops the first n samples. */
  shift(n: number): void {
    this.buf.copyWithin(0, n, this.len);
    this.len -= n;
  }
}

/**
 * Cuts a mono sample stream into WAV files of at most maxFrames frames each, streaming: a chunk's
 * samples go to disk as soon as they are older than the search window, so memory stays flat however
 * long the call. Each chunk starts exactly where the previous one ended.
 */
export async function* cutStream(samples: AsyncIterable<Float32Array>, cfg: CutStreamConfig): AsyncGenerator<AudioChunk> {
  const { maxFrames, windowFrames, rules, signal } = cfg;
  if (windowFrames < 1 || windowFrames > Math.floor(maxFrames / 2)) throw new RangeError('The search window must fit in half a chunk.');
  const pending = new Pending();
  const meter = new SpeechMeter(rules.frameLen, rules.silencePower);
  let file: ChunkFile | undefined;
  let index = 0;
  let startFrame = 0;
  let consumed = 0;

  const write = async (n: number): Promise<void> => {
    if (n <= 0) return;
    const x = pending.buf.subarray(0, n);
    file ??= await ChunkFile.create(path.join(cfg.outDir, `${cfg.prefix}-${String(index).padStart(3, '0')}.wav`), cfg.sampleRate);
    await file.append(x);
    meter.add(x);
    pending.shift(n);
  };
  const finish = async (): Promise<AudioChunk> => {
    const done = file!;
    const frames = done.frameCount;
    const bytes = await done.close();
    file = undefined;
    const chunk: AudioChunk = {
      index,
      path: done.path,
      startSec: startFrame / cfg.sampleRate,
      endSec: (startFrame + frames) / cfg.sampleRate,
      bytes,
      speechSec: meter.finish() / cfg.sampleRate,
    };
    index++;
    startFrame += frames;
    return chunk;
  };

  try {
    for await (const block of samples) {
      signal?.throwIfAborted();
      pending.push(block);
      consumed += block.length;
      // Invariant between blocks: written + pending ≤ maxFrames and pending ≤ windowFrames (or all unwritten
      // samples), so the search window [maxFrames − window, maxFrames) of the chunk is always still pending.
      while ((file?.frameCount ?? 0) + pending.len > maxFrames) {
        const at = maxFrames - windowFrames - (file?.frameCount ?? 0);
        await write(at + pickCut(pending.buf.subarray(at, at + windowFrames), rules));
        yield await finish();
        signal?.throwIfAborted();
      }
      await write(pending.len - windowFrames);
      cfg.onFrames?.(consumed);
    }
    signal?.throwIfAborted();
    await write(pending.len);
    if (file) yield await finish();
  } finally {
    // Reached with a file still open only on abort, error or an early return by the consumer.
    const partial = file as ChunkFile | undefined;
    file = undefined;
    await partial?.discard();
  }
}
