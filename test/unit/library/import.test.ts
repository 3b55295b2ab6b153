// Folder import against the committed recorder fixtures: what one import creates, how rescans
// treat unchanged, changed and vanished files, and the folder watcher picking up a new session.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { getCallDetail } from '../../../electron/core/handlers.js';
import { FolderWatcher } from '../../../electron/core/library/folder-watcher.js';
import type { CallSummary } from '../../../shared/types.js';
import { FIXTURE_RECORDINGS, FIXTURE_SESSIONS, copySession, makeTempDir, waitFor, type FixtureSession } from '../../helpers/recorder-folder.js';

interface TranscriptJson {
  session_id: string;
  start_time: string;
  entries: { timestamp: string; channel: 'caller' | 'bot'; text: string; duration_ms: number }[];
}
interface MetadataJson {
  function_calls: { timestamp: string; function_name: string; call_id: string }[];
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** The length of a canonical 44-byte-header WAV, read straight from its header fields. */
function wavSeconds(file: string): number {
  const head = Buffer.alloc(44);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 44, 0);
  } finally {
    fs.closeSync(fd);
  }
  expect(head.toString('latin1', 36, 40)).toBe('data');
  return head.readUInt32LE(40) / head.readUInt32LE(28); // data bytes / byte rate
}

/** The duration every session's WAVs share (all its WAVs are the same length). */
function fixtureSeconds(session: FixtureSession): number {
  const wavs = fs.readdirSync(path.join(FIXTURE_RECORDINGS, session)).filter((f) => f.endsWith('.wav'));
  expect(wavs.length).toBeGreaterThan(0);
  const lengths = wavs.map((f) => wavSeconds(path.join(FIXTURE_RECORDINGS, session, f)));
  for (const l of lengths) expect(l).toBeCloseTo(lengths[0]!, 3);
  return lengths[0]!;
}

