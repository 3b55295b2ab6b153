import type { SearchOrder } from '../../../shared/search.js';
import type { SegmentRank, TermQuery } from '../db/repos/segment-rank.js';
import type { IndexMatch, SegmentRow, SegmentScope, SegmentSearch } from '../db/repos/segment-search.js';
import { withExclusion, type MatchPlan } from './fts-match.js';
import { newestByRanges } from './newest-ranges.js';
import { rankPlainTerms } from './plain-rank.js';

/*
 * Chooses how to read the first n matching segments; each read's cost grows with something else,
 * measured on a 1,000,000-segment library (test/bench/search.ts, 64 MiB page cache):
 *   - joining an index match to its segment, transcript and call costs ~3 µs (random pages),
 *     so with few matches (NEWEST_JOIN_MAX, or √(1.5·n·calls)) newest-first joins and sorts them all;
 *   - past that, the calls are walked newest first with their transcripts' id ranges, which pick
 *     their matches out of the sorted match ids (newest-ranges.ts, ~1 µs a call), and only those
 *     are joined; for one very common plain word (NEWEST_FTS_WALK_MIN matches on) listing the
 *     matches costs more than asking the index for each transcript's rowid range (~0.1 ms an ask,
 *     but not for prefixes, phrases, OR or NOT: every ask re-expands them), and past
 *     NEWEST_RANGES_MAX the walk tests each call's segments against the match set instead;
 *   - ranked, queries of plain words and prefixes (AND, OR, NOT of them) are scored outside
 *     FTS5 with its own bm25 (plain-rank.ts: ~0.3 µs a match against FTS5's ~1.4 µs), and only
 *     inside the calls call-level filters keep when they keep at most SCOPED_SHARE_MAX of them;
 *   - other ranked queries (phrases, substrings, words FTS5 folds) let the index rank its own
 *     matches: up to RANK_ALL_MAX it reads them all once (page and every call's count from one
 *     read: a phrase of common words costs ~8 ms an evaluation); past that the best K are joined
 *     and filtered, K from the share of calls the filters keep, grown with what they threw away,
 *     up to every match. (bm25 of a subset cannot be asked of FTS5: it recounts its document
 *     frequencies on every ask.)
 */

/** Up to this many index matches (or more in a library of many calls), newest-first joins and sorts them all (and knows every count and the total). */
export const NEWEST_JOIN_MAX = 400;
/** Up to this many, newest-first walks the calls' id ranges over the sorted matches (newest-ranges.ts). */
export const NEWEST_RANGES_MAX = 100_000;
/** From this many matches of one plain word (and no filter but dates) the walk asks the index per transcript. */
export const NEWEST_FTS_WALK_MIN = 20_000;
/** Ranked search first joins only the index's best max(RANK_POOL, 4n) matches. */
const RANK_POOL = 200;
/** Up to this many matches, ranked search reads them all from the index once: page and counts from one read. */
export const RANK_ALL_MAX = 1000;
/**
 * Up to this share of calls kept by call-level filters, plain-term ranking scores only their
 * matches: reading the kept calls' id ranges (~1 µs a call) pays for itself in matches not scored
 * while the share is small.
 */
export const SCOPED_SHARE_MAX = 0.25;

