import { describe, expect, it } from 'vitest';
import { drawPeaks, type PeaksCanvas } from '../../renderer/src/player/draw-peaks.js';
import { rulerStep } from '../../renderer/src/player/time-ruler.js';

/** A canvas that records the bars drawn, one per column. */
function recorder(width: number, height: number): PeaksCanvas & { bars: Array<[number, number, number, number]> } {
  const bars: Array<[number, number, number, number]> = [];
  return { canvas: { width, height }, bars, fillRect: (x, y, w, h) => bars.push([x, y, w, h]) };
}

/** Interleaved min,max pairs from a list of [min, max]. */
const pairs = (xs: Array<[number, number]>): Float32Array => Float32Array.from(xs.flat());

describe('drawPeaks', () => {
  it('draws one bar per column spanning the lowest min to the highest max of its buckets', () => {
    const c = recorder(2, 100);
    // Column 0 holds buckets 0-1, column 1 holds buckets 2-3.
    drawPeaks(pairs([[-0.2, 0.1], [-0.5, 0.4], [0, 0], [-1, 1]]), c);
    expect(c.bars).toEqual([
      [0, 30, 1, 45], // top = 50 - 0.4*50, bottom = 50 + 0.5*50
      [1, 0, 1, 100],
    ]);
  });

  it('stretches buckets when zoomed in past one bucket per pixel', () => {
    const c = recorder(4, 10);
    drawPeaks(pairs([[-1, 1], [0, 0]]), c);
    expect(c.bars.map((b) => b[3])).toEqual([10, 10, 1, 1]);
  });

  it('keeps a one-pixel centre line for silence and clamps values beyond full scale', () => {
    const c = recorder(2, 20);
    drawPeaks(pairs([[0, 0], [-3, 3]]), c);
    expect(c.bars).toEqual([
      [0, 10, 1, 1],
      [1, 0, 1, 20],
    ]);
  });

  it('draws nothing for empty data or a zero-sized canvas', () => {
    const empty = recorder(10, 10);
    drawPeaks(new Float32Array(0), empty);
    const flat = recorder(0, 10);
    drawPeaks(pairs([[-1, 1]]), flat);
    expect(empty.bars).toHaveLength(0);
    expect(flat.bars).toHaveLength(0);
  });
});

describe('rulerStep', () => {
  it('keeps labels at least 70 px apart, from 1 s when zoomed in to an hour for very long calls', () => {
    expect(rulerStep(100)).toBe(1);
    expect(rulerStep(20)).toBe(5);
    expect(rulerStep(1100 / 3600)).toBe(300);
    expect(rulerStep(0.001)).toBe(3600);
  });
});
