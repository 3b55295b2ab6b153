import type { SearchFilter } from '../../../../shared/search.js';
import { LENGTH_BLOCK } from '../migrations/0110-segment-lengths.js';
import type { Db } from '../open.js';
import { andParts, filterParts, lruPrepare } from './search-sql.js';

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

/** A query of plain terms: AND of ORs of them, none of the excluded ones. */
export interface TermQuery {
  clauses: PlainTerm[][];
  exclude: PlainTerm[];
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

/** Past this many occurrences of a term, ranking is left to FTS5 (~16 MiB of ids held at once). */
export const INSTANCES_MAX = 2_000_000;

// "Instance" rows of segments_fts: (term, doc, col, offset) for every token, ordered by term and doc.
const VOCAB = 'temp.segments_fts_instances';

/** Reads of segments_fts's own tables for bm25 over a chosen set of rows. */
export class SegmentRank {
  private readonly sql: ReturnType<typeof lruPrepare>;
  private vocabReady = false;
  /** How many occurrences of one term ranking outside FTS5 takes on (INSTANCES_MAX; tests lower it). */
  instancesMax = INSTANCES_MAX;

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
   * group ascending. Null past `cap` instances (a one-letter prefix of a large library), which the
   * caller leaves to FTS5 rather than hold them all in memory.
   */
  instances(token: string, prefix: boolean): number[] | null {
    const cap = this.instancesMax;
    if (!this.vocabReady) {
      // A temp table lives as long as the connection; fts5vocab reads the index, it stores nothing.
      this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB} USING fts5vocab(main, segments_fts, instance)`);
      this.vocabReady = true;
    }
    // A prefix of ASCII letters and digits: every term starting with it sorts below prefix + U+10FFFF.
    const json = prefix
      ? this.sql(`SELECT json_group_array(doc) FROM (SELECT doc FROM ${VOCAB} WHERE term >= ? AND term < ? LIMIT ?)`).pluck().get(token, `${token}\u{10FFFF}`, cap + 1)
      : this.sql(`SELECT json_group_array(doc) FROM (SELECT doc FROM ${VOCAB} WHERE term = ? LIMIT ?)`).pluck().get(token, cap + 1);
    const docs = JSON.parse(json as string) as number[];
    return docs.length > cap ? null : docs;
  }

  /**
   * Token counts of rows `ids` (ascending), in their order, or null when one is not in the index.
   * Read from segment_lengths (migration 0110, a 1 KiB row holds 1,024 counts), and from the
   * docsize table for rows written there as unknown or long.
   */
  tokenCounts(ids: Float64Array): Uint16Array | null {
    const out = new Uint16Array(ids.length);
    if (ids.length === 0) return out;
    const blocks: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const b = Math.floor(ids[i]! / LENGTH_BLOCK);
      if (b !== blocks.at(-1)) blocks.push(b);
    }
    // A block row costs ~3 µs, a docsize row ~0.6 µs: few rows spread thin read docsize alone.
    if (ids.length < 5 * blocks.length) return this.docsizeCounts(ids, out);
    const lens = new Map(
      this.sql(`SELECT block, lens FROM segment_lengths WHERE block IN (SELECT value FROM json_each(?))`)
        .raw(true)
        .all(JSON.stringify(blocks)) as Array<[number, Uint8Array]>,
    );
    const missing = new Map<number, number>();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const n = lens.get(Math.floor(id / LENGTH_BLOCK))?.[id % LENGTH_BLOCK] ?? 0;
      // 0: not written (or no tokens, which never matches); 0xff: 128 tokens or more.
      if (n === 0 || n === 0xff) missing.set(id, i);
      else out[i] = n;
    }
    return this.fromDocsize(missing, out);
  }

  /** Token counts of `ids` from the docsize table, one JSON array back (a one-byte varint is its own value). */
  private docsizeCounts(ids: Float64Array, out: Uint16Array): Uint16Array | null {
    const sizes = JSON.parse(
      this.sql(
        `SELECT json_group_array(CASE WHEN length(d.sz) = 1 THEN unicode(CAST(d.sz AS TEXT)) END ORDER BY j.key)
           FROM json_each(?) j LEFT JOIN segments_fts_docsize d ON d.id = j.value`,
      )
        .pluck()
        .get(JSON.stringify(Array.from(ids))) as string,
    ) as Array<number | null>;
    const missing = new Map<number, number>();
    ids.forEach((id, i) => {
      const n = sizes[i];
      if (typeof n === 'number' && n > 0) out[i] = n;
      else missing.set(id, i);
    });
    return this.fromDocsize(missing, out);
  }

  /** Fills in the counts of `missing` (id → index in out) from their docsize blobs; null when a row has none. */
  private fromDocsize(missing: Map<number, number>, out: Uint16Array): Uint16Array | null {
    if (missing.size > 0) {
      const docs = this.sql(`SELECT id, sz FROM segments_fts_docsize WHERE id IN (SELECT value FROM json_each(?))`)
        .raw(true)
        .all(JSON.stringify([...missing.keys()])) as Array<[number, Uint8Array]>;
      for (const [id, sz] of docs) {
        const n = sz instanceof Uint8Array ? sumVarints(sz) : null;
        if (n !== null) {
          out[missing.get(id)!] = Math.min(n, 0xffff);
          missing.delete(id);
        }
      }
    }
    return missing.size === 0 ? out : null;
  }

  /**
   * Transcripts of the calls call-level `filters` keep, newest call first (as search orders them:
   * start time, then id, both descending; calls without a start last), rows `offset`… of them
   * (`limit` -1: all); the order is calls_started's own, so no sort runs.
   */
  newestRanges(filters: readonly SearchFilter[], allVersions: boolean, offset: number, limit: number): Array<TranscriptRange & { transcriptId: number }> {
    const w = andParts([...(allVersions ? [] : [{ sql: 't.active = 1', params: [] }]), ...filterParts(filters, 's.speaker')]);
    const json = this.sql(
      `SELECT json_group_array(json_array(id, tid, lo, hi)) FROM (
         SELECT c.id AS id, t.id AS tid, t.seg_lo AS lo, t.seg_hi AS hi
           FROM calls c INDEXED BY calls_started CROSS JOIN transcripts t ${allVersions ? '' : 'INDEXED BY transcripts_active_ranges'}
          WHERE t.call_id = c.id AND ${w.sql} ORDER BY c.started_at DESC, c.id DESC LIMIT ? OFFSET ?)`,
    )
      .pluck()
      .get(...w.params, limit, offset) as string;
    const rows = JSON.parse(json) as Array<[number, number, number | null, number | null]>;
    return rows.map(([callId, transcriptId, lo, hi]) => ({ callId, transcriptId, lo: lo ?? 0, hi: hi ?? -1 }));
  }

  /** Calls in the library. */
  callCount(): number {
    return this.sql('SELECT count(*) FROM calls').pluck().get() as number;
  }

  /** The segment id ranges of the transcripts of `callIds` (active versions unless `allVersions`). */
  rangesOfCalls(callIds: readonly number[], allVersions: boolean): TranscriptRange[] {
    const rows = this.sql(
      `SELECT t.call_id, t.seg_lo, t.seg_hi FROM transcripts t WHERE t.call_id IN (SELECT value FROM json_each(?)) AND (? OR t.active = 1) AND t.seg_lo IS NOT NULL`,
    )
      .raw(true)
      .all(JSON.stringify(callIds), allVersions ? 1 : 0) as Array<[number, number, number]>;
    return rows.map(([callId, lo, hi]) => ({ callId, lo, hi }));
  }
}
