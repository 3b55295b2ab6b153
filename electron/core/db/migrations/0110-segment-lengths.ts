import type { Migration } from '../migrate.js';
import type { Db } from '../open.js';

/** Segment ids per row of segment_lengths. */
export const LENGTH_BLOCK = 1024;

/**
 * Every segment's token count as one byte, 1,024 to a row: bm25 needs the token count of every row
 * it scores, and reading them from FTS5's docsize table costs a lookup per row (~0.6 µs; a common
 * prefix matches 30,000 rows), while a year's library is ~1,000 of these rows (1 MiB). The byte is
 * the docsize varint when it is one byte (under 128 tokens), 0xff for longer segments and 0x00 when
 * unknown; readers look those two up in docsize. segments_ai and segments_au are remade to write it
 * after the FTS row, so the count is FTS5's own.
 */
export const m0110SegmentLengths: Migration = {
  version: 110,
  name: 'segment-lengths',
  up(db) {
    const byte = `coalesce((SELECT CASE WHEN length(sz) = 1 THEN sz ELSE x'ff' END FROM segments_fts_docsize WHERE id = new.id), x'00')`;
    const write = `
  INSERT INTO segment_lengths(block, lens) VALUES (new.id >> 10, zeroblob(${LENGTH_BLOCK})) ON CONFLICT(block) DO NOTHING;
  UPDATE segment_lengths SET lens = CAST(substr(lens, 1, new.id & 1023) || ${byte} || substr(lens, (new.id & 1023) + 2) AS BLOB)
   WHERE block = new.id >> 10;`;
    db.exec(`
CREATE TABLE segment_lengths (
  block INTEGER PRIMARY KEY,
  lens BLOB NOT NULL
);
DROP TRIGGER segments_ai;
CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN
  INSERT INTO segments_fts(rowid, text) VALUES (new.id, new.text);${write}
END;
DROP TRIGGER segments_au;
CREATE TRIGGER segments_au AFTER UPDATE OF text ON segments BEGIN
  INSERT INTO segments_fts(segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO segments_fts(rowid, text) VALUES (new.id, new.text);${write}
END;
`);
    fillSegmentLengths(db);
  },
};

/** Writes segment_lengths afresh from segments_fts's docsize table (after a migration or an index rebuild). */
export function fillSegmentLengths(db: Db): void {
  db.exec('DELETE FROM segment_lengths');
  const insert = db.prepare('INSERT INTO segment_lengths(block, lens) VALUES (?, ?)');
  // A block at a time in chunks of 64: better-sqlite3 cannot write while a read is open.
  const read = db.prepare('SELECT id, sz FROM segments_fts_docsize WHERE id >= ? AND id < ? ORDER BY id').raw(true);
  const max = (db.prepare('SELECT max(id) FROM segments_fts_docsize').pluck().get() as number | null) ?? -1;
  const CHUNK = 64 * LENGTH_BLOCK;
  for (let from = 0; from <= max; from += CHUNK) {
    const blocks = new Map<number, Uint8Array>();
    for (const [id, sz] of read.all(from, from + CHUNK) as Array<[number, Uint8Array]>) {
      const b = Math.floor(id / LENGTH_BLOCK);
      let lens = blocks.get(b);
      if (!lens) blocks.set(b, (lens = new Uint8Array(LENGTH_BLOCK)));
      lens[id % LENGTH_BLOCK] = sz.length === 1 ? sz[0]! : 0xff;
    }
    for (const [b, lens] of blocks) insert.run(b, lens);
  }
}
