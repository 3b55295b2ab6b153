/**
 * The metrics job end to end on a real SQLite library: imported recorder folders get metrics
 * without any network, a new transcript version gets its own, re-runs keep history, unreadable
 * audio falls back to the transcript, and `callreview show --json` carries the metrics.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { metricsOf } from '../../../electron/core/analysis/metrics-service.js';
import { METRICS_JOB } from '../../../electron/core/analysis/metrics-job.js';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { runShow } from '../../../electron/cli/commands.js';
import { CallMetrics, type LatencyItem } from '../../../shared/analysis.js';
import { CallDetail } from '../../../shared/types.js';
import { copySession, makeTempDir } from '../../helpers/recorder-folder.js';
import { transcriptionRig, type TranscriptionRig } from '../../helpers/transcription.js';
import { buildWav } from '../../helpers/wav-builder.js';

const A1 = 'sess-a1b2c3_20260302_091504' as const;
const Q4 = 'sess-q4m8z2_20260421_160351' as const;
const QUICK = { pollMs: 20, baseDelayMs: 10, maxDelayMs: 50, leaseMs: 5000 };

let tmp: string | null = null;
let core: Core | null = null;
let rig: TranscriptionRig | null = null;
afterEach(async () => {
  core?.close();
  core = null;
  await rig?.close();
  rig = null;
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  tmp = null;
});

/** A library (no OpenAI key: nothing here may reach a network) with the given sessions imported. */
async function library(sessions: (typeof A1 | typeof Q4)[], extra: Record<string, Buffer> = {}, auto = true): Promise<{ core: Core; rec: string; dataDir: string }> {
  tmp = makeTempDir('cr-metrics-job-');
  const rec = path.join(tmp, 'rec');
  for (const s of sessions) copySession(s, rec);
  for (const [name, bytes] of Object.entries(extra)) fs.writeFileSync(path.join(rec, name), bytes);
  const dataDir = path.join(tmp, 'data');
  core = createCore(dataDir, { env: {}, jobs: QUICK, metrics: { auto } });
  await core.library.addFolder(rec, false);
  return { core, rec, dataDir };
}

const metricsJobs = (c: Core) => c.jobs.list().filter((j) => j.type === METRICS_JOB);
const current = (c: Core, callId: number) => metricsOf(c.repos.analyses.current(callId, 'metrics'))!;
const near = (actual: number | null | undefined, expected: number, tol = 0.1) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tol);
};

/** A loose stereo file at 8 kHz: caller tones 0.5–2.0 and 4.2–5.0, agent 2.4–4.0, 8 s long. */
function looseStereo(): Buffer {
  const on = (t: number, ch: number) => (ch === 0 ? (t >= 0.5 && t < 2) || (t >= 4.2 && t < 5) : t >= 2.4 && t < 4);
  return buildWav({ channels: 2, sampleRate: 8000, frames: 8 * 8000, samples: (i, ch) => (on(i / 8000, ch) ? 0.2 * Math.sin((2 * Math.PI * 300 * i) / 8000) : 0) });
}

