/** The part of a 2D canvas context the waveform drawing uses. */
export interface PeaksCanvas {
  canvas: { width: number; height: number };
  fillRect(x: number, y: number, w: number, h: number): void;
}

/**
 * Draws interleaved min,max peaks (one lane's data, as wavesurfer hands a canvas its slice) as one
 * vertical bar per device pixel from the column's lowest to highest value. wavesurfer's own line
 * renderer allocates a point object per pixel and walks every bucket twice; on an hour-long call
 * that garbage cost a 70 ms young-generation collection before the first draw.
 */
export function drawPeaks(data: ArrayLike<number>, ctx: PeaksCanvas): void {
  const { width, height } = ctx.canvas;
  const n = data.length;
  if (width <= 0 || height <= 0 || n === 0) return;
  const half = height / 2;
  const buckets = Math.floor(n / 2);
  if (buckets === 0) return;
  const perColumn = buckets / width;
  for (let x = 0; x < width; x++) {
    // A canvas slice of a zoomed view may start between a min and its max; pairs then straddle two
    // buckets, which blurs nothing visible. Every column covers at least one pair, so zooming in
    // stretches buckets rather than leaving gaps.
    const from = Math.min(buckets - 1, Math.floor(x * perColumn)) * 2;
    const to = Math.max(from + 2, Math.min(buckets, Math.floor((x + 1) * perColumn)) * 2);
    let lo = 0;
    let hi = 0;
    for (let i = from; i < to; i++) {
      const v = data[i]!;
      if (v < lo) lo = v;
      else if (v > hi) hi = v;
    }
    const top = Math.round(half - Math.min(1, hi) * half);
    const bottom = Math.round(half - Math.max(-1, lo) * half);
    // A silent column still shows a one-pixel centre line, as wavesurfer draws it.
    ctx.fillRect(x, Math.min(top, Math.floor(half)), 1, Math.max(1, bottom - top));
  }
}