/** The segment scope a plan and request stand for; which index drives and what else must hold. */
export function segmentScope(
  plan: MatchPlan,
  opts: { allVersions: boolean; callId: number | null; filters: SegmentScope['filters']; plainWords: boolean; terms: TermQuery | null },
): SegmentScope {
  const also: IndexMatch[][] = [];
  const not: IndexMatch[] = [];
  let driver: IndexMatch | null = null;
  if (plan.words !== null) {
    // Excluded words fold into the driving MATCH (FTS5 NOT), which is cheaper than NOT IN.
    driver = { index: 'segments_fts', match: withExclusion(plan.words, plan.excludeWords) };
    if (plan.trigram !== null) also.push([{ index: 'segments_trigram', match: plan.trigram }]);
    if (plan.excludeTrigram !== null) not.push({ index: 'segments_trigram', match: plan.excludeTrigram });
  } else if (plan.trigram !== null) {
    driver = { index: 'segments_trigram', match: withExclusion(plan.trigram, plan.excludeTrigram) };
    if (plan.excludeWords !== null) not.push({ index: 'segments_fts', match: plan.excludeWords });
  } else {
    if (plan.excludeWords !== null) not.push({ index: 'segments_fts', match: plan.excludeWords });
    if (plan.excludeTrigram !== null) not.push({ index: 'segments_trigram', match: plan.excludeTrigram });
  }
  for (const m of plan.mixed) {
    also.push([
      { index: 'segments_fts', match: m.words! },
      { index: 'segments_trigram', match: m.trigram! },
    ]);
  }
  const simpleDriver =
    opts.plainWords && driver?.index === 'segments_fts' && plan.excludeWords === null && opts.filters.every((f) => f.field === 'from' || f.field === 'to');
  // Plain terms stand for the driver only when it is exactly them (no substring term).
  const terms = plan.trigram === null && plan.mixed.length === 0 && plan.excludeTrigram === null ? opts.terms : null;
  return { driver, also, not, filters: opts.filters, allVersions: opts.allVersions, callId: opts.callId, simpleDriver, terms };
}

/** The first `n` segment hits and, for calls read whole, their exact hit counts. */
export interface SegmentPage {
  rows: SegmentRow[];
  /** Hit counts known without another query (calls whose every hit was read). */
  counts: Map<number, number>;
  /**
   * Newest first, the read covered every call from the newest down to the last row's call (or all
   * of them): a call of that range missing from `counts` has no segment hit.
   */
  countsComplete: boolean;
  /** The number of hits in all, when it came for free. */
  total: number | null;
  /** How the page was read (for the benchmark and query-plan work). */
  plan: 'ranked-pool' | 'ranked-all' | 'ranked-terms' | 'newest-join' | 'newest-ranges' | 'newest-probe' | 'newest-fts' | 'walk';
  /** Exact hit counts of calls, cheaper than the generic count, when the plan has them. */
  countsOf?: (callIds: readonly number[]) => Map<number, number>;
}

function countRows(rows: readonly SegmentRow[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.callId, (counts.get(r.callId) ?? 0) + 1);
  return counts;
}

/** The best n by bm25: from a pool of the index's best matches, grown when filters leave too few. */
function rankedPage(repo: SegmentSearch, rank: SegmentRank | null, scope: SegmentScope & { driver: IndexMatch }, n: number): SegmentPage {
  const { index, match } = scope.driver;
  // Fewer rows than asked from a read that saw every match: that is all there is.
  const page = (rows: SegmentRow[], all: boolean, plan: SegmentPage['plan']): SegmentPage => ({
    rows,
    counts: new Map(),
    countsComplete: false,
    total: all && rows.length < n ? rows.length : null,
    plan,
  });
  // Filters on the call (dates, source, direction, length) keep about this share of the matches.
  const share = repo.callShare(scope.filters);
  if (share === 0) return page([], true, 'ranked-pool');
  if (rank !== null && scope.terms !== null) {
    const own = rankPlainTerms(repo, rank, scope, scope.terms, n, share <= SCOPED_SHARE_MAX);
    if (own !== null) return { ...page(own.rows, own.exhausted, 'ranked-terms'), countsOf: own.countsOf };
  }
  const k = Math.max(RANK_POOL, Math.ceil((4 * n) / share));
  // The index's best max(k, RANK_ALL_MAX + 1) in one read; no text is read until the page is known.
  const best = repo.bestOfIndex(index, match, Math.max(k, RANK_ALL_MAX + 1));
  const calls = repo.callsOfPassing(scope, best.ids);
  const passing = best.ids.flatMap((id, i) => (calls.has(id) ? [[id, best.scores[i]!] as const] : []));
  const all = best.ids.length <= RANK_ALL_MAX;
  // The rows of the best n passing matches, text and all, with their scores.
  const read = (pairs: ReadonlyArray<readonly [number, number]>): SegmentRow[] => {
    const score = new Map(pairs);
    return repo.rowsByIds(pairs.map(([id]) => id)).map((r) => ({ ...r, score: score.get(r.segmentId)! }));
  };
  if (all || passing.length >= n) {
    const rows = read(passing.slice(0, n));
    if (!all) return page(rows, false, 'ranked-pool');
    // Every match was read: each call's count is known, and a call without one has no segment hit.
    const counts = new Map<number, number>();
    for (const callId of calls.values()) counts.set(callId, (counts.get(callId) ?? 0) + 1);
    return { rows, counts, countsComplete: true, total: passing.length, plan: 'ranked-all' };
  }
  const pool = best.ids.length;
  const matches = repo.indexMatches(index, match, Number.MAX_SAFE_INTEGER);
  if (matches <= pool) return page(read(passing), true, 'ranked-pool');
  // The filters kept passing.length of the pool; one that keeps about 2n at that rate is worth one more try.
  const k2 = Math.ceil((2 * n * pool) / Math.max(passing.length, 1));
  if (k2 < matches / 2) {
    const again = repo.ranked(scope, n, k2);
    if (again.length >= n) return page(again, false, 'ranked-pool');
  }
  return page(repo.ranked(scope, n, null), true, 'ranked-all');
}

