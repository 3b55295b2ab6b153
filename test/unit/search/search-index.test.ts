/**
 * The search indexes on a real SQLite library: kept in step by triggers on every write (checked
 * with FTS5 integrity-check against the content tables), rebuilt on demand, filled by migration
 * 0070 for data written before it; saved searches and the search channels through dispatch.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../electron/core/handlers.js';
import { migrate } from '../../../electron/core/db/migrate.js';
import { migrations } from '../../../electron/core/db/migrations/index.js';
import { contract } from '../../../shared/ipc/contract.js';
import { makeTempDir } from '../../helpers/recorder-folder.js';
import { find, llmPayload, NOW, searchLib, type SearchLib } from './search-fixture.js';

let lib: SearchLib;
beforeEach(async () => {
  lib = await searchLib();
});
afterEach(() => lib.close());

const count = (table: string) => (lib.core.repos.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('search indexes', () => {
  it('follow every write: segments added, edited and deleted; analyses added, re-run, changed and deleted', () => {
    const { repos } = lib.core;
    const db = repos.db;
    repos.search.checkIndexes();
    const t = repos.transcripts.active(lib.ids.F7)!;
    const { id: runId } = repos.analyses.add(lib.ids.F7, t.id, 'llm', 'gpt-test', llmPayload({ summary: 'Contact details were updated: phone and e-mail.', label: 'neutral' }), NOW);
    expect(find(lib, 'e-mail')).toEqual([['F7', 'summary', 'Contact details were updated: phone and e-mail.']]);
    repos.search.checkIndexes();

    // Editing a segment's text moves it in both segment indexes.
    db.prepare(`UPDATE segments SET text = ? WHERE id = ?`).run('Card ending 9876, please.', t.segments[2]!.id);
    expect(find(lib, '*1111*')).toEqual([]);
    expect(find(lib, '*987*')).toEqual([['F7', 'segment', 'Card ending 9876, please.']]);
    expect(find(lib, 'ending')).toEqual([['F7', 'segment', 'Card ending 9876, please.']]);
    repos.search.checkIndexes();

    // Changing a stored payload re-derives its lines.
    db.prepare(`UPDATE analyses SET payload = ? WHERE id = ?`).run(JSON.stringify(llmPayload({ summary: 'Only the card changed.', label: 'neutral' })), runId);
    expect(find(lib, 'e-mail')).toEqual([]);
    expect(find(lib, 'only card')).toEqual([['F7', 'summary', 'Only the card changed.']]);
    repos.search.checkIndexes();

    // A payload that is not JSON, or of another shape, adds nothing and breaks nothing.
    expect(() => repos.analyses.add(lib.ids.F7, t.id, 'llm', 'x', 'not json', NOW)).not.toThrow();
    db.prepare(`INSERT INTO analyses (call_id, transcript_id, kind, run, payload, created_at) VALUES (?, ?, 'llm', 99, '{"summary": 5, "actionItems": "x", "questions": [1, {"text": 2}]}', ?)`).run(lib.ids.F7, t.id, NOW);
    db.prepare(`INSERT INTO analyses (call_id, transcript_id, kind, run, payload, created_at) VALUES (?, ?, 'llm', 98, 'broken', ?)`).run(lib.ids.F7, t.id, NOW);
    repos.search.checkIndexes();

    // Deleting the version deletes its segments and (by cascade) its analyses, from every index.
    const before = count('analysis_text');
    expect(before).toBeGreaterThan(0);
    repos.transcripts.removeBySource(lib.ids.F7, 'recorder');
    expect(count('analysis_text')).toBe(0);
    expect(find(lib, 'only card')).toEqual([]);
    expect(find(lib, '*987*')).toEqual([]);
    expect(find(lib, 'phone')).toEqual([]);
    repos.search.checkIndexes();
  });

  it('rebuild remakes an index that lost its entries (search:rebuild)', async () => {
    const handlers = createHandlers(lib.core, { mode: 'cli', version: 'test' });
    const db = lib.core.repos.db;
    lib.core.repos.analyses.add(lib.ids.A1, lib.core.repos.transcripts.active(lib.ids.A1)!.id, 'llm', 'm', llmPayload({ summary: 'A refund is refused.', label: 'negative' }), NOW);
    db.exec(`INSERT INTO segments_trigram(segments_trigram) VALUES ('delete-all'); INSERT INTO analysis_fts(analysis_fts) VALUES ('delete-all'); DELETE FROM segment_lengths;`);
    expect(find(lib, '*213*')).toEqual([]);
    expect(find(lib, 'refused')).toEqual([]);
    const res = await dispatch(handlers, 'search:rebuild', {});
    expect(res.ok).toBe(true);
    const report = contract['search:rebuild'].output.parse((res as { value: unknown }).value);
    expect(report.indexes.map((i) => i.name)).toEqual(['segments_fts', 'segments_trigram', 'analysis_fts', 'segment_lengths']);
    expect(db.prepare('SELECT count(*) FROM segment_lengths').pluck().get()).toBeGreaterThan(0);
    expect(find(lib, '*213*')).toEqual([['A1', 'segment', 'Refund order 48213 please, it went to Zürich.']]);
    expect(find(lib, 'refused')).toEqual([['A1', 'summary', 'A refund is refused.']]);
    lib.core.repos.search.checkIndexes();
  });

  it('search:query, search:count and saved searches through dispatch, validated both ways', async () => {
    const handlers = createHandlers(lib.core, { mode: 'cli', version: 'test' });
    const q = await dispatch(handlers, 'search:query', { query: 'refund', order: 'newest', limit: 2 });
    const page = contract['search:query'].output.parse((q as { value: unknown }).value);
    expect(page.groups.flatMap((g) => g.hits).length).toBe(2);
    expect(page.hasMore).toBe(true);
    expect(await dispatch(handlers, 'search:count', { query: 'refund' })).toEqual({ ok: true, value: { hits: 3, exact: true, cap: 10_000 } });
    expect(await dispatch(handlers, 'search:query', { query: 'refund', order: 'oldest' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch(handlers, 'search:query', { query: 'x'.repeat(2001) })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch(handlers, 'search:query', { query: '"', sql: 'DROP TABLE calls' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    const list = async () => ((await dispatch(handlers, 'search:saved:list', {})) as { value: Array<{ name: string; query: string }> }).value;
    expect(await list()).toEqual([]);
    const saved = await dispatch(handlers, 'search:saved:save', { name: 'Refunds', query: 'refund -order', options: { order: 'newest' } });
    expect(saved).toMatchObject({ ok: true, value: { name: 'Refunds', query: 'refund -order', options: { order: 'newest' }, createdAt: NOW } });
    await dispatch(handlers, 'search:saved:save', { name: 'angry callers', query: 'sentiment:negative speaker:caller' });
    await dispatch(handlers, 'search:saved:save', { name: 'Refunds', query: 'refund' });
    expect((await list()).map((s) => [s.name, s.query])).toEqual([
      ['angry callers', 'sentiment:negative speaker:caller'],
      ['Refunds', 'refund'],
    ]);
    const id = (saved as { value: { id: number } }).value.id;
    expect(await dispatch(handlers, 'search:saved:delete', { id })).toEqual({ ok: true, value: { deleted: true } });
    expect(await dispatch(handlers, 'search:saved:delete', { id })).toEqual({ ok: true, value: { deleted: false } });
    expect(await dispatch(handlers, 'search:saved:save', { name: '  ', query: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch(handlers, 'search:saved:save', { name: 'a\u0007b', query: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((await list()).map((s) => s.name)).toEqual(['angry callers']);
  });
});

describe('migration 0070', () => {
  it('indexes transcripts and analyses written before it', () => {
    const dir = makeTempDir('cr-search-migrate-');
    const db = new Database(path.join(dir, 'old.db'));
    try {
      migrate(db, migrations.filter((m) => m.version <= 60));
      db.exec(`INSERT INTO calls (id, source, external_id, import_key, started_at, created_at, updated_at) VALUES (1, 'folder', 'old', 'old', '2025-01-01T00:00:00.000Z', 'n', 'n');
        INSERT INTO transcripts (id, call_id, source, created_at, active, version) VALUES (1, 1, 'recorder', 'n', 1, 1);
        INSERT INTO segments (transcript_id, seq, speaker, start_sec, end_sec, text) VALUES (1, 0, 'caller', 0, 1, 'Invoice 55021 for Åsa Lindqvist.');`);
      db.prepare(`INSERT INTO analyses (call_id, transcript_id, kind, run, payload, created_at) VALUES (1, 1, 'llm', 1, ?, 'n')`).run(
        JSON.stringify(llmPayload({ summary: 'An invoice question.', label: 'neutral', questions: [{ text: 'Was invoice 55021 paid?', askedBy: 'caller', segmentId: 1, at: 0, answered: true, answerSegmentId: null }] })),
      );
      migrate(db, migrations);
      const rows = (sql: string, ...p: unknown[]) => db.prepare(sql).all(...p);
      expect(rows(`SELECT kind, speaker, segment_id AS segmentId, text FROM analysis_text ORDER BY id`)).toEqual([
        { kind: 'summary', speaker: null, segmentId: null, text: 'An invoice question.' },
        { kind: 'question', speaker: 'caller', segmentId: 1, text: 'Was invoice 55021 paid?' },
      ]);
      expect(rows(`SELECT rowid FROM analysis_fts WHERE analysis_fts MATCH '"paid"'`)).toHaveLength(1);
      expect(rows(`SELECT rowid FROM segments_trigram WHERE segments_trigram MATCH '"5021"'`)).toEqual([{ rowid: 1 }]);
      expect(rows(`SELECT rowid FROM segments_trigram WHERE segments_trigram MATCH '"asa lind"'`)).toEqual([{ rowid: 1 }]);
      for (const t of ['segments_trigram', 'analysis_fts']) db.exec(`INSERT INTO ${t}(${t}, rank) VALUES ('integrity-check', 1)`);
    } finally {
      db.close();
    }
  });
});
