/**
 * A plain energy voice-activity detector: 20 ms frames louder than -45 dBFS are speech, gaps
 * shorter than 300 ms are bridged and bursts shorter than 100 ms are dropped. Fed in chunks, so
 * a 25 MB upload is never held as floats; the result does not depend on how it is chunked.
 */

/** A stretch of speech, in seconds from the start of the audio. */
export interface Burst {
  start: number;
  end: number;
}

/** The detector's knobs; the defaults are the ones the fixtures' `speech_seconds` use. */
export interface VadOptions {
  frameSec: number;
  thresholdDbfs: number;
  mergeGapSec: number;
  minBurstSec: number;
}

/** Defaults: 20 ms frames, -45 dBFS, bridge < 300 ms, drop < 100 ms. */
export const DEFAULT_VAD: VadOptions = { frameSec: 0.02, thresholdDbfs: -45, mergeGapSec: 0.3, minBurstSec: 0.1 };

/** Streaming detector for one mono signal. */
export class EnergyVad {
  private readonly frameLen: number;
  private readonly threshold: number;
  private readonly opts: VadOptions;
  private sum = 0;
  private inFrame = 0;
  private frames = 0;
  /** Samples judged so far; the last frame may be partial, so this (not frames × length) ends the audio. */
  private samples = 0;
  /** Loud frames as [first, last+1) frame runs, merged as they come. */
  private readonly runs: [number, number][] = [];

  constructor(
    private readonly sampleRate: number,
    opts: Partial<VadOptions> = {},
  ) {
    this.opts = { ...DEFAULT_VAD, ...opts };
    this.frameLen = Math.max(1, Math.round(sampleRate * this.opts.frameSec));
    // Compared with mean-square power, so no logarithm per frame.
    this.threshold = 10 ** (this.opts.thresholdDbfs / 10);
  }

  /** Feeds the next samples (-1..1). */
  push(x: Float32Array): void {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      this.sum += v * v;
      if (++this.inFrame === this.frameLen) this.closeFrame();
    }
  }

  /** The bursts found, after the trailing partial frame is judged too. */
  finish(): Burst[] {
    if (this.inFrame > 0) this.closeFrame();
    const frameSec = this.frameLen / this.sampleRate;
    const endOfAudio = this.samples / this.sampleRate;
    return this.runs
      .map(([a, b]): Burst => ({ start: a * frameSec, end: Math.min(b * frameSec, endOfAudio) }))
      .filter((burst) => burst.end - burst.start >= this.opts.minBurstSec - 1e-9);
  }

  private closeFrame(): void {
    const loud = this.sum / this.inFrame > this.threshold;
    this.samples += this.inFrame;
    const index = this.frames++;
    this.sum = 0;
    this.inFrame = 0;
    if (!loud) return;
    const last = this.runs[this.runs.length - 1];
    const gapFrames = this.opts.mergeGapSec / (this.frameLen / this.sampleRate);
    if (last && index - last[1] < gapFrames - 1e-9) last[1] = index + 1;
    else this.runs.push([index, index + 1]);
  }
}
