/**
 * Loudness analysis over 20 ms RMS frames: where to cut a chunk, and how much of it is above the
 * silence threshold. Works on mean-square power so no logarithm is taken per frame.
 */

/** Length of one analysis frame in seconds; 20 ms is short enough to find the gap between two words. */
export const RMS_FRAME_SEC = 0.02;

/** The mean-square power of a level in dBFS (0 dBFS is a signal whose RMS is full scale). */
export function dbfsToPower(dbfs: number): number {
  return 10 ** (dbfs / 10);
}

/** How pickCut judges a window: frame length in samples, the silence power, and the shortest silence that counts. */
export interface CutRules {
  frameLen: number;
  silencePower: number;
  minSilenceFrames: number;
}

/** Mean-square power of each whole analysis frame of `x`; a trailing partial frame is left out. */
function framePowers(x: Float32Array, frameLen: number): Float64Array {
  const n = Math.floor(x.length / frameLen);
  const out = new Float64Array(n);
  for (let i = 0, at = 0; i < n; i++) {
    let sum = 0;
    for (let end = at + frameLen; at < end; at++) sum += x[at]! * x[at]!;
    out[i] = sum / frameLen;
  }
  return out;
}

/**
 * Where to cut a window of samples, as an index in [0, x.length]: the middle of its longest silence
 * of at least minSilenceFrames (the latest one on a tie, so chunks stay long), else the middle of its
 * quietest frame. The longest pause is the likeliest to be between sentences rather than inside a word.
 */
export function pickCut(x: Float32Array, rules: CutRules): number {
  const { frameLen, silencePower, minSilenceFrames } = rules;
  const power = framePowers(x, frameLen);
  if (power.length === 0) return x.length;
  let best: [number, number] | undefined;
  for (let i = 0; i < power.length; ) {
    if (power[i]! >= silencePower) {
      i++;
      continue;
    }
    const start = i;
    while (i < power.length && power[i]! < silencePower) i++;
    const len = i - start;
    if (len >= minSilenceFrames && (!best || len >= best[1] - best[0])) best = [start, i];
  }
  if (best) return Math.floor(((best[0] + best[1]) * frameLen) / 2);
  let quietest = 0;
  for (let i = 1; i < power.length; i++) if (power[i]! <= power[quietest]!) quietest = i;
  return quietest * frameLen + Math.floor(frameLen / 2);
}

/** Counts the samples that lie in analysis frames louder than the silence threshold, fed in any slicing. */
export class SpeechMeter {
  private sum = 0;
  private inFrame = 0;
  private loud = 0;

  constructor(
    private readonly frameLen: number,
    private readonly silencePower: number,
  ) {}

  /** Adds the samples of `x`; frames run on from where the previous call stopped. */
  add(x: Float32Array): void {
    for (let i = 0; i < x.length; i++) {
      this.sum += x[i]! * x[i]!;
      if (++this.inFrame === this.frameLen) this.closeFrame();
    }
  }

  /** Closes the trailing partial frame and returns the loud sample count, then starts over. */
  finish(): number {
    if (this.inFrame > 0) this.closeFrame();
    const loud = this.loud;
    this.loud = 0;
    return loud;
  }

  private closeFrame(): void {
    if (this.sum / this.inFrame >= this.silencePower) this.loud += this.inFrame;
    this.sum = 0;
    this.inFrame = 0;
  }
}
