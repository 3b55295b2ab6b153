import { tagKey, uniqueTags, type TagCount } from '../../../../shared/tags.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** What a set() changed, tags as typed. */
export interface TagChange {
  added: string[];
  removed: string[];
  tags: string[];
}

/** Reviewer tags on calls (call_tags); tags are already validated, case folds with lower() as in SQL. */
export class TagsRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** A call's tags in the order they were added. */
  forCall(callId: number): string[] {
    return this.sql(`SELECT tag FROM call_tags WHERE call_id = ? ORDER BY created_at, rowid`).pluck().all(callId) as string[];
  }

  /**
   * Makes a call's tags exactly `tags` (case-insensitive duplicates dropped). A tag kept under a
   * different case takes the new spelling but keeps its place and created_at.
   */
  set(callId: number, tags: readonly string[], now: string): TagChange {
    const wanted = uniqueTags(tags);
    return this.db.transaction((): TagChange => {
      const before = this.forCall(callId);
      const wantedKeys = new Map(wanted.map((t) => [tagKey(t), t]));
      const beforeKeys = new Set(before.map(tagKey));
      const removed = before.filter((t) => !wantedKeys.has(tagKey(t)));
      for (const t of removed) this.sql(`DELETE FROM call_tags WHERE call_id = ? AND tag = ?`).run(callId, t);
      for (const t of before) {
        const next = wantedKeys.get(tagKey(t));
        if (next !== undefined && next !== t) this.sql(`UPDATE call_tags SET tag = ? WHERE call_id = ? AND tag = ?`).run(next, callId, t);
      }
      const added = wanted.filter((t) => !beforeKeys.has(tagKey(t)));
      for (const t of added) this.sql(`INSERT INTO call_tags (call_id, tag, created_at) VALUES (?, ?, ?)`).run(callId, t, now);
      return { added, removed, tags: this.forCall(callId) };
    })();
  }

  /** Every tag in use with how many calls carry it, by name; one spelling per case-folded tag (the oldest). */
  all(): TagCount[] {
    return this.sql(
      `SELECT (SELECT g.tag FROM call_tags g WHERE lower(g.tag) = k.key ORDER BY g.created_at, g.rowid LIMIT 1) AS tag, k.calls
       FROM (SELECT lower(tag) AS key, count(*) AS calls FROM call_tags GROUP BY lower(tag)) k ORDER BY k.key`,
    ).all() as TagCount[];
  }
}