describe('metrics job', () => {
  it('an import queues metrics for every call and computes them locally: both sides from audio, words from the transcript', async () => {
    const { core: c } = await library([A1, Q4], { 'loose.wav': looseStereo() });
    expect(metricsJobs(c).map((j) => j.state)).toEqual(['queued', 'queued', 'queued']);
    const summary = await c.jobs.runUntilIdle();
    expect(summary).toMatchObject({ failed: 0 });
    expect(metricsJobs(c).every((j) => j.state === 'succeeded')).toBe(true);

    // A1: stereo + transcript. Caller 0.300–4.045 and 7.371–8.798, bot 4.795–7.791 (the recorder's times).
    const a1 = c.repos.calls.idByRef(A1)!;
    const rec = c.repos.analyses.current(a1, 'metrics')!;
    expect(rec).toMatchObject({ transcriptId: c.repos.transcripts.active(a1)!.id, kind: 'metrics', model: null, run: 1 });
    const m = CallMetrics.parse(rec.payload);
    expect(m.basis).toBe('both');
    expect(m.audio).toMatchObject({ layout: 'stereo', channels: [{ speaker: 'caller', bursts: 2 }, { speaker: 'bot', bursts: 1 }] });
    near(m.speakers.caller?.talkSec, 3.745 + 1.427, 0.2);
    near(m.speakers.bot?.talkSec, 2.996, 0.2);
    expect(m.speakers.caller).toMatchObject({ words: 13, turns: 2 });
    expect(m.speakers.bot).toMatchObject({ words: 10, turns: 1 });
    // The caller cuts in on the bot for about 0.42 s.
    expect(m.overlaps.items).toHaveLength(1);
    expect(m.overlaps.items[0]).toMatchObject({ by: 'caller', over: 'bot', contained: false });
    near(m.overlaps.items[0]!.start, 7.371);
    near(m.overlaps.items[0]!.durationSec, 0.42);
    expect(m.interruptions).toEqual({ count: 1, by: { caller: 1 } });
    expect(m.latency.items.map((i: LatencyItem) => [i.from, i.to])).toEqual([
      ['caller', 'bot'],
      ['bot', 'caller'],
    ]);
    near(m.latency.medianSec, 0.75);
    near(m.durationSec, 9.098, 0.001);
    expect(m.functionCalls).toEqual({
      count: 2,
      firstOffsetSec: 4.225,
      lastOffsetSec: 4.465,
      names: [
        { name: 'issue_refund', count: 1 },
        { name: 'lookup_order', count: 1 },
      ],
      timings: [
        { name: 'lookup_order', offsetSec: 4.225 },
        { name: 'issue_refund', offsetSec: 4.465 },
      ],
    });

    // Q4: a caller file and a bot file. Hand-overs after 0.600 and 0.450 s by the transcript.
    const q4 = current(c, c.repos.calls.idByRef(Q4)!);
    expect(q4).toMatchObject({ basis: 'both', audio: { layout: 'pair' }, turns: 4, overlaps: { count: 0 } });
    expect(q4.latency.count).toBe(2);
    near(q4.latency.medianSec, 0.525);
    near(q4.latency.worstSec, 0.6);

    // The loose stereo file: no transcript, so audio only, exact to the 20 ms frame.
    const loose = c.repos.calls.idByRef('loose.wav')!;
    expect(c.repos.analyses.current(loose, 'metrics')).toMatchObject({ transcriptId: null, run: 1 });
    expect(current(c, loose)).toMatchObject({
      basis: 'audio',
      durationSec: 8,
      speakers: {
        caller: { talkSec: 2.3, talkRatio: 0.5897, callRatio: 0.2875, turns: 2, words: null, wpm: null },
        agent: { talkSec: 1.6, talkRatio: 0.4103, callRatio: 0.2, turns: 1, words: null, wpm: null },
      },
      silence: { totalSec: 4.1, ratio: 0.5125, gaps: [{ start: 5, end: 8 }] },
      overlaps: { count: 0 },
      turns: 3,
      latency: {
        count: 1,
        medianSec: 0.4,
        worstSec: 0.4,
        items: [
          { at: 2, latencySec: 0.4, from: 'caller', to: 'agent' },
          { at: 4, latencySec: 0.2, from: 'agent', to: 'caller' },
        ],
      },
      monologue: { speaker: 'agent', start: 2.4, end: 4, durationSec: 1.6 },
      functionCalls: { count: 0 },
    });

    // Nothing is left to do: another library change queues nothing.
    expect(c.metrics.queueMissing()).toBe(0);
  });

  it('a new transcript version gets metrics of its own after its transcription; a re-run adds run 2 and keeps the history', async () => {
    rig = await transcriptionRig({ core: { metrics: { auto: true } } });
    const { [A1]: call } = await rig.importSessions(A1);
    await rig.core.jobs.runUntilIdle();
    const v1 = rig.core.repos.transcripts.active(call!)!.id;
    expect(rig.core.repos.analyses.list(call!, 'metrics').map((r) => [r.transcriptId, r.run])).toEqual([[v1, 1]]);

    rig.core.transcription.request([call!], { language: 'en' }, 'manual');
    await rig.core.jobs.runUntilIdle();
    const v2 = rig.core.repos.transcripts.active(call!)!.id;
    expect(v2).not.toBe(v1);
    expect(rig.core.repos.analyses.list(call!, 'metrics').map((r) => [r.transcriptId, r.run])).toEqual([
      [v2, 1],
      [v1, 1],
    ]);
    const m2 = current(rig.core, call!);
    expect(m2.basis).toBe('both');
    expect(m2.speakers.caller?.words).toBeGreaterThan(0);

    rig.core.metrics.queueRun(call!);
    await rig.core.jobs.runUntilIdle();
    expect(rig.core.repos.analyses.list(call!, 'metrics').map((r) => [r.transcriptId, r.run])).toEqual([
      [v2, 2],
      [v2, 1],
      [v1, 1],
    ]);
    // Same inputs, same numbers.
    expect(current(rig.core, call!)).toEqual(m2);
    expect(rig.core.repos.analyses.current(call!, 'metrics')).toMatchObject({ transcriptId: v2, run: 2 });
  });

  it('unreadable audio: with a transcript the timing comes from it, with a note; without one the job fails once and is not queued again', async () => {
    const { core: c, rec } = await library([A1], { 'loose.wav': looseStereo() }, false);
    fs.writeFileSync(path.join(rec, A1, 'final_stereo_recording.wav'), Buffer.alloc(4000, 7));
    fs.writeFileSync(path.join(rec, 'loose.wav'), Buffer.alloc(4000, 7));
    expect(c.metrics.queueMissing()).toBe(2);
    expect(await c.jobs.runUntilIdle()).toMatchObject({ succeeded: 1, failed: 1 });

    const m = current(c, c.repos.calls.idByRef(A1)!);
    expect(m.basis).toBe('transcript');
    expect(m.audio).toBeNull();
    expect(m.notes).toHaveLength(1);
    expect(m.notes[0]).toMatch(/^The audio could not be read \(.+\); the timing comes from the transcript\.$/);
    // The transcript's own times: the caller cut in on the bot from 7.371 to 7.791.
    expect(m.overlaps.items).toEqual([{ start: 7.371, end: 7.791, durationSec: 0.42, by: 'caller', over: 'bot', contained: false }]);
    expect(m.latency).toMatchObject({ count: 1, medianSec: 0.75, worstSec: 0.75 });

    const failed = metricsJobs(c).find((j) => j.state === 'failed')!;
    expect(failed).toMatchObject({ errorCode: 'bad-audio', callId: c.repos.calls.idByRef('loose.wav') });
    expect(failed.errorMessage).toMatch(/^The call's audio could not be read/);
    expect(c.metrics.queueMissing()).toBe(0);
  });

  it('a job whose version was replaced by a re-import before it ran ends without writing anything', async () => {
    const { core: c } = await library([A1], {}, false);
    const call = c.repos.calls.idByRef(A1)!;
    const old = c.repos.transcripts.active(call)!.id;
    c.metrics.queueRun(call);
    c.repos.transcripts.removeBySource(call, 'recorder');
    expect(await c.jobs.runUntilIdle()).toMatchObject({ succeeded: 1, failed: 0 });
    expect(metricsJobs(c)[0]).toMatchObject({ state: 'succeeded', result: { skipped: 'no-transcript' } });
    expect(c.repos.analyses.list(call)).toEqual([]);
    expect(old).toBeGreaterThan(0);
  });

  it('show --json includes the metrics of the active version (computed on the spot when missing) and keeps every other field', async () => {
    const { core: c, dataDir } = await library([A1], {}, false);
    const call = c.repos.calls.idByRef(A1)!;
    const active = c.repos.transcripts.active(call)!.id;
    c.close();
    core = null;
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      lines.push(String(s));
      return true;
    });
    try {
      expect(await runShow({ dataDir, json: true, watch: false }, A1)).toBe(0);
      expect(await runShow({ dataDir, json: true, watch: false }, String(call))).toBe(0);
      expect(await runShow({ dataDir, json: false, watch: false }, A1)).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const text = lines.splice(2);
    expect(text.filter((l) => l.startsWith('metrics '))).toEqual([expect.stringMatching(/^metrics \(both\): talk caller \d+% \/ bot \d+%, silence .+, 1 overlaps, 3 turns, latency 0\.\d\d s median, 0\.\d\d s worst\n$/)]);
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(CallDetail.parse(first)).toMatchObject({ id: call, externalId: A1, transcript: { id: active } });
    const metrics = CallMetrics.parse(first!.metrics);
    expect(metrics).toMatchObject({ basis: 'both', functionCalls: { count: 2 } });
    expect(second!.metrics).toEqual(first!.metrics);
    // Stored once, then read back.
    core = createCore(dataDir, { env: {}, metrics: { auto: false } });
    expect(core.repos.analyses.list(call, 'metrics').map((r) => [r.transcriptId, r.run])).toEqual([[active, 1]]);
  });
});
