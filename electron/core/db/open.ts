import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

/** The database handle every repo takes. */
export type Db = Database.Database;

/** Opens (creating if needed) the library database with the app's pragmas and runs migrations. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // WAL lets the UI read while an import writes; NORMAL sync is safe under WAL.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (default 2 MiB): search reads segments of a large library at random, and
    // re-reading pages from the OS cost it about half its time (test/bench/search.ts).
    db.pragma('cache_size = -65536');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
