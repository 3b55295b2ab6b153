import { basename } from 'node:path';
import { Mp3Error, readMp3Format, readMp3Frames } from './mp3.js';
import { downmix, resample, writeWav16, type AudioChunks } from './transforms.js';
import { readWavInfo, WavError } from './wav-header.js';
import { readWavFrames } from './wav-reader.js';

/** One side of a two-file call: where the file is and how it is encoded (the stored format, 'mp3' for MP3). */
export interface PairSource {
  id: number;
  path: string;
  format: string | null;
}

/** A call's caller and agent recordings, which become the left and right channels of a derived stereo file. */
export interface StereoPair {
  caller: PairSource;
  agent: PairSource;
}

/** Which side of the pair a problem is about. */
export type PairSide = 'caller' | 'agent';

/** Why a derived stereo file could not be had: a source is gone or unreadable, the cache could not be written, or the service stopped. */
export type DerivedStereoErrorCode = 'missing' | 'unreadable' | 'write-failed' | 'stopped';

/** A derived stereo file that could not be made; `side` names the source at fault, if one is. */
export class DerivedStereoError extends Error {
  constructor(
    readonly code: DerivedStereoErrorCode,
    readonly side: PairSide | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DerivedStereoError';
  }
}

/** A source opened for streaming: its rate and its samples as one (downmixed) channel. */
interface OpenedSide {
  sampleRate: number;
  chunks: AudioChunks;
}

function isMp3(src: PairSource): boolean {
  return src.format === 'mp3' || /\.mp3$/i.test(src.path);
}

function unreadable(side: PairSide, src: PairSource, err: unknown): DerivedStereoError {
  if (err instanceof DerivedStereoError) return err;
  const reason = err instanceof WavError || err instanceof Mp3Error || err instanceof Error ? err.message : String(err);
  return new DerivedStereoError('unreadable', side, `The ${side} side (${basename(src.path)}) cannot be read: ${reason}`, { cause: err });
}

/** Re-raises any failure of a side's stream as a DerivedStereoError naming that side. */
async function* guarded(side: PairSide, src: PairSource, chunks: AudioChunks): AsyncGenerator<Float32Array[]> {
  try {
    yield* chunks;
  } catch (err) {
    throw unreadable(side, src, err);
  }
}

async function openSide(side: PairSide, src: PairSource): Promise<OpenedSide> {
  let fmt: { sampleRate: number; channels: number };
  try {
    fmt = isMp3(src) ? await readMp3Format(src.path) : await readWavInfo(src.path);
  } catch (err) {
    throw unreadable(side, src, err);
  }
  const raw = isMp3(src) ? readMp3Frames(src.path) : readWavFrames(src.path);
  // A side recorded in stereo still fills one channel of the pair: its channels are averaged.
  const chunks = guarded(side, src, fmt.channels > 1 ? downmix(raw) : raw);
  return { sampleRate: fmt.sampleRate, chunks };
}

/** Pulls one mono stream chunk by chunk, handing out any number of frames at a time. */
class Cursor {
  private buf: Float32Array | null = null;
  private off = 0;
  done = false;

  constructor(private readonly it: AsyncIterator<Float32Array[]>) {}

  /** Reads on until there is at least one frame, or the stream has ended. */
  async fill(): Promise<void> {
    while (!this.done && this.available() === 0) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        this.buf = r.value[0] ?? new Float32Array(0);
        this.off = 0;
      }
    }
  }

  available(): number {
    return this.buf ? this.buf.length - this.off : 0;
  }

  /** The next `n` frames, or silence once the stream has run out. */
  take(n: number): Float32Array {
    if (this.available() === 0) return new Float32Array(n);
    const out = this.buf!.subarray(this.off, this.off + n);
    this.off += n;
    return out;
  }

  async close(): Promise<void> {
    await this.it.return?.();
  }
}

/** Zips two mono streams of one sample rate into a stereo one; the shorter side is padded with silence. */
export async function* interleave(left: AudioChunks, right: AudioChunks): AsyncGenerator<Float32Array[]> {
  const sides = [new Cursor(left[Symbol.asyncIterator]()), new Cursor(right[Symbol.asyncIterator]())] as const;
  try {
    for (;;) {
      // One after the other, not together: a failing side must not leave the other's read dangling.
      for (const s of sides) await s.fill();
      const [a, b] = [sides[0].available(), sides[1].available()];
      if (a === 0 && b === 0) return;
      const n = a === 0 ? b : b === 0 ? a : Math.min(a, b);
      yield [sides[0].take(n), sides[1].take(n)];
    }
  } finally {
    // Closing the readers releases their file handles when the consumer stops early or a side fails.
    for (const s of sides) await s.close().catch(() => undefined);
  }
}

async function* paced(chunks: AudioChunks, pause?: () => Promise<void>): AsyncGenerator<Float32Array[]> {
  // An empty two-channel chunk first, so even two silent (0-frame) sides make a stereo header.
  yield [new Float32Array(0), new Float32Array(0)];
  for await (const chunk of chunks) {
    yield chunk;
    await pause?.();
  }
}

/**
 * Streams a pair into a 16-bit stereo WAV at `outPath` (left = caller, right = agent), resampling the
 * lower-rate side to the higher rate; `pause` is awaited between chunks. Never holds more than a few chunks.
 */
export async function writeStereoPair(pair: StereoPair, outPath: string, pause?: () => Promise<void>): Promise<{ frames: number; sampleRate: number }> {
  const caller = await openSide('caller', pair.caller);
  const agent = await openSide('agent', pair.agent);
  const rate = Math.max(caller.sampleRate, agent.sampleRate);
  const left = resample(caller.chunks, caller.sampleRate, rate);
  const right = resample(agent.chunks, agent.sampleRate, rate);
  try {
    const { frames } = await writeWav16(outPath, paced(interleave(left, right), pause), rate);
    return { frames, sampleRate: rate };
  } catch (err) {
    if (err instanceof DerivedStereoError) throw err;
    throw new DerivedStereoError('write-failed', null, `The derived stereo file could not be written: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    // If writing never started (the output could not be opened), the readers were never pulled; close them anyway.
    await Promise.all([left.return(undefined), right.return(undefined)]).catch(() => undefined);
  }
}
