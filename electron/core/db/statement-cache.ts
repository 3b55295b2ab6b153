import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

/** A prepare() that compiles each SQL text once per database; re-preparing cost ~45% of import time. */
export type Prepare = (sql: string) => Statement;

/** Builds a caching prepare for one database handle. */
export function cachedPrepare(db: Db): Prepare {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    } else if (stmt.reader) {
      // pluck() changes the shared statement; one caller's pluck must not leak into the next.
      stmt.pluck(false);
    }
    return stmt;
  };
}
