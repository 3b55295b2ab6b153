import type { Migration } from '../migrate.js';

/** Reviewer tags on calls: stored as typed, one per call regardless of case. */
export const m0090CallTags: Migration = {
  version: 90,
  name: 'call-tags',
  up(db) {
    db.exec(`
CREATE TABLE call_tags (
  call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (call_id, tag)
);
-- "Billing" and "billing" are one tag of a call.
CREATE UNIQUE INDEX call_tags_call_lower ON call_tags(call_id, lower(tag));
-- The tag filter and the tag list compare lower(tag).
CREATE INDEX call_tags_tag ON call_tags(lower(tag));
`);
  },
};
