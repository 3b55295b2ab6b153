/**
 * Batch export of 50 real calls (copies of the fixture sessions under other names) into one folder:
 * index.csv, names safe on every OS, no overwrite without asking, cancel midway with a consistent
 * index, a failing call recorded while the rest go on, and the `export` activity in each call's group.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { callTimeline } from '../../../electron/core/review/timeline.js';
import type { ExportProgress, ExportResult } from '../../../shared/export.js';
import { AppError } from '../../../shared/ipc/envelope.js';
import { copySession, FIXTURE_SESSIONS, makeTempDir } from '../../helpers/recorder-folder.js';

const FORMATS = ['txt', 'json', 'csv', 'vtt', 'pdf'] as const;
const OPTIONS = { redact: false, allVersions: false, txt: { speakers: true, timestamps: true } };
let tmp: string;
let core: Core;
let ids: number[];

beforeAll(async () => {
  tmp = makeTempDir('cr-export-batch-');
  const recordings = path.join(tmp, 'call_recordings');
  fs.mkdirSync(recordings);
  for (let i = 0; i < 50; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    copySession(FIXTURE_SESSIONS[i % 3]!, recordings, `batch-${String(i).padStart(2, '0')}_202605${day}_1${String(i).padStart(5, '0')}`);
  }
  core = createCore(path.join(tmp, 'data'), { clock: () => new Date('2026-06-01T08:00:00.000Z'), metrics: { auto: false } });
  await core.library.addFolder(recordings, false);
  ids = core.repos.calls.list('startedAt', 'asc', 1000, 0).items.map((c) => c.id);
}, 60_000);
afterAll(() => {
  core?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** index.csv as records. */
function readIndex(dir: string): Record<string, string>[] {
  return parseCsv(fs.readFileSync(path.join(dir, 'index.csv')), { bom: true, columns: true }) as Record<string, string>[];
}

describe('batch export', () => {
  let dir: string;
  let result: ExportResult;
  const progress: ExportProgress[] = [];

  beforeAll(async () => {
    dir = path.join(tmp, 'out');
    const off = core.bus.onAny((event, p) => {
      if (event === 'export:progress') progress.push(p as ExportProgress);
    });
    result = await core.exports.run({ callIds: ids, formats: [...FORMATS], options: OPTIONS, target: { dir }, overwrite: false, index: true });
    off();
  }, 120_000);

  it('writes one file per call per format and an index.csv row per call', () => {
    expect(ids).toHaveLength(50);
    expect(result.canceled).toBe(false);
    expect(result.calls.every((c) => c.status === 'ok')).toBe(true);
    const names = fs.readdirSync(dir).sort();
    expect(names).toHaveLength(50 * FORMATS.length + 1);
    expect(result.files.map((f) => f.name).sort()).toEqual(names);
    const index = readIndex(dir);
    expect(index).toHaveLength(50);
    for (const [i, row] of index.entries()) {
      const call = core.repos.calls.row(ids[i]!)!;
      expect(row).toMatchObject({ call_id: String(call.id), external_id: call.external_id, started_at: call.started_at, status: 'ok', error: '' });
      const files = row.files!.split('; ');
      expect(files.map((f) => path.extname(f)).sort()).toEqual(['.csv', '.json', '.pdf', '.txt', '.vtt']);
      for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeGreaterThan(0);
    }
  });

  it('names files <started>_<externalId>.<ext> with only safe characters, all different', () => {
    const names = fs.readdirSync(dir);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]$/);
    // The start comes from the recording (a copy of sess-a1b2c3 keeps its start), the rest from the folder name.
    expect(names).toContain('2026-03-02_091504_batch-00_20260501_100000.pdf');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('reports progress per call, then finished', () => {
    expect(progress.map((p) => p.done)).toEqual([...Array(50).keys(), 50]);
    expect(progress.at(-1)).toMatchObject({ finished: true, canceled: false, total: 50 });
    expect(new Set(progress.map((p) => p.exportId))).toEqual(new Set([result.exportId]));
  });

  it('logs an export activity in each call group, shown as Exported on the timeline', () => {
    const entries = callTimeline(core.repos, ids[0]!).flatMap((g) => g.children).filter((c) => c.type === 'export');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ label: 'Exported', origin: 'app', payload: { formats: [...FORMATS], redacted: false, path: 'out', files: 5, exportId: result.exportId } });
    expect(entries[0]!.summary).toBe('txt, json, csv, vtt, pdf → out');
  });

  it('refuses to replace existing files without overwrite, and replaces them with it', async () => {
    // The first call's text file (copies share a start time, so the list order among them is the database's).
    const first = result.files.find((f) => f.callId === ids[0] && f.format === 'txt')!;
    const victim = path.join(dir, first.name);
    fs.writeFileSync(victim, 'reviewer notes');
    const err = await core.exports.run({ callIds: ids.slice(0, 2), formats: ['txt'], options: OPTIONS, target: { dir }, overwrite: false, index: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('conflict');
    expect((err as AppError).message).toMatch(/^3 files of this export exist already in .*: .*\.txt, .*\.txt, index\.csv\. Export again with overwrite/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('reviewer notes');
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.part'))).toEqual([]);
    const again = await core.exports.run({ callIds: ids.slice(0, 2), formats: ['txt'], options: OPTIONS, target: { dir }, overwrite: true, index: true });
    expect(again.calls.map((c) => c.status)).toEqual(['ok', 'ok']);
    expect(fs.readFileSync(victim, 'utf8').startsWith(`Call: ${core.repos.calls.row(ids[0]!)!.external_id}\n`)).toBe(true);
    expect(readIndex(dir)).toHaveLength(2);
  });

  it('cancels midway and leaves an index listing every call and exactly the files written', async () => {
    const cdir = path.join(tmp, 'canceled');
    const off = core.bus.onAny((event, p) => {
      if (event === 'export:progress' && 'exportId' in p && p.done === 10) core.exports.cancel(p.exportId);
    });
    const res = await core.exports.run({ callIds: ids, formats: [...FORMATS], options: OPTIONS, target: { dir: cdir }, overwrite: false, index: true });
    off();
    expect(res.canceled).toBe(true);
    const index = readIndex(cdir);
    expect(index.map((r) => r.call_id)).toEqual(ids.map(String));
    const ok = index.filter((r) => r.status === 'ok');
    expect(ok).toHaveLength(10);
    expect(index.slice(10).every((r) => r.status === 'canceled')).toBe(true);
    const listed = index.flatMap((r) => (r.files === '' ? [] : r.files!.split('; ')));
    expect([...listed, 'index.csv'].sort()).toEqual(fs.readdirSync(cdir).sort());
  });

  it('records a call that fails and goes on with the rest', async () => {
    const broken = ids[1]!;
    const stereo = core.repos.audio.forCall(broken).find((a) => a.variant === 'stereo')!;
    fs.rmSync(stereo.path);
    const fdir = path.join(tmp, 'failing');
    const res = await core.exports.run({ callIds: ids.slice(0, 3), formats: ['txt', 'wav'], options: OPTIONS, target: { dir: fdir }, overwrite: false, index: true });
    expect(res.calls.map((c) => c.status)).toEqual(['ok', 'partial', 'ok']);
    expect(res.calls[1]!.error).toMatch(/^wav: /);
    const index = readIndex(fdir);
    expect(index[1]).toMatchObject({ status: 'partial', files: `${path.basename(res.calls[1]!.files[0]!)}` });
    expect(index[1]!.error).toMatch(/^wav: /);
    expect(fs.readdirSync(fdir).filter((n) => n.endsWith('.wav'))).toHaveLength(6);
  });
});
