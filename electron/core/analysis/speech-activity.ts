import type { TimeSpan } from '../../../shared/analysis.js';
import { RMS_FRAME_SEC } from '../transcription/silence.js';

/*
 * Speech activity of one audio channel from its energy, streamed: 20 ms RMS frames (the frames
 * silence.ts cuts chunks with) whose level reaches the threshold are speech; runs of them joined
 * across gaps of up to mergeGapSec (the pauses inside a sentence: synthetic voices pause exactly
 * 300 ms at a comma), and bursts shorter than
 * minBurstSec dropped (clicks). The threshold is thresholdDbfs (−45 dBFS, the level the call
 * recorder's `speech_seconds` counts from), raised to noiseMarginDb above the channel's noise floor
 * (its 10th-percentile frame level) on a noisy line. The samples are never kept: only one byte per
 * frame (the level in half-dB steps), 50 bytes a second, so memory stays flat whatever the length.
 */

/** Knobs of the detector; the defaults suit telephone speech. */
export interface ActivityOptions {
  thresholdDbfs?: number;
  noiseMarginDb?: number;
  mergeGapSec?: number;
  minBurstSec?: number;
}

/** What one channel's analysis found. */
export interface ChannelActivity {
  spans: TimeSpan[];
  speechSec: number;
  /** The threshold used after the noise-floor check. */
  thresholdDbfs: number;
}

const DEFAULTS: Required<ActivityOptions> = { thresholdDbfs: -50, noiseMarginDb: 10, mergeGapSec: 0.3, minBurstSec: 0.1 };
// Levels are stored as round(2 · (dBFS + 127.5)), 0..255: half-dB steps from −127.5 to 0 dBFS.
const LEVEL_FLOOR_DB = -127.5;
const NOISE_PERCENTILE = 0.1;

function toLevel(power: number): number {
  if (power <= 0) return 0;
  return Math.min(255, Math.max(0, Math.round(2 * (10 * Math.log10(power) - LEVEL_FLOOR_DB))));
}

function toDb(level: number): number {
  return level / 2 + LEVEL_FLOOR_DB;
}

/** Finds the speech in one channel fed in blocks of any size. */
export class SpeechActivityDetector {
  private readonly opts: Required<ActivityOptions>;
  private readonly frameLen: number;
  private levels = new Uint8Array(4096);
  private frames = 0;
  private samples = 0;
  private sum = 0;
  private inFrame = 0;

  constructor(
    private readonly sampleRate: number,
    opts: ActivityOptions = {},
  ) {
    if (!(sampleRate > 0)) throw new RangeError(`Invalid sample rate ${sampleRate}`);
    this.opts = { ...DEFAULTS, ...opts };
    this.frameLen = Math.max(1, Math.round(sampleRate * RMS_FRAME_SEC));
  }

  /** Adds samples; frames run on from where the previous block stopped. */
  add(x: Float32Array): void {
    this.samples += x.length;
    for (let i = 0; i < x.length; i++) {
      this.sum += x[i]! * x[i]!;
      if (++this.inFrame === this.frameLen) this.closeFrame();
    }
  }

  /** Closes the trailing partial frame and returns the speech spans (seconds), their total and the threshold used. */
  finish(): ChannelActivity {
    if (this.inFrame > 0) this.closeFrame();
    const { thresholdDbfs, noiseMarginDb, mergeGapSec, minBurstSec } = this.opts;
    const floor = this.noiseFloorLevel();
    const threshold = Math.max(toLevel(10 ** (thresholdDbfs / 10)), floor === null ? 0 : floor + Math.round(2 * noiseMarginDb));
    const frameSec = this.frameLen / this.sampleRate;
    const endSec = this.samples / this.sampleRate;
    // Whole frames, so a gap of exactly mergeGapSec is not taken for a longer one by rounding.
    const mergeFrames = Math.round(mergeGapSec / frameSec);
    const minFrames = Math.round(minBurstSec / frameSec);
    const runs: Array<[number, number]> = [];
    for (let i = 0; i < this.frames; ) {
      if (this.levels[i]! < threshold) {
        i++;
        continue;
      }
      const start = i;
      while (i < this.frames && this.levels[i]! >= threshold) i++;
      const last = runs.at(-1);
      if (last && start - last[1] <= mergeFrames) last[1] = i;
      else runs.push([start, i]);
    }
    const spans = runs.filter(([a, b]) => b - a >= minFrames).map(([a, b]) => ({ start: a * frameSec, end: Math.min(b * frameSec, endSec) }));
    return { spans, speechSec: spans.reduce((n, s) => n + s.end - s.start, 0), thresholdDbfs: toDb(threshold) };
  }

  /** The level below which NOISE_PERCENTILE of the frames lie, or null for no frames. */
  private noiseFloorLevel(): number | null {
    if (this.frames === 0) return null;
    const hist = new Uint32Array(256);
    for (let i = 0; i < this.frames; i++) hist[this.levels[i]!]!++;
    const target = Math.ceil(this.frames * NOISE_PERCENTILE);
    for (let level = 0, seen = 0; level < 256; level++) {
      seen += hist[level]!;
      if (seen >= target) return level;
    }
    return 255;
  }

  private closeFrame(): void {
    if (this.frames === this.levels.length) {
      const grown = new Uint8Array(this.levels.length * 2);
      grown.set(this.levels);
      this.levels = grown;
    }
    this.levels[this.frames++] = toLevel(this.sum / this.inFrame);
    this.sum = 0;
    this.inFrame = 0;
  }
}
