import type { Migration } from '../migrate.js';

/** The first schema: calls, audio, parties, transcripts + FTS, activities, jobs, sources, settings. */
export const m0010Initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('folder', 'twilio')),
  path TEXT,
  account_sid TEXT,
  label TEXT NOT NULL,
  watch INTEGER NOT NULL DEFAULT 1,
  cursor TEXT,
  last_scan_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (kind, path),
  UNIQUE (kind, account_sid)
);

CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('folder', 'twilio')),
  source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
  external_id TEXT NOT NULL,
  -- What makes an import idempotent: session folder name, loose file path, or Twilio Call SID.
  import_key TEXT NOT NULL UNIQUE,
  folder_path TEXT,
  started_at TEXT,
  ended_at TEXT,
  duration_sec REAL,
  direction TEXT,
  status TEXT,
  channels INTEGER,
  channel_roles TEXT NOT NULL DEFAULT '[]',
  fingerprint TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX calls_external ON calls(source, external_id);
CREATE INDEX calls_started ON calls(started_at);
CREATE INDEX calls_source ON calls(source_id);

CREATE TABLE audio_files (
  id INTEGER PRIMARY KEY,
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  variant TEXT NOT NULL CHECK (variant IN ('stereo', 'caller', 'agent', 'mono')),
  path TEXT NOT NULL,
  external_id TEXT,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  sha256 TEXT,
  format TEXT,
  sample_rate INTEGER,
  channels INTEGER,
  bits_per_sample INTEGER,
  duration_sec REAL,
  missing INTEGER NOT NULL DEFAULT 0,
  UNIQUE (call_id, variant)
);
CREATE INDEX audio_files_path ON audio_files(path);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  phone TEXT UNIQUE,
  name TEXT
);

CREATE TABLE call_parties (
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (call_id, role)
);
CREATE INDEX call_parties_contact ON call_parties(contact_id);

CREATE TABLE transcripts (
  id INTEGER PRIMARY KEY,
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  engine TEXT,
  model TEXT,
  params TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX transcripts_call ON transcripts(call_id);
CREATE UNIQUE INDEX transcripts_one_active ON transcripts(call_id) WHERE active = 1;

CREATE TABLE segments (
  id INTEGER PRIMARY KEY,
  transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  speaker TEXT NOT NULL,
  channel INTEGER,
  start_sec REAL NOT NULL,
  end_sec REAL NOT NULL,
  text TEXT NOT NULL,
  confidence REAL
);
CREATE INDEX segments_transcript ON segments(transcript_id, seq);

-- External-content FTS5: the text lives once, in segments; triggers keep the index in step.
CREATE VIRTUAL TABLE segments_fts USING fts5(
  text,
  content = 'segments',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN
  INSERT INTO segments_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER segments_ad AFTER DELETE ON segments BEGIN
  INSERT INTO segments_fts(segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER segments_au AFTER UPDATE OF text ON segments BEGIN
  INSERT INTO segments_fts(segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO segments_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  call_id INTEGER REFERENCES calls(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  at TEXT,
  offset_sec REAL,
  origin TEXT NOT NULL DEFAULT 'app',
  payload TEXT NOT NULL DEFAULT '{}',
  parent_activity_id INTEGER REFERENCES activities(id) ON DELETE SET NULL,
  group_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX activities_parent ON activities(parent_activity_id);
CREATE INDEX activities_group ON activities(group_id);
CREATE INDEX activities_call ON activities(call_id, at);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  call_id INTEGER REFERENCES calls(id) ON DELETE CASCADE,
  payload TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
  priority INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 5,
  lease_until TEXT,
  heartbeat_at TEXT,
  next_run_at TEXT,
  progress REAL,
  error_code TEXT,
  error_message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX jobs_claim ON jobs(state, next_run_at, priority);
CREATE INDEX jobs_call ON jobs(call_id);

CREATE TABLE import_issues (
  id INTEGER PRIMARY KEY,
  source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
  call_id INTEGER REFERENCES calls(id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  path TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX import_issues_scope ON import_issues(scope);
CREATE INDEX import_issues_call ON import_issues(call_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`);
  },
};
