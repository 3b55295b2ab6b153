import type { SearchFilter } from '../../../../shared/search.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.js';

/*
 * SQL pieces of transcript search. Every value is a bound parameter; what is joined into SQL text
 * is fixed fragments chosen by the parsed query's shape (field names, operators from enums), never
 * the reviewer's text. Aliases: `s` segments, `t` transcripts, `c` calls, `x` analysis_text.
 */

/** A SQL condition and its parameters in order. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

const DUR_OPS: Record<'>' | '>=' | '<' | '<=' | '=', string> = { '>': '>', '>=': '>=', '<': '<', '<=': '<=', '=': '=' };

/** The label of the call's current LLM analysis: the newest run for its active transcript version. */
const SENTIMENT_SQL = `(SELECT CASE WHEN json_valid(a.payload) THEN json_extract(a.payload, '$.sentiment.overall.label') END
   FROM analyses a
  WHERE a.call_id = c.id AND a.kind = 'llm'
    AND a.transcript_id = (SELECT t2.id FROM transcripts t2 WHERE t2.call_id = c.id AND t2.active = 1)
  ORDER BY a.run DESC, a.id DESC LIMIT 1)`;

function positive(f: SearchFilter, speakerCol: string): SqlPart {
  switch (f.field) {
    case 'speaker':
      return { sql: `${speakerCol} IN (${marks(f.values.length)})`, params: f.values };
    case 'source':
      return { sql: `c.source IN (${marks(f.values.length)})`, params: f.values };
    case 'dir': {
      // Twilio says outbound-api / outbound-dial; a call of unknown direction is neither.
      const parts = f.values.map((v) => (v === 'inbound' ? `c.direction = 'inbound'` : `c.direction LIKE 'outbound%'`));
      return { sql: `(${parts.join(' OR ')})`, params: [] };
    }
    case 'sentiment':
      return { sql: `${SENTIMENT_SQL} IN (${marks(f.values.length)})`, params: f.values };
    case 'from':
      return { sql: 'c.started_at >= ?', params: [f.at] };
    case 'to':
      return { sql: 'c.started_at < ?', params: [f.at] };
    case 'dur':
      return { sql: `c.duration_sec ${DUR_OPS[f.op]} ?`, params: [f.seconds] };
  }
}

/**
 * The filters as conditions over `c` and the hit's speaker column. A negated filter keeps what the
 * condition does not hold for, unknowns included (a call without a direction is not outbound).
 */
export function filterParts(filters: readonly SearchFilter[], speakerCol: 's.speaker' | 'x.speaker'): SqlPart[] {
  return filters.map((f) => {
    const p = positive(f, speakerCol);
    return f.negate ? { sql: `NOT coalesce(${p.sql}, 0)`, params: p.params } : p;
  });
}

/** ANDs parts into one condition ("1" when there are none). */
export function andParts(parts: readonly SqlPart[]): SqlPart {
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/** The FTS5 tables search reads, by what they index. */
export type SegmentIndex = 'segments_fts' | 'segments_trigram';

/** `s.id IN (rows of an index matching …)`, or NOT IN. */
export function inIndex(index: SegmentIndex, match: string, not = false): SqlPart {
  return { sql: `s.id ${not ? 'NOT IN' : 'IN'} (SELECT rowid FROM ${index} WHERE ${index} MATCH ?)`, params: [match] };
}

/**
 * A prepare() that keeps the most recently used statements: search SQL varies with the query's
 * shape (how many terms, which filters), so an unbounded cache would grow with every new shape.
 */
export function lruPrepare(db: Db, size = 64): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (stmt) cache.delete(sql);
    else {
      stmt = db.prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
}
