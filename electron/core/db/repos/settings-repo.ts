import type { z } from 'zod';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** Settings as JSON values, each read back through a zod schema (a bad row falls back to the default). */
export class SettingsRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Reads a setting; a missing or invalid value gives the schema's parse of `fallback`. */
  get<S extends z.ZodType>(key: string, schema: S, fallback: z.input<S>): z.output<S> {
    const raw = this.sql(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined;
    if (raw !== undefined) {
      try {
        const parsed = schema.safeParse(JSON.parse(raw));
        if (parsed.success) return parsed.data;
      } catch {
        // fall through to the default: a corrupt row must not stop the app
      }
    }
    return schema.parse(fallback);
  }

  /** Writes a setting. */
  set(key: string, value: unknown): void {
    this.sql(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key, JSON.stringify(value));
  }
}
