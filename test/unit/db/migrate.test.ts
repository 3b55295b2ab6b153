import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, type Migration } from '../../../electron/core/db/migrate.js';
import { migrations } from '../../../electron/core/db/migrations/index.js';
import { openDatabase } from '../../../electron/core/db/open.js';

const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'cr-db-')), 'lib.db');

describe('openDatabase', () => {
  it('opens with WAL, foreign keys and a busy timeout, at the newest schema', () => {
    const db = openDatabase(tmpFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`).pluck().all();
    for (const t of ['activities', 'audio_files', 'call_parties', 'calls', 'contacts', 'import_issues', 'jobs', 'segments', 'segments_fts', 'settings', 'sources', 'transcripts']) {
      expect(tables).toContain(t);
    }
    db.close();
  });

  it('is idempotent: reopening runs nothing and keeps data', () => {
    const file = tmpFile();
    const a = openDatabase(file);
    a.prepare(`INSERT INTO settings (key, value) VALUES ('k', '"v"')`).run();
    a.close();
    const b = openDatabase(file);
    expect(b.prepare(`SELECT value FROM settings WHERE key = 'k'`).pluck().get()).toBe('"v"');
    b.close();
  });

  it('refuses a database from the future and leaves it untouched', () => {
    const file = tmpFile();
    const raw = new Database(file);
    raw.pragma('user_version = 990');
    raw.exec('CREATE TABLE keep (x)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer CallReview \(schema 990/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(990);
    expect(again.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'calls'`).pluck().get()).toBe(0);
    again.close();
  });
});

describe('migrate', () => {
  const ok = (version: number, sql: string): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) });

  it('rolls back a failed step as a whole and stops', () => {
    const db = new Database(':memory:');
    const steps = [ok(10, 'CREATE TABLE a (x)'), ok(20, 'CREATE TABLE b (x); INSERT INTO nope VALUES (1)')];
    expect(() => migrate(db, steps)).toThrow(MigrationError);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'b'`).pluck().get()).toBe(0);
  });

  it('refuses migrations that are not numbered upwards in steps of 10', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [ok(10, 'SELECT 1'), ok(10, 'SELECT 1')])).toThrow(/steps of 10/);
    expect(() => migrate(db, [ok(15, 'SELECT 1')])).toThrow(/steps of 10/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
  });

  it('applies only the steps above the current version', () => {
    const db = new Database(':memory:');
    migrate(db, [ok(10, 'CREATE TABLE a (x)')]);
    expect(migrate(db, [ok(10, 'CREATE TABLE a (x)'), ok(20, 'CREATE TABLE b (x)')])).toBe(20);
  });
});

describe('schema', () => {
  it('keeps the FTS index in step with segments and folds diacritics', () => {
    const db = openDatabase(tmpFile());
    const now = new Date().toISOString();
    const call = db.prepare(`INSERT INTO calls (source, external_id, import_key, created_at, updated_at) VALUES ('folder', 'x', 'k', ?, ?)`).run(now, now).lastInsertRowid;
    const tr = db.prepare(`INSERT INTO transcripts (call_id, source, created_at, active) VALUES (?, 'recorder', ?, 1)`).run(call, now).lastInsertRowid;
    const seg = db.prepare(`INSERT INTO segments (transcript_id, seq, speaker, start_sec, end_sec, text) VALUES (?, 0, 'caller', 0, 1, 'Shipped to Zürich')`).run(tr).lastInsertRowid;
    const match = (q: string) => db.prepare(`SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?`).pluck().all(q);
    expect(match('zurich')).toEqual([seg]);
    db.prepare(`UPDATE segments SET text = 'Shipped to Bern' WHERE id = ?`).run(seg);
    expect(match('zurich')).toEqual([]);
    expect(match('bern')).toEqual([seg]);
    db.prepare(`DELETE FROM calls WHERE id = ?`).run(call);
    expect(match('bern')).toEqual([]);
    // FTS5's integrity-check throws when the index and the content table disagree.
    expect(() => db.prepare(`INSERT INTO segments_fts(segments_fts) VALUES ('integrity-check')`).run()).not.toThrow();
  });

  it('allows one active transcript per call and detaches child activities when a parent goes', () => {
    const db = openDatabase(tmpFile());
    const now = new Date().toISOString();
    const call = db.prepare(`INSERT INTO calls (source, external_id, import_key, created_at, updated_at) VALUES ('folder', 'x', 'k', ?, ?)`).run(now, now).lastInsertRowid;
    db.prepare(`INSERT INTO transcripts (call_id, source, created_at, active) VALUES (?, 'a', ?, 1)`).run(call, now);
    expect(() => db.prepare(`INSERT INTO transcripts (call_id, source, created_at, active) VALUES (?, 'b', ?, 1)`).run(call, now)).toThrow(/UNIQUE/);
    const parent = db.prepare(`INSERT INTO activities (call_id, type, created_at) VALUES (?, 'call', ?)`).run(call, now).lastInsertRowid;
    const child = db.prepare(`INSERT INTO activities (call_id, type, parent_activity_id, group_id, created_at) VALUES (?, 'function_call', ?, 'g', ?)`).run(call, parent, now).lastInsertRowid;
    db.prepare(`DELETE FROM activities WHERE id = ?`).run(parent);
    expect(db.prepare(`SELECT parent_activity_id FROM activities WHERE id = ?`).pluck().get(child)).toBeNull();
  });
});
