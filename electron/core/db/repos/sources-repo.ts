import type { Source } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

interface SourceRow {
  id: number;
  kind: 'folder' | 'twilio';
  path: string | null;
  label: string;
  watch: number;
  last_scan_at: string | null;
  call_count: number;
  issue_count: number;
}

const SELECT = `
SELECT s.id, s.kind, s.path, s.label, s.watch, s.last_scan_at,
  (SELECT count(*) FROM calls c WHERE c.source_id = s.id) AS call_count,
  (SELECT count(*) FROM import_issues i WHERE i.source_id = s.id) AS issue_count
FROM sources s`;

function toSource(r: SourceRow): Source {
  return { id: r.id, kind: r.kind, path: r.path, label: r.label, watch: r.watch === 1, lastScanAt: r.last_scan_at, callCount: r.call_count, issueCount: r.issue_count };
}

/** Reads and writes configured sources. */
export class SourcesRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** All sources, folders first, by label. */
  list(): Source[] {
    return (this.sql(`${SELECT} ORDER BY s.kind, s.label`).all() as SourceRow[]).map(toSource);
  }

  /** One source or null. */
  get(id: number): Source | null {
    const row = this.sql(`${SELECT} WHERE s.id = ?`).get(id) as SourceRow | undefined;
    return row ? toSource(row) : null;
  }

  /** The folder source for an absolute path, created if new. */
  ensureFolder(path: string, label: string, watch: boolean, now: string): Source {
    this.sql(`INSERT INTO sources (kind, path, label, watch, created_at) VALUES ('folder', ?, ?, ?, ?) ON CONFLICT (kind, path) DO NOTHING`)
      .run(path, label, watch ? 1 : 0, now);
    const row = this.sql(`SELECT id FROM sources WHERE kind = 'folder' AND path = ?`).get(path) as { id: number };
    return this.get(row.id)!;
  }

  /** The Twilio source for an account, created if new. */
  ensureTwilio(accountSid: string, label: string, now: string): Source {
    this.sql(`INSERT INTO sources (kind, account_sid, label, watch, created_at) VALUES ('twilio', ?, ?, 0, ?) ON CONFLICT (kind, account_sid) DO NOTHING`).run(
      accountSid,
      label,
      now,
    );
    const row = this.sql(`SELECT id FROM sources WHERE kind = 'twilio' AND account_sid = ?`).get(accountSid) as { id: number };
    return this.get(row.id)!;
  }

  /** The Twilio source of an account, or null. */
  findTwilio(accountSid: string): Source | null {
    const id = this.sql(`SELECT id FROM sources WHERE kind = 'twilio' AND account_sid = ?`).pluck().get(accountSid) as number | undefined;
    return id === undefined ? null : this.get(id);
  }

  /** A source's sync cursor (ISO date) or null. */
  cursor(id: number): string | null {
    return (this.sql(`SELECT cursor FROM sources WHERE id = ?`).pluck().get(id) as string | null | undefined) ?? null;
  }

  /** Saves a source's sync cursor. */
  setCursor(id: number, cursor: string | null): void {
    this.sql(`UPDATE sources SET cursor = ? WHERE id = ?`).run(cursor, id);
  }

  /** Records when a source was last scanned. */
  markScanned(id: number, now: string): void {
    this.sql(`UPDATE sources SET last_scan_at = ? WHERE id = ?`).run(now, id);
  }

  /** Deletes a source; its calls are detached (or deleted when asked). */
  remove(id: number, deleteCalls: boolean): boolean {
    return this.db.transaction(() => {
      if (deleteCalls) this.sql(`DELETE FROM calls WHERE source_id = ?`).run(id);
      return this.sql(`DELETE FROM sources WHERE id = ?`).run(id).changes > 0;
    })();
  }
}
