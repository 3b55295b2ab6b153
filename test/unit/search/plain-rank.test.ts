import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app-core.js';
import { INSTANCES_MAX, readVarint } from '../../../electron/core/db/repos/segment-rank.js';
import { matchPlan } from '../../../electron/core/search/fts-match.js';
import { parseQuery } from '../../../electron/core/search/query-parser.js';
import { SCOPED_SHARE_MAX, segmentPage, segmentScope } from '../../../electron/core/search/segment-hits.js';
import type { SearchService } from '../../../electron/core/search/search-service.js';
import { rankLibrary, type RankLibrary } from './rank-library.js';

/*
 * Plain-term queries are ranked with bm25 computed outside FTS5 (plain-rank.ts), in all or inside a
 * date range: the pages must be the ones FTS5's own bm25() gives, row for row and score for score,
 * on rank-library.ts's library.
 */

let lib: RankLibrary;
let core: Core;
let search: SearchService;

beforeAll(() => {
  lib = rankLibrary();
  ({ core, search } = lib);
});

afterAll(() => lib.close());

/** FTS5's own ranking of the same request: every match scored by bm25(), then filtered. */
function fts5Ranked(match: string, from: string, to: string, allVersions: boolean): Array<{ id: number; score: number }> {
  return core.repos.db
    .prepare(
      `SELECT s.id AS id, -bm25(segments_fts) AS score FROM segments_fts f JOIN segments s ON s.id = f.rowid JOIN transcripts t ON t.id = s.transcript_id JOIN calls c ON c.id = t.call_id
        WHERE segments_fts MATCH ? AND c.started_at >= ? AND c.started_at < ? AND (? OR t.active = 1) ORDER BY score DESC, s.id`,
    )
    .all(match, from, to, allVersions ? 1 : 0) as Array<{ id: number; score: number }>;
}

/** Hits per call among FTS5's matches. */
function perCall(matches: ReadonlyArray<{ id: number }>): Map<number, number> {
  const callOf = new Map(core.repos.db.prepare('SELECT s.id, t.call_id FROM segments s JOIN transcripts t ON t.id = s.transcript_id').raw().all() as Array<[number, number]>);
  const out = new Map<number, number>();
  for (const m of matches) out.set(callOf.get(m.id)!, (out.get(callOf.get(m.id)!) ?? 0) + 1);
  return out;
}

const CASES = [
  ['refund', '"refund"'],
  ['charge*', '"charge" *'],
  ['refund order', '"refund" AND "order"'],
  ['refund OR invoice', '("refund" OR "invoice")'],
  ['cha* late', '"cha" * AND "late"'],
  ['Refund REFUND', '"refund" AND "refund"'],
  ['refund -late', '("refund") NOT ("late")'],
  ['cha* OR invoice -charity -today', '("cha" * OR "invoice") NOT ("charity" OR "today")'],
] as const;