describe('importing the fixture recordings', () => {
  let tmp: string;
  let root: string;
  let core: Core;

  const byExternalId = (): Map<string, CallSummary> => new Map(core.repos.calls.list('startedAt', 'asc', 100, 0).items.map((c) => [c.externalId, c]));
  const callOf = (session: FixtureSession): CallSummary => {
    const c = byExternalId().get(session);
    if (!c) throw new Error(`no call for ${session}`);
    return c;
  };
  const ftsRowids = (query: string): number[] =>
    core.repos.db.prepare(`SELECT rowid FROM segments_fts WHERE segments_fts MATCH ? ORDER BY rowid`).pluck().all(query) as number[];

  beforeAll(() => {
    tmp = makeTempDir('cr-import-');
    root = path.join(tmp, 'call_recordings');
    fs.mkdirSync(root);
    for (const s of FIXTURE_SESSIONS) copySession(s, root);
    core = createCore(path.join(tmp, 'data'));
  });
  afterAll(() => {
    core?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates one call per session with channels, duration and transcript', async () => {
    const { source, report } = await core.library.addFolder(root, false);
    expect(report).toMatchObject({ scanned: 3, added: 3, updated: 0, unchanged: 0, failed: 0, warnings: [] });
    expect(source).toMatchObject({ kind: 'folder', path: root, callCount: 3, issueCount: 0 });
    const calls = byExternalId();
    expect([...calls.keys()].sort()).toEqual([...FIXTURE_SESSIONS].sort());
    for (const s of FIXTURE_SESSIONS) {
      const c = calls.get(s)!;
      expect(c).toMatchObject({ source: 'folder', sourceId: source.id, channels: 2, hasAudio: true, audioMissing: false, hasTranscript: true, warnings: [] });
      expect(Math.abs(c.durationSec! - fixtureSeconds(s)), `duration of ${s}`).toBeLessThanOrEqual(0.01);
    }
    // The README's lengths, as a check on the header arithmetic above.
    expect(calls.get('sess-a1b2c3_20260302_091504')!.durationSec).toBeCloseTo(9.1, 1);
    expect(calls.get('sess-7f3k9d_20260311_144237')!.durationSec).toBeCloseTo(11.83, 1);
    expect(calls.get('sess-q4m8z2_20260421_160351')!.durationSec).toBeCloseTo(8.17, 1);
  });

  it('takes speakers and segment times from transcript.json, relative to its start_time', () => {
    for (const s of FIXTURE_SESSIONS) {
      const tr = readJson<TranscriptJson>(path.join(root, s, 'transcript.json'));
      const start = Date.parse(tr.start_time);
      const detail = getCallDetail(core, callOf(s).id);
      expect(detail.startedAt).toBe(new Date(start).toISOString());
      const segs = detail.transcript!.segments;
      expect(segs.map((x) => [x.speaker, x.text])).toEqual(tr.entries.map((e) => [e.channel, e.text]));
      tr.entries.forEach((e, i) => {
        const offset = (Date.parse(e.timestamp) - start) / 1000;
        expect(segs[i]!.start, `${s} segment ${i} start`).toBeCloseTo(offset, 3);
        expect(segs[i]!.end, `${s} segment ${i} end`).toBeCloseTo(offset + e.duration_ms / 1000, 3);
        expect(segs[i]!.channel).toBe(e.channel === 'caller' ? 0 : 1);
      });
    }
  });

  it('records function calls as activities under the call activity, grouped by session id', () => {
    let total = 0;
    for (const s of FIXTURE_SESSIONS) {
      const meta = readJson<MetadataJson>(path.join(root, s, 'call_metadata.json'));
      const start = Date.parse(readJson<TranscriptJson>(path.join(root, s, 'transcript.json')).start_time);
      const sessionId = s.split('_')[0]!;
      const acts = core.repos.activities.forCall(callOf(s).id);
      const parents = acts.filter((a) => a.type === 'call');
      expect(parents).toHaveLength(1);
      const parent = parents[0]!;
      expect(parent).toMatchObject({ parentId: null, groupId: sessionId });
      const fcs = acts.filter((a) => a.type === 'function_call');
      expect(fcs.map((a) => a.payload.name)).toEqual(meta.function_calls.map((f) => f.function_name));
      fcs.forEach((a, i) => {
        expect(a).toMatchObject({ parentId: parent.id, groupId: sessionId });
        expect(a.payload.callId).toBe(meta.function_calls[i]!.call_id);
        expect(a.offsetSec).toBeCloseTo((Date.parse(meta.function_calls[i]!.timestamp) - start) / 1000, 3);
      });
      for (const a of acts.filter((x) => x !== parent)) expect(a.parentId).toBe(parent.id);
      expect(callOf(s).functionCallCount).toBe(meta.function_calls.length);
      total += fcs.length;
    }
    expect(total).toBe(3);
  });

  it('a second import changes nothing', async () => {
    const { report } = await core.library.addFolder(root, false);
    expect(report).toMatchObject({ scanned: 3, added: 0, updated: 0, unchanged: 3, failed: 0 });
    expect(core.repos.calls.list('startedAt', 'asc', 100, 0).total).toBe(3);
  });

  it('a rewritten transcript replaces the recorder transcript and its search index', async () => {
    const session = 'sess-a1b2c3_20260302_091504';
    const file = path.join(root, session, 'transcript.json');
    const before = callOf(session);
    expect(before.segmentCount).toBe(3);
    expect(ftsRowids('offer')).toHaveLength(1);
    const segmentRows = () => (core.repos.db.prepare(`SELECT count(*) FROM segments`).pluck().get() as number);
    const rowsBefore = segmentRows();

    const tr = readJson<TranscriptJson>(file);
    tr.entries[1]!.text = 'Sorry, that order is outside the return window.';
    tr.entries.push({ timestamp: '2026-03-02T09:15:12.950Z', channel: 'bot', text: 'Connecting you now.', duration_ms: 200 });
    fs.writeFileSync(file, JSON.stringify(tr, null, 2));
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);

    const report = await core.library.rescan();
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 2, failed: 0 });
    const after = callOf(session);
    expect(after.id).toBe(before.id);
    expect(after.segmentCount).toBe(4);
    expect(segmentRows()).toBe(rowsBefore + 1);
    const detail = getCallDetail(core, after.id);
    expect(detail.transcriptVersions).toBe(1);
    const segs = detail.transcript!.segments;
    expect(segs.map((s) => s.text)).toEqual(tr.entries.map((e) => e.text));

    // FTS follows the new rows: diacritic-insensitive, and the old wording is gone.
    const zurich = ftsRowids('zurich');
    expect(zurich).toHaveLength(1);
    expect(segs.find((s) => s.id === zurich[0])?.text).toContain('Zürich');
    expect(ftsRowids('offer')).toEqual([]);
    expect(ftsRowids('window')).toEqual([segs[1]!.id]);
  });

  it('audio deleted after import is flagged missing on rescan; the transcript stays', async () => {
    const session = 'sess-q4m8z2_20260421_160351';
    const before = callOf(session);
    expect(before).toMatchObject({ hasAudio: true, audioMissing: false });
    for (const f of ['caller_audio.wav', 'bot_audio.wav']) fs.rmSync(path.join(root, session, f));

    const report = await core.library.rescan();
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
    const after = callOf(session);
    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({ audioMissing: true, hasAudio: false, hasTranscript: true, segmentCount: 4 });
    const audio = getCallDetail(core, after.id).audio;
    expect(audio.map((a) => [a.fileName, a.missing]).sort()).toEqual([
      ['bot_audio.wav', true],
      ['caller_audio.wav', true],
    ]);
    // The other sessions are untouched.
    expect(callOf('sess-7f3k9d_20260311_144237').audioMissing).toBe(false);
  });
});

describe('watching a folder', () => {
  let tmp: string;
  let core: Core;
  let watcher: FolderWatcher | undefined;

  beforeAll(() => {
    tmp = makeTempDir('cr-watch-');
    core = createCore(path.join(tmp, 'data'));
  });
  afterAll(async () => {
    await watcher?.close();
    core?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a session copied into a watched folder once it is quiet', async () => {
    const root = path.join(tmp, 'call_recordings');
    fs.mkdirSync(root);
    copySession('sess-a1b2c3_20260302_091504', root);
    const { source, report } = await core.library.addFolder(root, true);
    expect(source.watch).toBe(true);
    expect(report.added).toBe(1);

    const logs: string[] = [];
    watcher = new FolderWatcher(core.repos, core.library, core.bus, 200, (m) => logs.push(m));
    await watcher.refresh();
    // Files that appear during the watcher's initial scan raise no event, so wait for it first.
    await watcher.ready();
    copySession('sess-7f3k9d_20260311_144237', root);

    const found = () => core.repos.calls.list('startedAt', 'asc', 100, 0).items.find((c) => c.externalId === 'sess-7f3k9d_20260311_144237');
    const arrived = await waitFor(() => found()?.hasTranscript === true && found()?.hasAudio === true, 5000);
    expect(arrived, `the new session was not imported within 5 s (watcher log: ${JSON.stringify(logs)})`).toBe(true);
    expect(found()).toMatchObject({ channels: 2, segmentCount: 3, functionCallCount: 1, warnings: [] });
    expect(core.repos.calls.list('startedAt', 'asc', 100, 0).total).toBe(2);
    expect(logs).toEqual([]);
  });
});
