import type { SearchFilter } from '../../../../shared/search.js';
import type { Db } from '../open.js';
import { andParts, filterParts, lruPrepare, type SqlPart } from './search-sql.js';

/** What an analysis search covers. */
export interface AnalysisScope {
  match: string;
  filters: readonly SearchFilter[];
  /** false: the newest run for each call's active version; true: the newest run for every version. */
  allVersions: boolean;
  callId: number | null;
}

/** One matching line of an LLM analysis. */
export interface AnalysisRow {
  callId: number;
  analysisId: number;
  transcriptId: number | null;
  kind: 'summary' | 'action' | 'question';
  ord: number;
  speaker: string | null;
  start: number | null;
  end: number | null;
  segmentId: number | null;
  text: string;
  startedAt: string | null;
  score: number | null;
}

/** Newest first, read a window of calls from the start-time index only when it holds at most this many. */
const SINCE_MAX_CALLS = 2000;

/** Summary first, then action items, then questions, each in their order in the analysis. */
const KIND_ORDER = `CASE x.kind WHEN 'summary' THEN 0 WHEN 'action' THEN 1 ELSE 2 END`;

/** `a` is the newest run of its (call, version): re-runs replace what is found. */
const CURRENT_RUN = `a.id = (SELECT a3.id FROM analyses a3 WHERE a3.call_id = a.call_id AND a3.kind = 'llm' AND a3.transcript_id IS a.transcript_id
  ORDER BY a3.run DESC, a3.id DESC LIMIT 1)`;
const FROM = `analysis_fts f CROSS JOIN analysis_text x CROSS JOIN analyses a CROSS JOIN calls c`;
const JOIN = `analysis_fts MATCH ? AND x.id = f.rowid AND a.id = x.analysis_id AND c.id = a.call_id AND ${CURRENT_RUN}`;

/** Search over analysis text (analysis_fts), newest run only, so re-runs do not repeat hits. */
export class AnalysisSearch {
  private readonly sql: ReturnType<typeof lruPrepare>;

  constructor(db: Db) {
    this.sql = lruPrepare(db, 16);
  }

  private where(scope: AnalysisScope): SqlPart {
    const parts: SqlPart[] = [];
    if (!scope.allVersions) parts.push({ sql: 'a.transcript_id = (SELECT t2.id FROM transcripts t2 WHERE t2.call_id = a.call_id AND t2.active = 1)', params: [] });
    if (scope.callId !== null) parts.push({ sql: 'c.id = ?', params: [scope.callId] });
    return andParts([...parts, ...filterParts(scope.filters, 'x.speaker')]);
  }

  /**
   * The first `n` lines, best match first or newest call first. Newest first with `since` (a start
   * time; the caller knows no older line can make the page), when few calls started since then the
   * lines are read from those calls (calls_started) rather than from every match of the index.
   */
  hits(scope: AnalysisScope, order: 'relevance' | 'newest', n: number, since: string | null = null): AnalysisRow[] {
    const w = this.where(scope);
    const cols = `c.id AS callId, a.id AS analysisId, a.transcript_id AS transcriptId, x.kind, x.ord, x.speaker, x.at_sec AS start,
      (SELECT sg.end_sec FROM segments sg WHERE sg.id = x.segment_id) AS "end", x.segment_id AS segmentId, x.text, c.started_at AS startedAt`;
    if (order === 'relevance') {
      return this.sql(`SELECT ${cols}, -bm25(analysis_fts) AS score FROM ${FROM} WHERE ${JOIN} AND ${w.sql} ORDER BY score DESC, a.id, ${KIND_ORDER}, x.ord LIMIT ?`).all(
        scope.match,
        ...w.params,
        n,
      ) as AnalysisRow[];
    }
    const newest = `ORDER BY c.started_at DESC, c.id DESC, ${KIND_ORDER}, x.ord, x.id LIMIT ?`;
    // ~1 µs a call in the window against ~5 µs a match of the index: read whichever is fewer.
    const inWindow = since === null ? null : (this.sql(`SELECT count(*) FROM (SELECT 1 FROM calls WHERE started_at >= ? LIMIT ?)`).pluck().get(since, SINCE_MAX_CALLS + 1) as number);
    const fewCalls =
      inWindow !== null &&
      inWindow <= SINCE_MAX_CALLS &&
      (this.sql(`SELECT count(*) FROM (SELECT 1 FROM analysis_fts WHERE analysis_fts MATCH ? LIMIT ?)`).pluck().get(scope.match, Math.ceil(inWindow / 5) + 1) as number) * 5 > inWindow;
    if (!fewCalls) {
      return this.sql(`SELECT ${cols}, NULL AS score FROM ${FROM} WHERE ${JOIN} AND ${w.sql} ${newest}`).all(scope.match, ...w.params, n) as AnalysisRow[];
    }
    return this.sql(
      `SELECT ${cols}, NULL AS score FROM calls c INDEXED BY calls_started CROSS JOIN analyses a CROSS JOIN analysis_text x
        WHERE c.started_at >= ? AND a.call_id = c.id AND a.kind = 'llm' AND ${CURRENT_RUN} AND x.analysis_id = a.id
          AND x.id IN (SELECT rowid FROM analysis_fts WHERE analysis_fts MATCH ?) AND ${w.sql} ${newest}`,
    ).all(since!, scope.match, ...w.params, n) as AnalysisRow[];
  }

  /** How many lines match in each of `callIds`: read from those calls' analyses, tested against the match set. */
  countsByCall(scope: AnalysisScope, callIds: readonly number[]): Map<number, number> {
    if (callIds.length === 0) return new Map();
    const w = this.where(scope);
    const rows = this.sql(
      `SELECT c.id AS callId, count(*) AS n FROM calls c CROSS JOIN analyses a CROSS JOIN analysis_text x
        WHERE c.id IN (SELECT value FROM json_each(?)) AND a.call_id = c.id AND a.kind = 'llm' AND ${CURRENT_RUN} AND x.analysis_id = a.id
          AND x.id IN (SELECT rowid FROM analysis_fts WHERE analysis_fts MATCH ?) AND ${w.sql} GROUP BY c.id`,
    ).all(JSON.stringify(callIds), scope.match, ...w.params) as Array<{ callId: number; n: number }>;
    return new Map(rows.map((r) => [r.callId, r.n]));
  }

  /** Matching lines in all, counted up to `cap`. */
  count(scope: AnalysisScope, cap: number): number {
    const w = this.where(scope);
    return this.sql(`SELECT count(*) FROM (SELECT 1 FROM ${FROM} WHERE ${JOIN} AND ${w.sql} LIMIT ?)`)
      .pluck()
      .get(scope.match, ...w.params, cap) as number;
  }
}
