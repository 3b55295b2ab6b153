import type { SearchFilter } from '../../../../shared/search.js';
import type { Speaker } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import type { TermQuery } from './segment-rank.js';
import { andParts, filterParts, inIndex, lruPrepare, type SegmentIndex, type SqlPart } from './search-sql.js';

/** A MATCH against one of the segment indexes. */
export interface IndexMatch {
  index: SegmentIndex;
  match: string;
}

/*
 * The segment side of transcript search. Which SQL runs depends on how many rows match, because
 * the cost of each plan grows with a different thing (see README "Search" and test/bench/search.ts):
 *   ranked  – the index ranks its own matches (bm25) and only the best K are joined and filtered;
 *             when filters leave fewer than asked, every match is joined and ranked once.
 *   newest  – few matches: join all and sort; many: walk calls newest first (calls_started) and
 *             stop once the page is full, testing segments against the match set (probe) or, for
 *             very common terms, asking the index for each transcript's rowid range (fts walk).
 */

/** What to search: the index that drives it (null: filters only), further conditions, scope. */
export interface SegmentScope {
  driver: IndexMatch | null;
  /** Each must hold as well: one index match, or either of several (an OR clause mixing words and substrings). */
  also: IndexMatch[][];
  /** None of these may hold. */
  not: IndexMatch[];
  filters: readonly SearchFilter[];
  allVersions: boolean;
  callId: number | null;
  /** The driver is plain words ANDed and no filter but dates applies, so asking the index per transcript is cheap. */
  simpleDriver: boolean;
  /** The driver as single-token words and prefixes (AND of ORs, NOT of some), or null: then bm25 can be scored outside FTS5. */
  terms: TermQuery | null;
}

/** One matching segment with what grouping and ordering need. */
export interface SegmentRow {
  callId: number;
  transcriptId: number;
  segmentId: number;
  speaker: Speaker;
  start: number;
  end: number;
  text: string;
  startedAt: string | null;
  /** -bm25 (higher is better) when ranked, else null. */
  score: number | null;
}

const COLS = `c.id AS callId, t.id AS transcriptId, s.id AS segmentId, s.speaker, s.start_sec AS start, s.end_sec AS "end", s.text, c.started_at AS startedAt`;
const NEWEST = 'ORDER BY c.started_at DESC, c.id DESC, s.start_sec, s.id';
/** The calls, newest first, with their transcripts (joined in this order: the page fills from the top). */
const WALK = `calls c INDEXED BY calls_started CROSS JOIN transcripts t CROSS JOIN segments s`;
const WALK_JOIN = 't.call_id = c.id AND s.transcript_id = t.id';
// A transcript's segments are written together, so their ids form (nearly always) one range; the
// join on s.transcript_id keeps the answer exact when another writer's rows fell inside it.
const SEG_RANGE = 'BETWEEN t.seg_lo AND t.seg_hi';
/** Segments whose ids are bound as a JSON array, each joined to its transcript and call. */
const OF_IDS = `segments s CROSS JOIN transcripts t CROSS JOIN calls c
        WHERE s.id IN (SELECT value FROM json_each(?)) AND t.id = s.transcript_id AND c.id = t.call_id`;

/** Reads of matching segments; every statement is built from fixed fragments and bound values. */
export class SegmentSearch {
  private readonly sql: ReturnType<typeof lruPrepare>;

  constructor(db: Db) {
    this.sql = lruPrepare(db);
  }

  /** Conditions every plan applies: active versions, one call, the filters, the extra matches. */
  private where(scope: SegmentScope): SqlPart {
    const parts: SqlPart[] = [];
    if (!scope.allVersions) parts.push({ sql: 't.active = 1', params: [] });
    if (scope.callId !== null) parts.push({ sql: 'c.id = ?', params: [scope.callId] });
    for (const any of scope.also) {
      const each = any.map((m) => inIndex(m.index, m.match));
      parts.push({ sql: each.map((p) => p.sql).join(' OR '), params: each.flatMap((p) => p.params) });
    }
    for (const m of scope.not) parts.push(inIndex(m.index, m.match, true));
    return andParts([...parts, ...filterParts(scope.filters, 's.speaker')]);
  }

  /** Rows of the driving index, counted up to `cap` (filters not applied): picks the plan. */
  indexMatches(index: SegmentIndex, match: string, cap: number): number {
    return this.sql(`SELECT count(*) FROM (SELECT 1 FROM ${index} WHERE ${index} MATCH ? LIMIT ?)`).pluck().get(match, cap) as number;
  }

