/**
 * A band-limited rational resampler: a Kaiser-windowed sinc low-pass evaluated in polyphase form.
 * It keeps its input history between pushes, so the output does not depend on how the input was chunked.
 */

/** Stop-band attenuation the filter is designed for, in dB. */
const STOPBAND_DB = 80;
/** The pass band ends at this fraction of the lower Nyquist frequency; the stop band starts at Nyquist itself. */
const PASSBAND = 0.85;
/** Above this many phase×tap coefficients the table is not kept and each output computes its own. */
const MAX_TABLE = 1 << 21;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function of the first kind, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 64 && term > sum * 1e-17; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

/** The filter design for one rate pair, in input-sample units. */
interface Design {
  /** Output/input as the reduced fraction up/down. */
  up: number;
  down: number;
  /** Taps on each side of the centre; the window spans 2·half taps. */
  half: number;
  /** Cut-off in cycles per input sample. */
  fc: number;
  beta: number;
  i0beta: number;
}

function design(fromRate: number, toRate: number): Design {
  const g = gcd(fromRate, toRate);
  const nyquist = Math.min(fromRate, toRate) / 2;
  const transition = ((1 - PASSBAND) * nyquist) / fromRate;
  const beta = 0.1102 * (STOPBAND_DB - 8.7);
  // Kaiser's estimate of the filter length for this attenuation and transition width.
  const taps = (STOPBAND_DB - 7.95) / (2.285 * 2 * Math.PI * transition);
  return {
    up: toRate / g,
    down: fromRate / g,
    half: Math.ceil(taps / 2) + 1,
    fc: (((1 + PASSBAND) / 2) * nyquist) / fromRate,
    beta,
    i0beta: besselI0(beta),
  };
}

/** Coefficients for one phase (output falls `phase/up` of an input sample after its base sample), summing to 1. */
function phaseCoefficients(d: Design, phase: number): Float64Array {
  const c = new Float64Array(2 * d.half);
  const frac = phase / d.up;
  let sum = 0;
  for (let k = 0; k < c.length; k++) {
    const t = k - d.half + 1 - frac;
    const x = t / d.half;
    const w = Math.abs(x) >= 1 ? 0 : besselI0(d.beta * Math.sqrt(1 - x * x)) / d.i0beta;
    const arg = 2 * d.fc * t;
    const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
    c[k] = 2 * d.fc * sinc * w;
    sum += c[k]!;
  }
  // Unity gain at DC on every phase, so a constant stays exactly constant.
  for (let k = 0; k < c.length; k++) c[k]! /= sum;
  return c;
}

/** Streaming resampler for any number of channels; push input chunks, then flush once at the end. */
export class Resampler {
  private readonly d: Design;
  private readonly table: Float64Array[] | null;
  /** Input kept from absolute index `histStart` on, per channel. */
  private hist: Float32Array[] = [];
  private histStart = 0;
  private inCount = 0;
  private next = 0;
  private flushed = false;

  constructor(fromRate: number, toRate: number) {
    for (const r of [fromRate, toRate]) {
      if (!Number.isSafeInteger(r) || r <= 0) throw new RangeError(`A sample rate must be a positive whole number of Hz, not ${r}.`);
    }
    this.d = design(fromRate, toRate);
    const size = this.d.up * 2 * this.d.half;
    this.table = size <= MAX_TABLE ? Array.from({ length: this.d.up }, (_, p) => phaseCoefficients(this.d, p)) : null;
  }

  /** Adds input; returns every output sample that no longer depends on input still to come. */
  push(chunk: Float32Array[]): Float32Array[] {
    if (this.flushed) throw new Error('The resampler was already flushed.');
    if (this.hist.length === 0) this.hist = chunk.map(() => new Float32Array(0));
    if (chunk.length !== this.hist.length) throw new RangeError(`Expected ${this.hist.length} channel(s), got ${chunk.length}.`);
    const n = chunk[0]?.length ?? 0;
    this.hist = this.hist.map((h, c) => {
      const joined = new Float32Array(h.length + n);
      joined.set(h);
      joined.set(chunk[c]!, h.length);
      return joined;
    });
    this.inCount += n;
    const { up, down, half } = this.d;
    // Output j needs inputs up to floor(j·down/up) + half, so it is ready once j·down/up < inCount - half.
    const room = this.inCount - half;
    return this.produce(room <= 0 ? this.next : Math.ceil((room * up) / down));
  }

  /** Emits the tail (treating input past the end as silence); the total output is ceil(input × to/from) samples. */
  flush(): Float32Array[] {
    if (this.flushed) return this.hist.map(() => new Float32Array(0));
    this.flushed = true;
    return this.produce(Math.ceil((this.inCount * this.d.up) / this.d.down));
  }

  private produce(limit: number): Float32Array[] {
    const { up, down, half } = this.d;
    const count = Math.max(0, limit - this.next);
    const out = this.hist.map(() => new Float32Array(count));
    const taps = 2 * half;
    for (let j = 0; j < count; j++) {
      const pos = (this.next + j) * down;
      const base = Math.floor(pos / up);
      const phase = pos - base * up;
      const coef = this.table ? this.table[phase]! : phaseCoefficients(this.d, phase);
      const first = base - half + 1 - this.histStart;
      for (let c = 0; c < out.length; c++) {
        const x = this.hist[c]!;
        let acc = 0;
        if (first >= 0 && first + taps <= x.length) {
          for (let k = 0; k < taps; k++) acc += x[first + k]! * coef[k]!;
        } else {
          // At the very start or end: taps outside the input see silence.
          for (let k = 0; k < taps; k++) {
            const at = first + k;
            if (at >= 0 && at < x.length) acc += x[at]! * coef[k]!;
          }
        }
        out[c]![j] = acc;
      }
    }
    this.next += count;
    // Keep only the history the next output can still reach.
    const keepFrom = Math.max(this.histStart, Math.floor((this.next * down) / up) - half + 1);
    const drop = Math.min(keepFrom - this.histStart, this.hist[0]?.length ?? 0);
    if (drop > 0) {
      this.hist = this.hist.map((h) => h.slice(drop));
      this.histStart += drop;
    }
    return out;
  }
}
