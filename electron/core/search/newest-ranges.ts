import type { SegmentRank } from '../db/repos/segment-rank.js';
import type { SegmentRow, SegmentScope, SegmentSearch } from '../db/repos/segment-search.js';

/*
 * Newest first from a list of match ids: the calls are walked newest first with their transcripts'
 * segment id ranges (transcripts_active_ranges, ~1 µs a call), each range picks its matches out of
 * the sorted ids by binary search, and only those candidates are joined to their rows to apply the
 * per-segment conditions. Joining every match instead costs ~3 µs a match (random pages of a big
 * table), testing every segment of every walked call against the match set ~20 µs a call.
 */

/** Index of the first of ascending `ids` at or above `x`. */
function lowerBound(ids: Float64Array, x: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What the walk read: whole calls, newest first. */
export interface NewestRangesPage {
  /** Every hit of each call read, newest call first, in time order within a call. */
  rows: SegmentRow[];
  counts: Map<number, number>;
  /** Every call was walked: `rows` are all the hits there are. */
  exhausted: boolean;
}

/** The first calls (newest first) whose hits among `matchIds` number at least `n`, read whole; `calls`: how many the library has. */
export function newestByRanges(search: SegmentSearch, rank: SegmentRank, scope: SegmentScope, matchIds: readonly number[], n: number, calls: number): NewestRangesPage {
  const ids = Float64Array.from(matchIds).sort();
  // Call-level filters narrow the walk in SQL; the rest (speaker, sentiment, other terms) are checked on the candidates.
  const callFilters = scope.filters.filter((f) => f.field !== 'speaker' && f.field !== 'sentiment');
  const walked: number[] = [];
  const passing = new Map<number, number[]>();
  let found = 0;
  let offset = 0;
  let exhausted = false;
  // A common term fills the page within a few calls, a rare one needs thousands: the first batch
  // is what the matches' density says the page needs, three times over (per-segment filters drop
  // some); later ones double.
  const perCall = ids.length / Math.max(calls, 1);
  for (let batch = Math.min(Math.max(64, Math.ceil((3 * n) / Math.max(perCall, 1e-9))), 100_000); !exhausted; batch *= 2) {
    const ranges = rank.newestRanges(callFilters, scope.allVersions, offset, batch);
    offset += ranges.length;
    exhausted = ranges.length < batch;
    const fresh: number[] = [];
    for (const r of ranges) {
      if (walked.at(-1) !== r.callId) walked.push(r.callId);
      for (let i = lowerBound(ids, r.lo); i < ids.length && ids[i]! <= r.hi; i++) fresh.push(ids[i]!);
    }
    // The join applies every condition, and the transcript each row really belongs to.
    for (const [id, callId] of search.callsOfPassing(scope, fresh)) {
      const list = passing.get(callId) ?? [];
      if (list.length === 0) passing.set(callId, list);
      list.push(id);
      found++;
    }
    // The batch's last call may go on in the next batch (another version); every earlier one is whole.
    if (found >= n) {
      const whole = exhausted ? walked : walked.slice(0, -1);
      let have = 0;
      const cut = whole.findIndex((c) => (have += passing.get(c)?.length ?? 0) >= n);
      if (cut >= 0) return page(search, walked.slice(0, cut + 1), passing, false);
    }
  }
  return page(search, walked, passing, true);
}

function page(search: SegmentSearch, calls: readonly number[], passing: Map<number, number[]>, exhausted: boolean): NewestRangesPage {
  const counts = new Map<number, number>();
  const wanted: number[] = [];
  for (const c of calls) {
    const list = passing.get(c);
    if (!list) continue;
    counts.set(c, list.length);
    wanted.push(...list);
  }
  const rank = new Map(calls.map((c, i) => [c, i]));
  const rows = search
    .rowsByIds(wanted)
    .sort((a, b) => rank.get(a.callId)! - rank.get(b.callId)! || a.start - b.start || a.segmentId - b.segmentId);
  return { rows, counts, exhausted };
}
