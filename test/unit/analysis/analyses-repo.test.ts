/** The analyses table and repo on a real SQLite library: run numbers, history, what stands for a call now, and what still lacks metrics. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { metricsDedupeKey } from '../../../electron/core/db/repos/analyses-repo.js';
import { copySession, makeTempDir } from '../../helpers/recorder-folder.js';
import { sineWav } from '../../helpers/wav-builder.js';

const A1 = 'sess-a1b2c3_20260302_091504' as const;
const Q4 = 'sess-q4m8z2_20260421_160351' as const;
const NOW = '2026-05-01T10:00:00.000Z';
const byCall = (x: unknown[], y: unknown[]) => (x[0] as number) - (y[0] as number);

let tmp: string;
let core: Core;
let ids: { a1: number; q4: number; loose: number };

beforeEach(async () => {
  tmp = makeTempDir('cr-analyses-');
  const rec = path.join(tmp, 'rec');
  copySession(A1, rec);
  copySession(Q4, rec);
  fs.writeFileSync(path.join(rec, 'loose.wav'), sineWav(2, { sampleRate: 8000 }));
  // No metrics jobs of its own: these tests drive the repo by hand.
  core = createCore(path.join(tmp, 'data'), { metrics: { auto: false } });
  await core.library.addFolder(rec, false);
  const id = (ref: string) => core.repos.calls.idByRef(ref)!;
  ids = { a1: id(A1), q4: id(Q4), loose: id('loose.wav') };
});
afterEach(() => {
  core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('analyses repo', () => {
  it('numbers runs per (call, kind, version), audio-only rows included, and lists history newest first', () => {
    const { analyses, transcripts } = core.repos;
    const t1 = transcripts.active(ids.a1)!.id;
    expect(analyses.add(ids.a1, t1, 'metrics', null, { n: 1 }, NOW)).toMatchObject({ run: 1 });
    expect(analyses.add(ids.a1, t1, 'metrics', null, { n: 2 }, NOW)).toMatchObject({ run: 2 });
    expect(analyses.add(ids.a1, t1, 'llm', 'gpt-x', { n: 3 }, NOW)).toMatchObject({ run: 1 });
    expect(analyses.add(ids.a1, null, 'metrics', null, { n: 4 }, NOW)).toMatchObject({ run: 1 });
    expect(analyses.add(ids.a1, null, 'metrics', null, { n: 5 }, NOW)).toMatchObject({ run: 2 });

    expect(analyses.list(ids.a1).map((r) => r.payload)).toEqual([{ n: 5 }, { n: 4 }, { n: 3 }, { n: 2 }, { n: 1 }]);
    expect(analyses.list(ids.a1, 'llm')).toEqual([
      { id: expect.any(Number), callId: ids.a1, transcriptId: t1, kind: 'llm', model: 'gpt-x', run: 1, createdAt: NOW, payload: { n: 3 } },
    ]);
    expect(analyses.latest(ids.a1, 'metrics', t1)?.payload).toEqual({ n: 2 });
    expect(analyses.latest(ids.a1, 'metrics', null)?.payload).toEqual({ n: 5 });
    expect(analyses.latest(ids.a1, 'metrics')?.payload).toEqual({ n: 5 });
    expect(analyses.latest(ids.q4, 'metrics')).toBeNull();
  });

  it("current: the active version's newest run, else the newest audio-only run; in bulk for the dashboard", () => {
    const { analyses, transcripts } = core.repos;
    const t1 = transcripts.active(ids.a1)!.id;
    analyses.add(ids.a1, null, 'metrics', null, { audio: true }, NOW);
    // Only audio-only metrics so far: they stand for the call.
    expect(analyses.current(ids.a1, 'metrics')?.payload).toEqual({ audio: true });
    analyses.add(ids.a1, t1, 'metrics', null, { v: 1 }, NOW);
    expect(analyses.current(ids.a1, 'metrics')?.payload).toEqual({ v: 1 });
    // A new active version without metrics: the audio-only run stands in, not version 1's.
    const t2 = transcripts.add(ids.a1, { source: 'openai', engine: 'openai', model: 'whisper-1', params: {}, activate: true }, [], NOW);
    expect(analyses.current(ids.a1, 'metrics')?.payload).toEqual({ audio: true });
    analyses.add(ids.a1, t2, 'metrics', null, { v: 2 }, NOW);
    analyses.add(ids.loose, null, 'metrics', null, { loose: true }, NOW);

    const many = analyses.currentFor([ids.a1, ids.q4, ids.loose], 'metrics');
    expect([...many.keys()].sort()).toEqual([ids.a1, ids.loose].sort());
    expect(many.get(ids.a1)).toMatchObject({ transcriptId: t2, payload: { v: 2 } });
    expect(analyses.currentAll('metrics').map((r) => [r.callId, r.payload])).toEqual(
      [
        [ids.a1, { v: 2 }],
        [ids.loose, { loose: true }],
      ].sort(byCall),
    );
    expect(analyses.currentFor([], 'metrics').size).toBe(0);
    expect(analyses.current(ids.a1, 'llm')).toBeNull();
  });

  it("a version's analyses go with it (re-import replaces the recorder's transcript); kind is checked", () => {
    const { analyses, transcripts, db } = core.repos;
    const t1 = transcripts.active(ids.a1)!.id;
    analyses.add(ids.a1, t1, 'metrics', null, {}, NOW);
    analyses.add(ids.a1, null, 'metrics', null, {}, NOW);
    transcripts.removeBySource(ids.a1, 'recorder');
    expect(analyses.list(ids.a1).map((r) => r.transcriptId)).toEqual([null]);
    expect(() => db.prepare(`INSERT INTO analyses (call_id, kind, run, payload, created_at) VALUES (?, 'other', 1, '{}', ?)`).run(ids.a1, NOW)).toThrow(/CHECK/);
    // Run numbers are unique per (call, kind, version), audio-only rows too.
    expect(() => db.prepare(`INSERT INTO analyses (call_id, kind, run, payload, created_at) VALUES (?, 'metrics', 1, '{}', ?)`).run(ids.a1, NOW)).toThrow(/UNIQUE/);
  });

  it('missingMetrics: active versions (or audio, without a transcript) with no metrics and no queued, running or failed job', () => {
    const { analyses, transcripts, jobs } = core.repos;
    const ta = transcripts.active(ids.a1)!.id;
    const tq = transcripts.active(ids.q4)!.id;
    expect(analyses.missingMetrics('metrics')).toEqual(
      [
        { callId: ids.a1, transcriptId: ta },
        { callId: ids.q4, transcriptId: tq },
        { callId: ids.loose, transcriptId: null },
      ].sort((x, y) => x.callId - y.callId),
    );
    analyses.add(ids.a1, ta, 'metrics', null, {}, NOW);
    // Audio-only metrics do not count for a call that has a transcript.
    analyses.add(ids.q4, null, 'metrics', null, {}, NOW);
    const job = jobs.insert({ type: 'metrics', callId: ids.loose, payload: '{}', priority: 0, maxAttempts: 1, dedupeKey: metricsDedupeKey(ids.loose, null) }, NOW);
    expect(analyses.missingMetrics('metrics')).toEqual([{ callId: ids.q4, transcriptId: tq }]);
    // A job of another type with the same key does not count.
    expect(analyses.missingMetrics('other')).toEqual(
      [
        { callId: ids.q4, transcriptId: tq },
        { callId: ids.loose, transcriptId: null },
      ].sort((x, y) => x.callId - y.callId),
    );
    core.repos.db.prepare(`UPDATE jobs SET state = 'succeeded' WHERE id = ?`).run(job);
    expect(analyses.missingMetrics('metrics')).toContainEqual({ callId: ids.loose, transcriptId: null });
    core.repos.db.prepare(`UPDATE jobs SET state = 'failed' WHERE id = ?`).run(job);
    expect(analyses.missingMetrics('metrics')).not.toContainEqual({ callId: ids.loose, transcriptId: null });
  });
});
