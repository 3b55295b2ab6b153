import type { ImportIssue } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** Problems found by imports, kept per scope (a session folder or file) and replaced on rescan. */
export class IssuesRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Replaces the issues of one scope. */
  replace(scope: string, sourceId: number | null, callId: number | null, messages: string[], now: string): void {
    this.sql(`DELETE FROM import_issues WHERE scope = ?`).run(scope);
    const ins = this.sql(`INSERT INTO import_issues (source_id, call_id, scope, path, message, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
    for (const m of messages) ins.run(sourceId, callId, scope, scope, m, now);
  }

  /** Deletes a source's issues whose scope was not seen by the latest full scan (fixed or gone). */
  pruneSource(sourceId: number, seen: ReadonlySet<string>): void {
    const scopes = this.sql(`SELECT DISTINCT scope FROM import_issues WHERE source_id = ?`).pluck().all(sourceId) as string[];
    const del = this.sql(`DELETE FROM import_issues WHERE source_id = ? AND scope = ?`);
    for (const s of scopes) if (!seen.has(s)) del.run(sourceId, s);
  }

  /** Issues of one source, or of all, newest first. */
  list(sourceId?: number): ImportIssue[] {
    const rows = (
      sourceId === undefined
        ? this.sql(`SELECT path, message, created_at AS at FROM import_issues ORDER BY id DESC LIMIT 5000`).all()
        : this.sql(`SELECT path, message, created_at AS at FROM import_issues WHERE source_id = ? ORDER BY id DESC LIMIT 5000`).all(sourceId)
    ) as ImportIssue[];
    return rows;
  }
}
