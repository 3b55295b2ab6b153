import type { Migration } from '../migrate.js';

/**
 * The review workflow: comments on a moment or region of a call (every text kept, deletion soft),
 * QA rubrics whose every edit is a new version, and scores that point at the version they used so
 * an old score keeps its rubric.
 */
export const m0080Review: Migration = {
  version: 80,
  name: 'review',
  up(db) {
    db.exec(`
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  start_sec REAL NOT NULL,
  -- NULL: a comment at one moment; otherwise the region start_sec..end_sec.
  end_sec REAL,
  text TEXT NOT NULL,
  author TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
-- A call's comments in time order (the list, the waveform markers, exports).
CREATE INDEX comments_call ON comments(call_id, start_sec);

-- Every text a comment has had, the first included, so edits can be shown as history.
CREATE TABLE comment_edits (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX comment_edits_comment ON comment_edits(comment_id, id);

CREATE TABLE rubrics (
  id INTEGER PRIMARY KEY,
  -- The newest version's name, for lists.
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE rubric_versions (
  id INTEGER PRIMARY KEY,
  rubric_id INTEGER NOT NULL REFERENCES rubrics(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (rubric_id, version)
);

CREATE TABLE scores (
  id INTEGER PRIMARY KEY,
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  -- RESTRICT: a version that scores use can never go away under them.
  rubric_version_id INTEGER NOT NULL REFERENCES rubric_versions(id) ON DELETE RESTRICT,
  state TEXT NOT NULL CHECK (state IN ('draft', 'complete')),
  answers TEXT NOT NULL DEFAULT '[]',
  percent REAL,
  section_percents TEXT NOT NULL DEFAULT '{}',
  auto_failed INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX scores_call ON scores(call_id);
-- The scored-calls list filters by rubric version and state, and the dashboard averages complete scores per version.
CREATE INDEX scores_version_state ON scores(rubric_version_id, state);
-- Percent ranges and the date filter (completed, or last saved for drafts).
CREATE INDEX scores_state_percent ON scores(state, percent);
CREATE INDEX scores_when ON scores(coalesce(completed_at, updated_at));
`);
  },
};
