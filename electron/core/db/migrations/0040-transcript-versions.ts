import type { Migration } from '../migrate.js';

/** Numbers each call's transcript versions (1, 2, …) so a version keeps its number whatever is added later. */
export const m0040TranscriptVersions: Migration = {
  version: 40,
  name: 'transcript-versions',
  up(db) {
    db.exec(`
ALTER TABLE transcripts ADD COLUMN version INTEGER;
UPDATE transcripts SET version = (SELECT count(*) FROM transcripts t2 WHERE t2.call_id = transcripts.call_id AND t2.id <= transcripts.id);
CREATE UNIQUE INDEX transcripts_call_version ON transcripts(call_id, version);
`);
  },
};
