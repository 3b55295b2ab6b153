import type Database from 'better-sqlite3';

/** One append-only schema step; versions go up in steps of 10. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Thrown when the database cannot be brought to this build's schema. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Brings the database to the newest version in one transaction per step; refuses a database from the future. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  checkOrder(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new MigrationError(
      `This library was written by a newer CallReview (schema ${current}; this version knows up to ${latest}). Update the app; the data was not touched.`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    const step = db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      step.immediate();
    } catch (err) {
      throw new MigrationError(`Migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
    }
  }
  return db.pragma('user_version', { simple: true }) as number;
}

function checkOrder(migrations: readonly Migration[]): void {
  let prev = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= prev || m.version % 10 !== 0) {
      throw new MigrationError(`Migrations must be numbered upwards in steps of 10; ${m.name} has ${m.version} after ${prev}`);
    }
    prev = m.version;
  }
}