/** Reads the first `n` segment hits in `order`. Within one call (callId) hits are always in time order. */
export function segmentPage(repo: SegmentSearch, scope: SegmentScope, order: SearchOrder, n: number, rank: SegmentRank | null = null): SegmentPage {
  const driver = scope.driver;
  if (driver === null || scope.callId !== null) {
    // No text to rank (filters only, or only OR clauses mixing words and substrings), or one call.
    const walk = repo.newestWalk(scope, n, false);
    // The walk stops only between calls, so every call it read is complete.
    return { rows: walk.rows, counts: countRows(walk.rows), countsComplete: true, total: walk.exhausted ? walk.rows.length : null, plan: 'walk' };
  }
  const scoped = { ...scope, driver };
  if (order === 'relevance') return rankedPage(repo, rank, scoped, n);
  // The index is asked once for its matches (up to a cap); a phrase of common words costs the most there.
  const cap = scope.simpleDriver ? NEWEST_FTS_WALK_MIN : NEWEST_RANGES_MAX;
  const ids = repo.indexRowids(driver.index, driver.match, cap + 1);
  // Joining costs ~3 µs a match; the walk ~1 µs a call, and reads ~3n/density calls: join while m² ≤ 1.5·n·calls.
  const calls = ids.length <= NEWEST_JOIN_MAX ? 0 : (rank?.callCount() ?? 0);
  if (ids.length <= NEWEST_JOIN_MAX || ids.length * ids.length <= 1.5 * n * calls) {
    const keys = repo.newestKeysOf(scope, ids);
    const counts = new Map<number, number>();
    for (const [callId] of keys) counts.set(callId, (counts.get(callId) ?? 0) + 1);
    return { rows: repo.rowsByIds(keys.slice(0, n).map(([, id]) => id)), counts, countsComplete: true, total: keys.length, plan: 'newest-join' };
  }
  if (ids.length <= cap && rank !== null) {
    const walk = newestByRanges(repo, rank, scope, ids, n, calls);
    return { rows: walk.rows, counts: walk.counts, countsComplete: true, total: walk.exhausted ? walk.rows.length : null, plan: 'newest-ranges' };
  }
  const fts = scope.simpleDriver && ids.length > NEWEST_FTS_WALK_MIN;
  const walk = repo.newestWalk(scope, n, fts);
  return {
    rows: walk.rows,
    counts: countRows(walk.rows),
    countsComplete: true,
    total: walk.exhausted ? walk.rows.length : null,
    plan: fts ? 'newest-fts' : 'newest-probe',
  };
}
