import type { Migration } from '../migrate.js';

/**
 * Stored analyses of a call: local metrics and the LLM review, one row per run so re-runs keep
 * their history. A row follows its transcript version (and its call) when that is deleted.
 */
export const m0060Analyses: Migration = {
  version: 60,
  name: 'analyses',
  up(db) {
    db.exec(`
CREATE TABLE analyses (
  id INTEGER PRIMARY KEY,
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  -- NULL: audio-only metrics of a call without a transcript.
  transcript_id INTEGER REFERENCES transcripts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('metrics', 'llm')),
  model TEXT,
  -- 1, 2, … per (call, kind, transcript version).
  run INTEGER NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX analyses_call_kind ON analyses(call_id, kind, transcript_id);
-- Run numbers are unique per (call, kind, version); coalesce so audio-only rows (NULL) count too.
CREATE UNIQUE INDEX analyses_run ON analyses(call_id, kind, coalesce(transcript_id, 0), run);
-- Deleting a transcript version looks its analyses up by transcript.
CREATE INDEX analyses_transcript ON analyses(transcript_id);
`);
  },
};