describe('bm25 scored for the calls a date range keeps', () => {
  it.each(CASES)('%s: the same rows and scores as FTS5 ranking every match', (query, match) => {
    // A month of six keeps a sixth of the calls: the scoped plan (see the next test).
    expect(core.repos.search.segmentSearch.callShare(parseQuery('from:2026-03-01 to:2026-03-31', { utcOffsetMin: 0 }).filters)).toBeLessThanOrEqual(SCOPED_SHARE_MAX);
    for (const allVersions of [false, true]) {
      const expected = fts5Ranked(match, '2026-03-01', '2026-04-01', allVersions);
      expect(expected.length).toBeGreaterThan(3);
      const res = search.search({ query: `from:2026-03-01 to:2026-03-31 ${query}`, order: 'relevance', limit: 500, allVersions, includeAnalysis: false, utcOffsetMin: 0 });
      const got = res.groups.flatMap((g) => g.hits).map((h) => ({ id: h.segmentId!, score: h.score! }));
      expect(got.map((h) => h.id)).toEqual(expected.map((h) => h.id));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 9));
      expect(res.total).toEqual({ hits: expected.length, exact: true });
    }
  });

  it.each(CASES)('%s, with no date: every match scored outside FTS5, the same rows and scores', (query, match) => {
    const expected = fts5Ranked(match, '0000', '9999', false);
    const res = search.search({ query, order: 'relevance', limit: 500, includeAnalysis: false });
    const got = res.groups.flatMap((g) => g.hits).map((h) => ({ id: h.segmentId!, score: h.score! }));
    expect(got.map((h) => h.id)).toEqual(expected.slice(0, 500).map((h) => h.id));
    got.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 9));
    // Hit counts per call, from the candidates the ranking read.
    const counts = perCall(expected);
    for (const g of res.groups) expect(g.hitCount).toBe(counts.get(g.callId));
  });

  it('phrases go to FTS5, which ranks them; pages and counts come from one read of the index', () => {
    const expected = fts5Ranked('"refund" + "order"', '0000', '9999', false);
    expect(expected.length).toBeGreaterThan(3);
    const parsed = parseQuery('"refund order"', { utcOffsetMin: 0 });
    const scope = segmentScope(matchPlan(parsed), { allVersions: false, callId: null, filters: [], plainWords: false, terms: null });
    const page = segmentPage(core.repos.search.segmentSearch, scope, 'relevance', 3, core.repos.search.segmentRank);
    expect(page.plan).toBe('ranked-all');
    expect(page.total).toBe(expected.length);
    expect(page.rows.map((r) => [r.segmentId, r.score])).toEqual(expected.slice(0, 3).map((e) => [e.id, e.score]));
    const res = search.search({ query: '"refund order"', order: 'relevance', limit: 500, includeAnalysis: false });
    const counts = perCall(expected);
    for (const g of res.groups) expect(g.hitCount).toBe(counts.get(g.callId));
  });

  it('is the plan chosen for a month of plain words, and pages and hit counts agree with FTS5', () => {
    const parsed = parseQuery('from:2026-03-01 to:2026-03-31 refund', { utcOffsetMin: 0 });
    const scope = segmentScope(matchPlan(parsed), { allVersions: false, callId: null, filters: parsed.filters, plainWords: true, terms: { clauses: [[{ token: 'refund', prefix: false }]], exclude: [] } });
    const page = segmentPage(core.repos.search.segmentSearch, scope, 'relevance', 6, core.repos.search.segmentRank);
    expect(page.plan).toBe('ranked-terms');
    const expected = fts5Ranked('"refund"', '2026-03-01', '2026-04-01', false);
    expect(page.rows.map((r) => r.segmentId)).toEqual(expected.slice(0, 6).map((r) => r.id));

    const res = search.search({ query: 'from:2026-03-01 to:2026-03-31 refund', order: 'relevance', limit: 4, offset: 2, includeAnalysis: false, utcOffsetMin: 0 });
    expect(res.groups.flatMap((g) => g.hits.map((h) => h.segmentId))).toEqual(expected.slice(2, 6).map((r) => r.id));
    for (const g of res.groups) {
      const n = core.repos.db
        .prepare(`SELECT count(*) FROM segments_fts f JOIN segments s ON s.id = f.rowid JOIN transcripts t ON t.id = s.transcript_id AND t.active = 1 WHERE segments_fts MATCH '"refund"' AND t.call_id = ?`)
        .pluck()
        .get(g.callId);
      expect(g.hitCount).toBe(n);
    }
  });

  it('applies per-segment filters (speaker) and falls back to FTS5 for phrases and exclusions', () => {
    const spoken = search.search({ query: 'from:2026-03-01 to:2026-03-31 speaker:agent refund', order: 'relevance', limit: 500, includeAnalysis: false, utcOffsetMin: 0 });
    const agentIds = new Set(core.repos.db.prepare(`SELECT id FROM segments WHERE speaker = 'agent'`).pluck().all() as number[]);
    const hits = spoken.groups.flatMap((g) => g.hits);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => agentIds.has(h.segmentId!))).toBe(true);
    expect(hits.map((h) => h.segmentId)).toEqual(fts5Ranked('"refund"', '2026-03-01', '2026-04-01', false).filter((r) => agentIds.has(r.id)).map((r) => r.id));

    for (const q of ['"refund order"', 'refund -late']) {
      const parsed = parseQuery(`from:2026-02-01 to:2026-03-31 ${q}`, { utcOffsetMin: 0 });
      expect(search.search({ query: `from:2026-02-01 to:2026-03-31 ${q}`, order: 'relevance', includeAnalysis: false }).groups.length).toBeGreaterThan(0);
      const scope = segmentScope(matchPlan(parsed), { allVersions: false, callId: null, filters: parsed.filters, plainWords: false, terms: null });
      expect(segmentPage(core.repos.search.segmentSearch, scope, 'relevance', 5, core.repos.search.segmentRank).plan).not.toBe('ranked-terms');
    }
  });

  it('reads token counts from FTS5’s docsize table where segment_lengths has none (and rebuild writes them again)', () => {
    const db = core.repos.db;
    const expected = fts5Ranked('"refund" AND "order"', '2026-03-01', '2026-04-01', false);
    db.exec('DELETE FROM segment_lengths');
    const ask = () => search.search({ query: 'from:2026-03-01 to:2026-03-31 refund order', order: 'relevance', limit: 500, includeAnalysis: false, utcOffsetMin: 0 });
    const got = ask().groups.flatMap((g) => g.hits);
    expect(got.map((h) => h.segmentId)).toEqual(expected.map((r) => r.id));
    got.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 9));
    search.rebuild();
    expect(db.prepare('SELECT count(*) FROM segment_lengths').pluck().get()).toBeGreaterThan(0);
    expect(ask().groups.flatMap((g) => g.hits.map((h) => h.segmentId))).toEqual(expected.map((r) => r.id));
  });

  it('leaves a term too common to hold in memory to FTS5, with the same answer', () => {
    const rank = core.repos.search.segmentRank;
    const expected = fts5Ranked('"refund"', '0000', '9999', false);
    const scope = segmentScope(matchPlan(parseQuery('refund', {})), { allVersions: false, callId: null, filters: [], plainWords: true, terms: { clauses: [[{ token: 'refund', prefix: false }]], exclude: [] } });
    const page = () => segmentPage(core.repos.search.segmentSearch, scope, 'relevance', 10, rank);
    expect(page().plan).toBe('ranked-terms');
    rank.instancesMax = 5;
    try {
      expect(page().plan).not.toBe('ranked-terms');
      expect(page().rows.map((r) => r.segmentId)).toEqual(expected.slice(0, 10).map((e) => e.id));
    } finally {
      rank.instancesMax = INSTANCES_MAX;
    }
  });

  it('reads token counts the same from segment_lengths and from docsize, long segments included', () => {
    const db = core.repos.db;
    const rank = core.repos.search.segmentRank;
    // FTS5's own count of each row's tokens, from the docsize blob (a varint; two bytes from 128).
    const truth = db.prepare('SELECT id, sz FROM segments_fts_docsize ORDER BY id').raw().all() as Array<[number, Uint8Array]>;
    const tokens = (sz: Uint8Array) => (sz.length === 1 ? sz[0]! : ((sz[0]! & 0x7f) << 7) | sz[1]!);
    const ids = Float64Array.from(truth.map(([id]) => id));
    expect(Math.max(...truth.map(([, sz]) => tokens(sz)))).toBe(140);
    // Every row at once reads the 1 KiB blocks; one row at a time reads docsize.
    expect(Array.from(rank.tokenCounts(ids)!)).toEqual(truth.map(([, sz]) => tokens(sz)));
    for (const [id, sz] of truth.filter((_, i) => i % 37 === 0 || tokens(truth[i]![1]) > 127)) expect(Array.from(rank.tokenCounts(Float64Array.of(id))!)).toEqual([tokens(sz)]);
    // A row the index does not hold has no count: the caller falls back to FTS5.
    expect(rank.tokenCounts(Float64Array.of(ids.at(-1)! + 1000))).toBeNull();
  });

  it('keeps each transcript’s segment id range (migration 0100) wide enough for every row', () => {
    const bad = core.repos.db
      .prepare(`SELECT count(*) FROM segments s JOIN transcripts t ON t.id = s.transcript_id WHERE s.id < t.seg_lo OR s.id > t.seg_hi OR t.seg_lo IS NULL`)
      .pluck()
      .get();
    expect(bad).toBe(0);
  });
});

describe('readVarint', () => {
  it('reads SQLite varints of one, two and nine bytes', () => {
    expect(readVarint(Uint8Array.from([0x05]), 0)).toEqual([5, 1]);
    expect(readVarint(Uint8Array.from([0x81, 0x0c]), 0)).toEqual([140, 2]);
    expect(readVarint(Uint8Array.from([0xbe, 0xe5, 0x59]), 0)).toEqual([1_028_825, 3]);
    expect(readVarint(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x81, 0x02]), 0)).toEqual([258, 9]);
    expect(readVarint(Uint8Array.from([0x81]), 0)).toBeNull();
  });
});