  /** The best `n` by bm25 among the index's best `k` (or among all matches when k is null). */
  ranked(scope: SegmentScope & { driver: IndexMatch }, n: number, k: number | null): SegmentRow[] {
    const { index, match } = scope.driver;
    const w = this.where(scope);
    if (k === null) {
      return this.sql(
        `SELECT ${COLS}, -bm25(${index}) AS score FROM ${index} f CROSS JOIN segments s CROSS JOIN transcripts t CROSS JOIN calls c
          WHERE ${index} MATCH ? AND s.id = f.rowid AND t.id = s.transcript_id AND c.id = t.call_id AND ${w.sql}
          ORDER BY score DESC, s.id LIMIT ?`,
      ).all(match, ...w.params, n) as SegmentRow[];
    }
    return this.sql(
      // ORDER BY rank alone makes FTS5 sort every match itself; with rowid added SQLite keeps only the best k as it
      // goes (about twice as fast here), and ties fall in one order whatever k is, so pages agree.
      `SELECT ${COLS}, m.score FROM (SELECT rowid AS id, -rank AS score FROM ${index} WHERE ${index} MATCH ? ORDER BY rank, rowid LIMIT ?) m
         CROSS JOIN segments s CROSS JOIN transcripts t CROSS JOIN calls c
        WHERE s.id = m.id AND t.id = s.transcript_id AND c.id = t.call_id AND ${w.sql}
        ORDER BY m.score DESC, s.id LIMIT ?`,
    ).all(match, k, ...w.params, n) as SegmentRow[];
  }

  /**
   * The share of calls the call-level filters keep (dates, source, direction, length; 1 without
   * any): a cheap estimate of how much of a match set survives them. Speaker and sentiment are
   * left out: the one is per segment, the other costs a subquery per call.
   */
  callShare(filters: readonly SearchFilter[]): number {
    const onCalls = filters.filter((f) => f.field !== 'speaker' && f.field !== 'sentiment');
    if (onCalls.length === 0) return 1;
    const w = andParts(filterParts(onCalls, 's.speaker'));
    const [kept, all] = this.sql(`SELECT (SELECT count(*) FROM calls c WHERE ${w.sql}), (SELECT count(*) FROM calls)`)
      .raw(true)
      .get(...w.params) as [number, number];
    return all === 0 ? 0 : kept / all;
  }

  /** Rowids of the driving index's matches, at most `cap` of them (filters not applied). */
  indexRowids(index: SegmentIndex, match: string, cap: number): number[] {
    return this.sql(`SELECT rowid FROM ${index} WHERE ${index} MATCH ? LIMIT ?`).pluck().all(match, cap) as number[];
  }

  /**
   * [callId, segmentId] of those of `ids` (the driver's matches, read once by indexRowids) that pass
   * the scope, newest call first: the index is not asked again, which matters for phrases of common words.
   */
  newestKeysOf(scope: SegmentScope, ids: readonly number[]): Array<[number, number]> {
    const w = this.where(scope);
    return this.sql(
      `SELECT c.id, s.id FROM ${OF_IDS} AND ${w.sql} ${NEWEST}`,
    )
      .raw(true)
      .all(JSON.stringify(ids), ...w.params) as Array<[number, number]>;
  }

  /** The index's best `limit` matches by bm25, best first (equal scores by rowid): ids and scores. */
  bestOfIndex(index: SegmentIndex, match: string, limit: number): { ids: number[]; scores: number[] } {
    // One JSON array back instead of a row per match; JSON keeps doubles exact (17 significant digits).
    const json = this.sql(
      `SELECT json_group_array(json_array(id, score) ORDER BY score DESC, id) FROM (SELECT rowid AS id, -rank AS score FROM ${index} WHERE ${index} MATCH ? ORDER BY rank, rowid LIMIT ?)`,
    )
      .pluck()
      .get(match, limit) as string;
    const pairs = JSON.parse(json) as Array<[number, number]>;
    return { ids: pairs.map((p) => p[0]), scores: pairs.map((p) => p[1]) };
  }

  /** segment id → call id of those of segments `ids` that pass the scope's conditions (no text read). */
  callsOfPassing(scope: SegmentScope, ids: readonly number[]): Map<number, number> {
    if (ids.length === 0) return new Map();
    const w = this.where(scope);
    const rows = this.sql(
      `SELECT s.id, c.id FROM ${OF_IDS} AND ${w.sql}`,
    )
      .raw(true)
      .all(JSON.stringify(ids), ...w.params) as Array<[number, number]>;
    return new Map(rows);
  }

