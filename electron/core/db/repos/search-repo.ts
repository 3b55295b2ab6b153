import type { Speaker } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** One transcript line that matches a search. */
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

/** Full-text search over the segments of each call's active transcript version. */
export class SearchRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
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
}
