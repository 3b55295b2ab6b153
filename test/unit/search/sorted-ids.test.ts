import { describe, expect, it } from 'vitest';
import { idsWithin, kthSmallest, sortedUnion, topOrder, unionOf } from '../../../electron/core/search/sorted-ids.js';

describe('sorted id helpers', () => {
  it('unionOf merges overlapping and touching ranges and skips empty ones (a transcript without segments)', () => {
    const r = (lo: number, hi: number) => ({ callId: 1, lo, hi });
    expect(unionOf([r(20, 30), r(0, -1), r(1, 5), r(6, 8), r(25, 40), r(50, 49)])).toEqual([
      [1, 8],
      [20, 40],
    ]);
    expect(idsWithin(Float64Array.of(0, 1, 7, 9, 19, 20, 40, 41), unionOf([r(1, 8), r(20, 40)]))).toEqual([1, 7, 20, 40]);
  });

  it('sortedUnion, kthSmallest and topOrder agree with a plain sort', () => {
    expect(Array.from(sortedUnion([Float64Array.of(1, 4, 9), Float64Array.of(2, 4, 10)]))).toEqual([1, 2, 4, 9, 10]);
    let s = 3;
    const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Few distinct scores: ties at the cut must be kept, in id order.
    const scores = Float64Array.from({ length: 500 }, () => Math.floor(next() * 20));
    const ids = Float64Array.from({ length: 500 }, (_, i) => 1000 - i);
    const full = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || ids[a]! - ids[b]!);
    expect(kthSmallest(Float64Array.from(scores), 123)).toBe([...scores].sort((a, b) => a - b)[123]);
    for (const m of [1, 37, 100, 499, 500]) {
      const top = Array.from(topOrder(scores, ids, m));
      expect(top.length).toBeGreaterThanOrEqual(m);
      expect(top).toEqual(full.slice(0, top.length));
    }
  });
});
