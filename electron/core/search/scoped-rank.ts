import type { PlainTerm, SegmentRank, TranscriptRange } from '../db/repos/segment-rank.js';
import type { SegmentRow, SegmentScope, SegmentSearch } from '../db/repos/segment-search.js';

/*
 * Best-first search inside the calls that call-level filters keep (a month, say), with FTS5's own
 * bm25 but without asking FTS5 to rank. FTS5 can only rank every match of a query (~1.4 µs each:
 * a docsize read per row), and a month of a year-long library is a twelfth of them; bm25 of a
 * subset cannot be asked for. So for queries of plain words and prefixes the terms' occurrences
 * are read from the index (an fts5vocab scan, ~0.2 µs each), kept when their segment lies in a
 * kept transcript's id range, and only those rows' token counts are read to score them, with the
 * formula, constants, document frequencies and averages FTS5 uses (fts5_aux.c). Ranges are a
 * superset (another writer's rows may fall inside one); the page's rows are then read through the
 * same conditions as every other plan, so the answer is exact. Tested against FTS5's bm25().
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

/** The best rows of a scoped ranked read, and exact hit counts for any of the kept calls. */
export interface ScopedPage {
  rows: SegmentRow[];
  /** Every candidate was read: `rows` are all the hits there are. */
  exhausted: boolean;
  countsOf: (callIds: readonly number[]) => Map<number, number>;
}

/** The union of ranges as disjoint [lo, hi] pairs in order (ranges of concurrent writers could overlap). */
function unionOf(ranges: readonly TranscriptRange[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of [...ranges].sort((a, b) => a.lo - b.lo)) {
    const last = out.at(-1);
    if (last && r.lo <= last[1] + 1) last[1] = Math.max(last[1], r.hi);
    else out.push([r.lo, r.hi]);
  }
  return out;
}

/** True when `id` lies in one of the disjoint, ordered intervals. */
function within(intervals: ReadonlyArray<[number, number]>, id: number): boolean {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = intervals[mid]!;
    if (id < a) hi = mid - 1;
    else if (id > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Per phrase: the rows (in the kept ranges) holding it and how often, and how many rows hold it in all. */
function phraseFreqs(rank: SegmentRank, term: PlainTerm, kept: ReadonlyArray<[number, number]>): { freq: Map<number, number>; hits: number } {
  // A term's instances come in doc order; a prefix's terms each list theirs, so those are sorted: one run per doc.
  const docs = rank.instances(term.token, term.prefix);
  const ascending = docs.every((d, i) => i === 0 || docs[i - 1]! <= d);
  const sorted = ascending ? docs : Float64Array.from(docs).sort();
  const freq = new Map<number, number>();
  let hits = 0;
  // Both lists ascend: one walk tests every doc against the kept intervals.
  let k = 0;
  for (let i = 0; i < sorted.length; ) {
    const doc = sorted[i]!;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === doc) j++;
    hits++;
    while (k < kept.length && kept[k]![1] < doc) k++;
    if (k < kept.length && kept[k]![0] <= doc) freq.set(doc, j - i);
    i = j;
  }
  return { freq, hits };
}

/**
 * The best `n` rows by bm25 of `clauses` (AND of ORs of plain terms) among segments of the kept
 * calls that pass `scope`, or null when the index's totals cannot be read (the caller asks FTS5).
 */
export function scopedRanked(
  search: SegmentSearch,
  rank: SegmentRank,
  scope: SegmentScope,
  clauses: readonly PlainTerm[][],
  n: number,
): ScopedPage | null {
  const totals = rank.totals();
  if (totals === null || totals.rows === 0) return null;
  const avgdl = totals.tokens / totals.rows;
  // Speaker is per segment and sentiment costs a subquery per call: both are left to the page read.
  const ranges = rank.transcriptRanges(
    scope.filters.filter((f) => f.field !== 'speaker' && f.field !== 'sentiment'),
    scope.allVersions,
  );
  const kept = unionOf(ranges);
  const key = (t: PlainTerm) => `${t.prefix ? '*' : '='}${t.token}`;
  const byKey = new Map<string, { freq: Map<number, number>; idf: number }>();
  for (const t of clauses.flat()) {
    if (byKey.has(key(t))) continue;
    const { freq, hits } = phraseFreqs(rank, t, kept);
    byKey.set(key(t), { freq, idf: bm25Idf(totals.rows, hits) });
  }
  // Rows holding a term of every clause.
  let candidates: number[] | null = null;
  for (const clause of clauses) {
    const maps = clause.map((t) => byKey.get(key(t))!.freq);
    const inClause = (id: number) => maps.some((m) => m.has(id));
    if (candidates === null) candidates = [...new Set(maps.flatMap((m) => [...m.keys()]))];
    else candidates = candidates.filter(inClause);
  }
  const ids = candidates ?? [];
  const sizes = rank.tokenCounts(ids);
  // FTS5 scores every phrase of the query in the order written, repeats included.
  const phrases = clauses.flat().map((t) => byKey.get(key(t))!);
  const scored: Array<[number, number]> = [];
  for (const id of ids) {
    const tokens = sizes.get(id);
    if (tokens === undefined) return null; // an instance without a docsize row: let FTS5 decide
    let score = 0;
    for (const p of phrases) score += bm25Part(p.idf, p.freq.get(id) ?? 0, tokens, avgdl);
    scored.push([id, score]);
  }
  scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);

  // Read the best candidates through the scope's conditions, more at a time while they drop rows.
  const rows: SegmentRow[] = [];
  let at = 0;
  for (let batch = Math.max(2 * n, 100); at < scored.length && rows.length < n; batch *= 4) {
    const slice = scored.slice(at, at + batch);
    at += slice.length;
    const read = new Map(search.rowsPassing(scope, slice.map(([id]) => id)).map((r) => [r.segmentId, r]));
    for (const [id, score] of slice) {
      const r = read.get(id);
      if (r !== undefined) rows.push({ ...r, score });
    }
  }
  const exhausted = at >= scored.length;
  const countsOf = (callIds: readonly number[]): Map<number, number> => {
    const wanted = new Set(callIds);
    // Every hit of a wanted call is a candidate in one of its transcripts' ranges; the read confirms each.
    const theirs = unionOf(ranges.filter((r) => wanted.has(r.callId)));
    return search.countsOfIds(scope, callIds, ids.filter((id) => within(theirs, id)));
  };
  return { rows: rows.slice(0, n), exhausted: exhausted && rows.length <= n, countsOf };
}
