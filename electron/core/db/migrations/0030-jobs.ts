import type { Migration } from '../migrate.js';

/**
 * The durable job queue: who holds a job's lease, what the renderer shows while it runs
 * (note, ETA), what it produced, when its current attempt started, and a dedupe key that is
 * unique among active jobs, so a call can never have two transcriptions queued or running.
 */
export const m0030Jobs: Migration = {
  version: 30,
  name: 'jobs',
  up(db) {
    db.exec(`
ALTER TABLE jobs ADD COLUMN dedupe_key TEXT;
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN started_at TEXT;
ALTER TABLE jobs ADD COLUMN progress_note TEXT;
ALTER TABLE jobs ADD COLUMN eta_sec REAL;
ALTER TABLE jobs ADD COLUMN result TEXT;
CREATE UNIQUE INDEX jobs_active_dedupe ON jobs(dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('queued', 'running');
DROP INDEX jobs_claim;
-- Claiming reads the best due job: queued ones by priority then age, running ones by lease expiry.
CREATE INDEX jobs_claim ON jobs(state, priority DESC, id);
CREATE INDEX jobs_lease ON jobs(state, lease_until) WHERE state = 'running';
`);
  },
};
