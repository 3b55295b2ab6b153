import type { TranscriptRange } from '../db/repos/segment-rank.js';

/*
 * Sorted id lists and id intervals for ranking outside FTS5 (plain-rank.ts): typed arrays and
 * linear merges, because a common prefix brings 30,000 rows and Maps or comparator sorts over
 * them cost more than reading them from the index.
 */

/** Disjoint [lo, hi] id intervals in ascending order. */
export type Intervals = ReadonlyArray<readonly [number, number]>;

/** The union of ranges as disjoint intervals in order (ranges of concurrent writers could overlap; empty ones, hi < lo, add nothing). */
export function unionOf(ranges: readonly TranscriptRange[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of [...ranges].sort((a, b) => a.lo - b.lo)) {
    if (r.hi < r.lo) continue;
    const last = out.at(-1);
    if (last && r.lo <= last[1] + 1) last[1] = Math.max(last[1], r.hi);
    else out.push([r.lo, r.hi]);
  }
  return out;
}

/** The ascending, duplicate-free union of ascending lists. */
export function sortedUnion(lists: readonly Float64Array[]): Float64Array {
  if (lists.length === 1) return lists[0]!;
  const all = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.subarray(0, n);
}

/** The k-th smallest of `values` (0-based), reordering them: quickselect, linear on average. */
export function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * Indexes into `scores` (and `ids`) of at least the `m` best, best first, equal scores by id: the
 * m-th best score is found by quickselect, and only rows at or above it are ordered. Ties at the
 * cut are all kept, so the answer is a prefix of the full order.
 */
export function topOrder(scores: Float64Array, ids: Float64Array, m: number): Uint32Array {
  const byRank = (a: number, b: number) => scores[b]! - scores[a]! || ids[a]! - ids[b]!;
  if (m >= scores.length) return Uint32Array.from(scores.keys()).sort(byRank);
  const cut = kthSmallest(Float64Array.from(scores), scores.length - m);
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= cut) best.push(i);
  return Uint32Array.from(best).sort(byRank);
}

/** Those of ascending `ids` that lie in the intervals (one walk over both). */
export function idsWithin(ids: Float64Array, intervals: Intervals): number[] {
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i < ids.length && k < intervals.length; i++) {
    const id = ids[i]!;
    while (k < intervals.length && intervals[k]![1] < id) k++;
    if (k < intervals.length && intervals[k]![0] <= id) out.push(id);
  }
  return out;
}
