import type { PlainTerm, SegmentRank, TermQuery } from '../db/repos/segment-rank.js';
import type { SegmentRow, SegmentScope, SegmentSearch } from '../db/repos/segment-search.js';
import { idsWithin, sortedUnion, topOrder, unionOf, type Intervals } from './sorted-ids.js';

/*
 * Best-first search for queries of plain words and prefixes, scored with FTS5's own bm25 but not by
 * FTS5. FTS5 can only rank every match of a query, at ~1.4 µs a match (a docsize lookup per row):
 * 40 ms for a common prefix, and the same for "invoice in March" as for "invoice" in all, since
 * bm25 of a subset cannot be asked for. Here each term's occurrences are read from the index
 * (an fts5vocab scan, ~0.25 µs each), optionally kept only inside the id ranges of the calls that
 * call-level filters keep, the rows' token counts come from segment_lengths (a byte a row), and
 * bm25 is computed with the formula, constants, document frequencies and averages FTS5 uses
 * (fts5_aux.c). Only the best rows are then read, through the same conditions as every other
 * plan, so the answer is exact. Tested score for score against FTS5's bm25().
 */

const K1 = 1.2;
const B = 0.75;

/** FTS5's IDF of a phrase found in `hits` of `rows` rows, floored at 1e-6 as FTS5 does. */
export function bm25Idf(rows: number, hits: number): number {
  const idf = Math.log((rows - hits + 0.5) / (hits + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}

/** One phrase's share of a row's bm25 (FTS5's bm25() returns the negated sum over the query's phrases). */
export function bm25Part(idf: number, freq: number, tokens: number, avgdl: number): number {
  return idf * ((freq * (K1 + 1.0)) / (freq + K1 * (1 - B + (B * tokens) / avgdl)));
}

/** The best rows of a ranked read, and exact hit counts for any calls. */
export interface PlainRankPage {
  rows: SegmentRow[];
  /** Every candidate was read: `rows` are all the hits there are. */
  exhausted: boolean;
  countsOf: (callIds: readonly number[]) => Map<number, number>;
}

/** A term's rows (ascending, inside the kept ranges) with its count in each, and how many rows hold it in all. */
interface Posting {
  docs: Float64Array;
  tf: Uint16Array;
  hits: number;
}

function posting(rank: SegmentRank, term: PlainTerm, kept: Intervals | null): Posting | null {
  // A term's instances come in doc order; a prefix's terms each list theirs, so those are sorted: one run per doc.
  const raw = rank.instances(term.token, term.prefix);
  if (raw === null) return null;
  let ascending = true;
  for (let i = 1; i < raw.length && ascending; i++) ascending = raw[i - 1]! <= raw[i]!;
  const sorted = ascending ? raw : Float64Array.from(raw).sort();
  const docs = new Float64Array(sorted.length);
  const tf = new Uint16Array(sorted.length);
  let m = 0;
  let hits = 0;
  let k = 0;
  for (let i = 0; i < sorted.length; ) {
    const doc = sorted[i]!;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === doc) j++;
    hits++;
    let keep = true;
    if (kept !== null) {
      // Both lists ascend: one walk tests every doc against the kept intervals.
      while (k < kept.length && kept[k]![1] < doc) k++;
      keep = k < kept.length && kept[k]![0] <= doc;
    }
    if (keep) {
      docs[m] = doc;
      tf[m] = Math.min(j - i, 0xffff);
      m++;
    }
    i = j;
  }
  return { docs: docs.subarray(0, m), tf: tf.subarray(0, m), hits };
}

/** Rows of `a` that are (`keep`) or are not in `b` (both ascending). */
function merge(a: Float64Array, b: Float64Array, keep: boolean): Float64Array {
  const out = new Float64Array(a.length);
  let n = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    while (j < b.length && b[j]! < a[i]!) j++;
    if ((j < b.length && b[j] === a[i]) === keep) out[n++] = a[i]!;
  }
  return out.subarray(0, n);
}

