import type { Migration } from '../migrate.js';

/** Word timings of a segment, when the run asked for them: JSON `[[start, end, word], …]` in call time. */
export const m0050SegmentWords: Migration = {
  version: 50,
  name: 'segment-words',
  up(db) {
    db.exec(`ALTER TABLE segments ADD COLUMN words TEXT;`);
  },
};
