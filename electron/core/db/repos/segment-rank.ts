import type { SearchFilter } from '../../../../shared/search.js';
import type { Db } from '../open.js';
import { SEG_HI, SEG_LO, andParts, filterParts, lruPrepare } from './search-sql.js';

/*
 * What scoring bm25 outside FTS5 needs from segments_fts (see electron/core/search/scoped-rank.ts):
 * where each token occurs (an fts5vocab "instance" table), the index's row and token totals (its
 * averages record) and each row's token count (its docsize table). The two shadow tables are read
 * in FTS5's documented on-disk format, which SQLite keeps stable; anything unexpected reads as null
 * and the caller falls back to asking FTS5 to rank.
 */

/** Rows and tokens in segments_fts, as bm25 reads them. */
export interface IndexTotals {
  rows: number;
  tokens: number;
}

/** A query term that is one token of the word index: a word, or every word starting with it. */
export interface PlainTerm {
  /** Lowercase ASCII letters and digits, as the unicode61 tokenizer stores them. */
  token: string;
  prefix: boolean;
}

/** The segment id range of one transcript (its segments are written together). */
export interface TranscriptRange {
  callId: number;
  lo: number;
  hi: number;
}

/** Reads an SQLite varint (big-endian, 7 bits a byte, the 9th byte whole) at `at`: [value, next offset], or null past the end. */
export function readVarint(buf: Uint8Array, at: number): [number, number] | null {
  let v = 0;
  for (let i = 0; i < 9; i++) {
    const byte = buf[at + i];
    if (byte === undefined) return null;
    if (i === 8) return [v * 256 + byte, at + 9];
    v = v * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [v, at + i + 1];
  }
  return null;
}

/** Sums the varints of a docsize blob (one per column): the row's token count. */
function sumVarints(buf: Uint8Array): number | null {
  let total = 0;
  for (let at = 0; at < buf.length; ) {
    const r = readVarint(buf, at);
    if (r === null) return null;
    total += r[0];
    at = r[1];
  }
  return total;
}

// "Instance" rows of segments_fts: (term, doc, col, offset) for every token, ordered by term and doc.
const VOCAB = 'temp.segments_fts_instances';

/** Reads of segments_fts's own tables for bm25 over a chosen set of rows. */
export class SegmentRank {
  private readonly sql: ReturnType<typeof lruPrepare>;
  private vocabReady = false;

  constructor(private readonly db: Db) {
    this.sql = lruPrepare(db, 16);
  }

  /** Row and token totals of the index (its averages record), or null when it cannot be read. */
  totals(): IndexTotals | null {
    const block = this.sql(`SELECT block FROM segments_fts_data WHERE id = 1`).pluck().get() as Uint8Array | undefined;
    if (!(block instanceof Uint8Array)) return null;
    const rows = readVarint(block, 0);
    if (rows === null) return null;
    const tokens = sumVarints(block.subarray(rows[1]));
    return tokens === null ? null : { rows: rows[0], tokens };
  }

  /**
   * The doc (segment id) of every instance of `token` (lowercase ASCII letters and digits), or of
   * every token starting with it when `prefix`: one entry per occurrence, grouped by term, each
   * group ascending.
   */
  instances(token: string, prefix: boolean): number[] {
    if (!this.vocabReady) {
      // A temp table lives as long as the connection; fts5vocab reads the index, it stores nothing.
      this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB} USING fts5vocab(main, segments_fts, instance)`);
      this.vocabReady = true;
    }
    // A prefix of ASCII letters and digits: every term starting with it sorts below prefix + U+10FFFF.
    const json = prefix
      ? this.sql(`SELECT json_group_array(doc) FROM ${VOCAB} WHERE term >= ? AND term < ?`).pluck().get(token, `${token}\u{10FFFF}`)
      : this.sql(`SELECT json_group_array(doc) FROM ${VOCAB} WHERE term = ?`).pluck().get(token);
    return JSON.parse(json as string) as number[];
  }

  /** Token counts of rows `ids` (rows the index does not hold are left out). */
  tokenCounts(ids: readonly number[]): Map<number, number> {
    const out = new Map<number, number>();
    if (ids.length === 0) return out;
    // One JSON array back instead of a row per id (marshalling rows costs more than reading them).
    // A one-byte varint (under 128 tokens, nearly every segment) is its own value; longer ones come back -1.
    const sizes = JSON.parse(
      this.sql(
        `SELECT json_group_array(CASE WHEN length(d.sz) = 1 THEN unicode(CAST(d.sz AS TEXT)) WHEN d.sz IS NULL THEN NULL ELSE -1 END)
           FROM json_each(?) j LEFT JOIN segments_fts_docsize d ON d.id = j.value ORDER BY j.key`,
      )
        .pluck()
        .get(JSON.stringify(ids)) as string,
    ) as Array<number | null>;
    const long: number[] = [];
    ids.forEach((id, i) => {
      const n = sizes[i];
      if (n === -1) long.push(id);
      else if (typeof n === 'number') out.set(id, n);
    });
    if (long.length > 0) {
      const rows = this.sql(`SELECT id, sz FROM segments_fts_docsize WHERE id IN (SELECT value FROM json_each(?))`)
        .raw(true)
        .all(JSON.stringify(long)) as Array<[number, Uint8Array]>;
      for (const [id, sz] of rows) {
        const n = sz instanceof Uint8Array ? sumVarints(sz) : null;
        if (n !== null) out.set(id, n);
      }
    }
    return out;
  }

  /**
   * The segment id range of each transcript of the calls `filters` keep (dates, source, direction,
   * length: call-level filters only), active versions unless `allVersions`, ordered by `lo`.
   */
  transcriptRanges(filters: readonly SearchFilter[], allVersions: boolean): TranscriptRange[] {
    const w = andParts([...(allVersions ? [] : [{ sql: 't.active = 1', params: [] }]), ...filterParts(filters, 's.speaker')]);
    const rows = JSON.parse(
      this.sql(`SELECT json_group_array(json_array(c.id, ${SEG_LO}, ${SEG_HI})) FROM calls c CROSS JOIN transcripts t ${allVersions ? '' : 'INDEXED BY transcripts_active_ranges'} WHERE t.call_id = c.id AND ${w.sql}`)
        .pluck()
        .get(...w.params) as string,
    ) as Array<[number, number | null, number | null]>;
    const out: TranscriptRange[] = [];
    for (const [callId, lo, hi] of rows) if (lo !== null && hi !== null) out.push({ callId, lo, hi });
    return out.sort((a, b) => a.lo - b.lo);
  }
}
