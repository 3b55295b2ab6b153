import type { Speaker } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';
import { AnalysisSearch } from './analysis-search.js';
import { SavedSearchesRepo } from './saved-searches-repo.js';
import { SegmentSearch } from './segment-search.js';
import { fillSegmentLengths } from '../migrations/0110-segment-lengths.js';
import { SegmentRank } from './segment-rank.js';

/** One transcript line that matches a plain word search. */
export interface SearchHit {
  callId: number;
  transcriptId: number;
  segmentId: number;
  speaker: Speaker;
  start: number;
  end: number;
  text: string;
}

/** Most hits one search returns unless asked for fewer. */
const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;

/** The FTS5 indexes search keeps, each rebuilt from its content table. */
export const SEARCH_INDEXES = ['segments_fts', 'segments_trigram', 'analysis_fts'] as const;

/**
 * The user's words as an FTS5 query: each word a quoted string (inner double quotes doubled)
 * and all of them ANDed, so nothing the user types is read as FTS5 syntax (NEAR, *, ^, column
 * filters, parentheses). Words with no letter or digit are dropped, because they hold no token.
 * Null when nothing searchable is left.
 */
export function ftsQuery(words: string): string | null {
  const terms = words
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .map((w) => `"${w.replaceAll('"', '""')}"`);
  return terms.length === 0 ? null : terms.join(' AND ');
}

/** Full-text search: plain word search, the query-language reads, saved searches and index upkeep. */
export class SearchRepo {
  private readonly sql: Prepare;
  /** Segment reads of the query language (electron/core/search drives them). */
  readonly segmentSearch: SegmentSearch;
  /** Analysis text reads of the query language. */
  readonly analysisSearch: AnalysisSearch;
  /** The word index's own tables, for bm25 over a chosen set of rows. */
  readonly segmentRank: SegmentRank;
  /** Saved searches. */
  readonly saved: SavedSearchesRepo;

  constructor(private readonly db: Db) {
    this.sql = cachedPrepare(db);
    this.segmentSearch = new SegmentSearch(db);
    this.analysisSearch = new AnalysisSearch(db);
    this.segmentRank = new SegmentRank(db);
    this.saved = new SavedSearchesRepo(db);
  }

  /** Segments of active versions containing every word of `words` (case and diacritics ignored), in call and time order. */
  segments(words: string, opts: { limit?: number } = {}): SearchHit[] {
    const match = ftsQuery(words);
    if (match === null) return [];
    const limit = Math.min(Math.max(Math.floor(opts.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
    return this.sql(
      `SELECT t.call_id AS callId, t.id AS transcriptId, s.id AS segmentId, s.speaker, s.start_sec AS start, s.end_sec AS "end", s.text
         FROM segments_fts f
         JOIN segments s ON s.id = f.rowid
         JOIN transcripts t ON t.id = s.transcript_id AND t.active = 1
        WHERE segments_fts MATCH ?
        ORDER BY t.call_id, s.start_sec, s.seq
        LIMIT ?`,
    ).all(match, limit) as SearchHit[];
  }

  /** Call facts a result group shows, for the calls on a page. */
  callInfo(callIds: readonly number[]): Map<number, { externalId: string; startedAt: string | null; source: 'folder' | 'twilio'; direction: string | null; durationSec: number | null }> {
    const rows = this.sql(
      `SELECT id, external_id AS externalId, started_at AS startedAt, source, direction, duration_sec AS durationSec FROM calls WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(callIds)) as Array<{ id: number; externalId: string; startedAt: string | null; source: 'folder' | 'twilio'; direction: string | null; durationSec: number | null }>;
    return new Map(rows.map(({ id, ...rest }) => [id, rest]));
  }

  /**
   * Remakes every search index from its content table (FTS5 'rebuild', then 'optimize' into one
   * b-tree, which reads faster than the merged pieces writes leave) in one transaction; returns each
   * index's time. analysis_text itself is kept by triggers that cannot be bypassed, so only the
   * indexes over it need remaking.
   */
  rebuild(): Array<{ name: string; ms: number }> {
    const out: Array<{ name: string; ms: number }> = [];
    this.db.transaction(() => {
      for (const index of SEARCH_INDEXES) {
        const t = performance.now();
        this.db.exec(`INSERT INTO ${index}(${index}) VALUES ('rebuild'); INSERT INTO ${index}(${index}) VALUES ('optimize');`);
        out.push({ name: index, ms: performance.now() - t });
      }
      // The token counts ranking reads are copied from segments_fts's docsize table.
      const t = performance.now();
      fillSegmentLengths(this.db);
      out.push({ name: 'segment_lengths', ms: performance.now() - t });
    }).immediate();
    return out;
  }

  /** Checks each index against its content table (FTS5 integrity-check with rank 1); throws on a mismatch. */
  checkIndexes(): void {
    for (const index of SEARCH_INDEXES) this.db.exec(`INSERT INTO ${index}(${index}, rank) VALUES ('integrity-check', 1)`);
  }
}
