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

/** Summary first, then action items, then questions, each in their order in the analysis. */
const KIND_ORDER = `CASE x.kind WHEN 'summary' THEN 0 WHEN 'action' THEN 1 ELSE 2 END`;

const FROM = `analysis_fts f CROSS JOIN analysis_text x CROSS JOIN analyses a CROSS JOIN calls c`;
const JOIN = `analysis_fts MATCH ? AND x.id = f.rowid AND a.id = x.analysis_id AND c.id = a.call_id
  AND a.id = (SELECT a3.id FROM analyses a3 WHERE a3.call_id = a.call_id AND a3.kind = 'llm' AND a3.transcript_id IS a.transcript_id
              ORDER BY a3.run DESC, a3.id DESC LIMIT 1)`;

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

  /** The first `n` lines, best match first or newest call first. */
  hits(scope: AnalysisScope, order: 'relevance' | 'newest', n: number): AnalysisRow[] {
    const w = this.where(scope);
    const orderBy = order === 'relevance' ? 'score DESC, x.id' : `c.started_at DESC, c.id DESC, ${KIND_ORDER}, x.ord, x.id`;
    return this.sql(
      `SELECT c.id AS callId, a.id AS analysisId, a.transcript_id AS transcriptId, x.kind, x.ord, x.speaker, x.at_sec AS start,
              (SELECT sg.end_sec FROM segments sg WHERE sg.id = x.segment_id) AS "end", x.segment_id AS segmentId, x.text,
              c.started_at AS startedAt, ${order === 'relevance' ? '-bm25(analysis_fts)' : 'NULL'} AS score
         FROM ${FROM} WHERE ${JOIN} AND ${w.sql} ORDER BY ${orderBy} LIMIT ?`,
    ).all(scope.match, ...w.params, n) as AnalysisRow[];
  }

  /** How many lines match in each of `callIds`. */
  countsByCall(scope: AnalysisScope, callIds: readonly number[]): Map<number, number> {
    if (callIds.length === 0) return new Map();
    const w = this.where(scope);
    const rows = this.sql(`SELECT c.id AS callId, count(*) AS n FROM ${FROM} WHERE ${JOIN} AND c.id IN (SELECT value FROM json_each(?)) AND ${w.sql} GROUP BY c.id`).all(
      scope.match,
      JSON.stringify(callIds),
      ...w.params,
    ) as Array<{ callId: number; n: number }>;
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
