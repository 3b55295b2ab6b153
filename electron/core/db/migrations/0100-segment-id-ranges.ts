import type { Migration } from '../migrate.js';

/**
 * Each transcript's segment id range, kept by a trigger: search reads the ranges of hundreds of
 * transcripts at once (ranking inside a date range, newest-first walks), and min(id)/max(id) over
 * segments cost two index seeks a transcript. The range may be wider than the transcript's rows
 * (rows deleted since; readers join on transcript_id, so a superset is safe); never narrower.
 */
export const m0100SegmentIdRanges: Migration = {
  version: 100,
  name: 'segment-id-ranges',
  up(db) {
    db.exec(`
ALTER TABLE transcripts ADD COLUMN seg_lo INTEGER;
ALTER TABLE transcripts ADD COLUMN seg_hi INTEGER;
UPDATE transcripts SET
  seg_lo = (SELECT min(id) FROM segments WHERE transcript_id = transcripts.id),
  seg_hi = (SELECT max(id) FROM segments WHERE transcript_id = transcripts.id);
CREATE TRIGGER segments_range_ai AFTER INSERT ON segments BEGIN
  UPDATE transcripts SET seg_lo = min(coalesce(seg_lo, new.id), new.id), seg_hi = max(coalesce(seg_hi, new.id), new.id)
   WHERE id = new.transcript_id;
END;
CREATE TRIGGER segments_range_au AFTER UPDATE OF id, transcript_id ON segments BEGIN
  UPDATE transcripts SET seg_lo = min(coalesce(seg_lo, new.id), new.id), seg_hi = max(coalesce(seg_hi, new.id), new.id)
   WHERE id = new.transcript_id;
END;
-- Ranges of the active versions of a run of calls, read from the index alone.
CREATE INDEX transcripts_active_ranges ON transcripts(call_id, seg_lo, seg_hi) WHERE active = 1;
`);
  },
};