  /** Those of segments `ids` that pass the scope's conditions (the driver's match is the caller's to know), in no order. */
  rowsPassing(scope: SegmentScope, ids: readonly number[]): SegmentRow[] {
    if (ids.length === 0) return [];
    const w = this.where(scope);
    return this.sql(
      `SELECT ${COLS}, NULL AS score FROM ${OF_IDS} AND ${w.sql}`,
    ).all(JSON.stringify(ids), ...w.params) as SegmentRow[];
  }

  /** Segments by id, in the order of `ids`. */
  rowsByIds(ids: readonly number[]): SegmentRow[] {
    if (ids.length === 0) return [];
    const rows = this.sql(
      `SELECT ${COLS}, NULL AS score FROM ${OF_IDS}`,
    ).all(JSON.stringify(ids)) as SegmentRow[];
    const byId = new Map(rows.map((r) => [r.segmentId, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is SegmentRow => r !== undefined);
  }

  /**
   * Walks calls newest first until `n` rows are read and the call being read is finished, so every
   * call returned is complete (its rows are all its hits). `fts`: ask the index per transcript
   * (cheap when most calls match); otherwise test segments against the match set (or no text terms).
   */
  newestWalk(scope: SegmentScope, n: number, fts: boolean): { rows: SegmentRow[]; exhausted: boolean } {
    const w = this.where(scope);
    let stmt;
    let params: unknown[];
    const one = scope.callId !== null;
    // One call: start from its row, not from a walk of the index.
    const from = one ? `calls c CROSS JOIN transcripts t CROSS JOIN segments s` : WALK;
    if (scope.driver === null) {
      stmt = this.sql(`SELECT ${COLS}, NULL AS score FROM ${from} WHERE ${WALK_JOIN} AND ${w.sql} ${NEWEST}`);
      params = w.params;
    } else if (fts && !one) {
      const { index, match } = scope.driver;
      stmt = this.sql(
        `SELECT ${COLS}, NULL AS score FROM calls c INDEXED BY calls_started CROSS JOIN transcripts t CROSS JOIN ${index} f CROSS JOIN segments s
          WHERE t.call_id = c.id AND f.rowid ${SEG_RANGE} AND ${index} MATCH ? AND s.id = f.rowid AND s.transcript_id = t.id AND ${w.sql} ${NEWEST}`,
      );
      params = [match, ...w.params];
    } else {
      const probe = inIndex(scope.driver.index, scope.driver.match);
      stmt = this.sql(`SELECT ${COLS}, NULL AS score FROM ${from} WHERE ${WALK_JOIN} AND ${probe.sql} AND ${w.sql} ${NEWEST}`);
      params = [...probe.params, ...w.params];
    }
    const rows: SegmentRow[] = [];
    for (const r of stmt.iterate(...params) as IterableIterator<SegmentRow>) {
      if (rows.length >= n && r.callId !== rows.at(-1)!.callId) return { rows, exhausted: false };
      rows.push(r);
    }
    return { rows, exhausted: true };
  }

  /** How many segments match in each of `callIds`. */
  countsByCall(scope: SegmentScope, callIds: readonly number[]): Map<number, number> {
    if (callIds.length === 0) return new Map();
    const w = this.where(scope);
    const driver = scope.driver ? inIndex(scope.driver.index, scope.driver.match) : { sql: '1', params: [] };
    const rows = this.sql(
      `SELECT c.id AS callId, count(*) AS n FROM calls c CROSS JOIN transcripts t CROSS JOIN segments s
        WHERE c.id IN (SELECT value FROM json_each(?)) AND ${WALK_JOIN} AND ${driver.sql} AND ${w.sql} GROUP BY c.id`,
    ).all(JSON.stringify(callIds), ...driver.params, ...w.params) as Array<{ callId: number; n: number }>;
    return new Map(rows.map((r) => [r.callId, r.n]));
  }

  /** Matching segments in all, counted up to `cap`. */
  count(scope: SegmentScope, cap: number): number {
    const w = this.where(scope);
    if (scope.driver === null) {
      return this.sql(`SELECT count(*) FROM (SELECT 1 FROM calls c CROSS JOIN transcripts t CROSS JOIN segments s WHERE ${WALK_JOIN} AND ${w.sql} LIMIT ?)`)
        .pluck()
        .get(...w.params, cap) as number;
    }
    const { index, match } = scope.driver;
    return this.sql(
      `SELECT count(*) FROM (SELECT 1 FROM ${index} f CROSS JOIN segments s CROSS JOIN transcripts t CROSS JOIN calls c
        WHERE ${index} MATCH ? AND s.id = f.rowid AND t.id = s.transcript_id AND c.id = t.call_id AND ${w.sql} LIMIT ?)`,
    )
      .pluck()
      .get(match, ...w.params, cap) as number;
  }
}