/**
 * The best `n` rows by bm25 of `query` (AND of ORs of plain terms, none of the excluded) among
 * segments that pass `scope`, or null when the index's totals or a row's token count cannot be
 * read or a term is too common to hold (the caller asks FTS5). `scoped`: only rows of the calls the call-level filters keep are scored (worth it when
 * they keep few).
 */
export function rankPlainTerms(search: SegmentSearch, rank: SegmentRank, scope: SegmentScope, query: TermQuery, n: number, scoped: boolean): PlainRankPage | null {
  const { clauses, exclude } = query;
  const totals = rank.totals();
  if (totals === null || totals.rows === 0) return null;
  const avgdl = totals.tokens / totals.rows;
  // Speaker is per segment and sentiment costs a subquery per call: both are left to the page read.
  const callFilters = scope.filters.filter((f) => f.field !== 'speaker' && f.field !== 'sentiment');
  const ranges = scoped ? rank.newestRanges(callFilters, scope.allVersions, 0, -1) : null;
  const kept = ranges === null ? null : unionOf(ranges);
  const key = (t: PlainTerm) => `${t.prefix ? '*' : '='}${t.token}`;
  const postings = new Map<string, Posting>();
  for (const t of [...clauses.flat(), ...exclude]) {
    if (postings.has(key(t))) continue;
    const p = posting(rank, t, kept);
    if (p === null) return null; // too common a term to hold: FTS5 ranks it with a bounded pool
    postings.set(key(t), p);
  }

  // Rows holding a term of every clause and none of the excluded.
  let ids: Float64Array = new Float64Array(0);
  clauses.forEach((clause, i) => {
    const inClause = sortedUnion(clause.map((t) => postings.get(key(t))!.docs));
    ids = i === 0 ? inClause : merge(ids, inClause, true);
  });
  if (exclude.length > 0) ids = merge(ids, sortedUnion(exclude.map((t) => postings.get(key(t))!.docs)), false);
  const sizes = rank.tokenCounts(ids);
  if (sizes === null) return null;

  // FTS5 scores every phrase of the query in the order written, repeats included; an excluded
  // phrase is never in a matching row, so its share is 0 and adding it changes nothing.
  const phrases = clauses.flat().map((t) => {
    const p = postings.get(key(t))!;
    return { ...p, idf: bm25Idf(totals.rows, p.hits), at: 0 };
  });
  const scores = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    let score = 0;
    for (const p of phrases) {
      // ids and every posting ascend: one pointer per phrase finds the row's count.
      while (p.at < p.docs.length && p.docs[p.at]! < id) p.at++;
      const freq = p.docs[p.at] === id ? p.tf[p.at]! : 0;
      score += bm25Part(p.idf, freq, sizes[i]!, avgdl);
    }
    scores[i] = score;
  }

  // Read the best candidates through the scope's conditions, more at a time while they drop rows.
  const rows: SegmentRow[] = [];
  let at = 0;
  let batch = Math.max(2 * n, 100);
  let order = topOrder(scores, ids, batch);
  while (rows.length < n && at < ids.length) {
    if (at >= order.length) order = topOrder(scores, ids, ids.length);
    const slice = order.subarray(at, at + batch);
    at += slice.length;
    batch *= 4;
    const read = new Map(search.rowsPassing(scope, Array.from(slice, (i) => ids[i]!)).map((r) => [r.segmentId, r]));
    for (const i of slice) {
      const r = read.get(ids[i]!);
      if (r !== undefined) rows.push({ ...r, score: scores[i]! });
    }
  }
  const countsOf = (callIds: readonly number[]): Map<number, number> => {
    if (callIds.length === 0) return new Map();
    const wanted = new Set(callIds);
    // Every hit of a wanted call is a candidate in one of its transcripts' ranges; the read confirms each.
    const theirs = unionOf((ranges ?? rank.rangesOfCalls(callIds, scope.allVersions)).filter((r) => wanted.has(r.callId)));
    const counts = new Map<number, number>();
    for (const callId of search.callsOfPassing(scope, idsWithin(ids, theirs)).values()) if (wanted.has(callId)) counts.set(callId, (counts.get(callId) ?? 0) + 1);
    return counts;
  };
  return { rows: rows.slice(0, n), exhausted: at >= ids.length && rows.length <= n, countsOf };
}
