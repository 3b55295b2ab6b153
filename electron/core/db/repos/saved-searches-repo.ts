import { SavedSearch, type SaveSearchInput } from '../../../../shared/search.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

interface SavedRow {
  id: number;
  name: string;
  query: string;
  options: string;
  created_at: string;
  updated_at: string;
}

function toSaved(r: SavedRow): SavedSearch {
  let options: unknown = {};
  try {
    options = JSON.parse(r.options);
  } catch {
    // A damaged options cell reads as no options rather than hiding the search.
  }
  const parsed = SavedSearch.shape.options.safeParse(options);
  return { id: r.id, name: r.name, query: r.query, options: parsed.success ? parsed.data : {}, createdAt: r.created_at, updatedAt: r.updated_at };
}

/** Searches a reviewer keeps in the sidebar, by unique name. */
export class SavedSearchesRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Every saved search, by name. */
  list(): SavedSearch[] {
    return (this.sql(`SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE, id`).all() as SavedRow[]).map(toSaved);
  }

  /** Adds a search, or replaces the query and options of the one with that name. */
  save(s: SaveSearchInput, now: string): SavedSearch {
    this.sql(
      `INSERT INTO saved_searches (name, query, options, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET query = excluded.query, options = excluded.options, updated_at = excluded.updated_at`,
    ).run(s.name, s.query, JSON.stringify(s.options), now, now);
    return toSaved(this.sql(`SELECT * FROM saved_searches WHERE name = ?`).get(s.name) as SavedRow);
  }

  /** Deletes one; false when there was none with that id. */
  delete(id: number): boolean {
    return this.sql(`DELETE FROM saved_searches WHERE id = ?`).run(id).changes > 0;
  }
}
