import type { Migration } from '../migrate.js';

/**
 * Twilio sync: a call can have several recordings, so an audio file is keyed by
 * (call, variant, external id) — '' for folder files — and each Recording SID gets a row
 * that says how far its download got.
 */
export const m0020TwilioRecordings: Migration = {
  version: 20,
  name: 'twilio-recordings',
  up(db) {
    db.exec(`
CREATE TABLE audio_files_new (
  id INTEGER PRIMARY KEY,
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  variant TEXT NOT NULL CHECK (variant IN ('stereo', 'caller', 'agent', 'mono')),
  path TEXT NOT NULL,
  external_id TEXT NOT NULL DEFAULT '',
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  sha256 TEXT,
  format TEXT,
  sample_rate INTEGER,
  channels INTEGER,
  bits_per_sample INTEGER,
  duration_sec REAL,
  missing INTEGER NOT NULL DEFAULT 0,
  UNIQUE (call_id, variant, external_id)
);
INSERT INTO audio_files_new (id, call_id, variant, path, external_id, size, mtime_ms, sha256, format, sample_rate, channels, bits_per_sample, duration_sec, missing)
  SELECT id, call_id, variant, path, coalesce(external_id, ''), size, mtime_ms, sha256, format, sample_rate, channels, bits_per_sample, duration_sec, missing FROM audio_files;
DROP TABLE audio_files;
ALTER TABLE audio_files_new RENAME TO audio_files;
CREATE INDEX audio_files_path ON audio_files(path);
CREATE INDEX audio_files_external ON audio_files(external_id) WHERE external_id <> '';

CREATE TABLE twilio_recordings (
  sid TEXT PRIMARY KEY,
  source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
  call_id INTEGER REFERENCES calls(id) ON DELETE SET NULL,
  call_sid TEXT,
  api_status TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'downloaded', 'missing', 'failed', 'unavailable')),
  channels INTEGER,
  duration_sec REAL,
  date_created TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  deleted_remote INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
CREATE INDEX twilio_recordings_call ON twilio_recordings(call_sid);
CREATE INDEX twilio_recordings_state ON twilio_recordings(source_id, state);
`);
  },
};
