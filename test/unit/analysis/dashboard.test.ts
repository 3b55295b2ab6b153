/** The dashboard and the call list's filters on a real SQLite library: the fixture calls with crafted analyses, exact figures. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { createHandlers, dispatch } from '../../../electron/core/handlers.js';
import { CallMetrics, type LatencyItem } from '../../../shared/analysis.js';
import type { CallListFilters, DashboardResult } from '../../../shared/dashboard.js';
import { LlmAnalysis, type SentimentLabel } from '../../../shared/llm-analysis.js';
import type { Speaker } from '../../../shared/types.js';
import { copySession, FIXTURE_SESSIONS, makeTempDir } from '../../helpers/recorder-folder.js';

const [A1, F7, Q4] = FIXTURE_SESSIONS;
const NOW = '2026-05-01T10:00:00.000Z';

/** A valid LLM analysis with the given sentiment, key phrases and flags (flag name → present). */
function llm(score: number, label: SentimentLabel, phrases: string[], flags: Record<string, boolean>): LlmAnalysis {
  return LlmAnalysis.parse({
    format: 1,
    summary: 'A call.',
    sentiment: { overall: { label, score }, bySpeaker: [], overTime: [] },
    keyPhrases: phrases.map((text) => ({ text, segmentIds: [] })),
    actionItems: [],
    questions: [],
    qaFlags: Object.entries(flags).map(([flag, present]) => ({ flag, present, segmentIds: [], note: '' })),
    model: 'gpt-4.1-mini',
    windowSec: 60,
    parts: 1,
    usage: { requests: 1, promptTokens: 10, completionTokens: 10 },
  });
}

const side = (talkRatio: number) => ({ talkSec: talkRatio * 10, talkRatio, callRatio: talkRatio, turns: 1, words: null, wpm: null });
const hand = (from: Speaker, to: Speaker, latencySec: number): LatencyItem => ({ at: 1, latencySec, from, to });

/** Valid metrics with talk shares, a silence ratio and hand-overs. */
function metrics(speakers: Partial<Record<Speaker, number>>, silence: number, items: LatencyItem[]): CallMetrics {
  return CallMetrics.parse({
    version: 1,
    basis: 'transcript',
    durationSec: 10,
    speakers: Object.fromEntries(Object.entries(speakers).map(([s, r]) => [s, side(r)])),
    speechSec: 10 * (1 - silence),
    silence: { totalSec: 10 * silence, ratio: silence, gaps: [] },
    overlaps: { count: 0, totalSec: 0, items: [] },
    interruptions: { count: 0, by: {} },
    turns: items.length + 1,
    latency: { count: items.length, medianSec: null, worstSec: null, overlapped: 0, items },
    monologue: null,
    functionCalls: { count: 0, firstOffsetSec: null, lastOffsetSec: null, names: [], timings: [] },
    audio: null,
    notes: [],
  });
}

let tmp: string;
let core: Core;
let ids: { a1: number; f7: number; q4: number };
const call = (channel: string, input: unknown) => dispatch(createHandlers(core, { mode: 'cli', version: 'test' }), channel, input);

beforeEach(async () => {
  tmp = makeTempDir('cr-dashboard-');
  const rec = path.join(tmp, 'rec');
  for (const s of FIXTURE_SESSIONS) copySession(s, rec);
  core = createCore(path.join(tmp, 'data'), { metrics: { auto: false } });
  await core.library.addFolder(rec, false);
  const id = (ref: string) => core.repos.calls.idByRef(ref)!;
  ids = { a1: id(A1), f7: id(F7), q4: id(Q4) };
  const { analyses, transcripts } = core.repos;
  const t = (callId: number) => transcripts.active(callId)!.id;

  analyses.add(ids.a1, t(ids.a1), 'llm', 'gpt-4.1-mini', llm(-0.6, 'negative', ['refund', 'Order'], { 'escalation requested': true, 'recording disclosure given': false }), NOW);
  analyses.add(ids.a1, t(ids.a1), 'metrics', null, metrics({ caller: 0.6, bot: 0.4 }, 0.2, [hand('caller', 'bot', 0.4), hand('bot', 'caller', 0.3), hand('caller', 'bot', 1.2), hand('caller', 'bot', -0.2)]), NOW);
  // Two runs of 7f: only the newer one counts.
  analyses.add(ids.f7, t(ids.f7), 'llm', 'gpt-4.1-mini', llm(0.9, 'positive', ['stale'], { 'escalation requested': true }), NOW);
  analyses.add(ids.f7, t(ids.f7), 'llm', 'gpt-4.1-mini', llm(0.2, 'neutral', ['order', 'address'], { 'Escalation requested': false, 'recording disclosure given': true }), NOW);
  analyses.add(ids.f7, t(ids.f7), 'metrics', null, metrics({ caller: 0.9, bot: 0.1 }, 0.1, [hand('caller', 'bot', 2.5)]), NOW);
  // q4's LLM run belongs to a version that is no longer active; its audio-only metrics still stand.
  analyses.add(ids.q4, t(ids.q4), 'llm', 'gpt-4.1-mini', llm(1, 'positive', ['booking'], { 'escalation requested': true }), NOW);
  transcripts.add(ids.q4, { source: 'openai', engine: 'openai', model: 'whisper-1', params: {}, activate: true }, [], NOW);
  analyses.add(ids.q4, null, 'metrics', null, metrics({ caller: 0.5, agent: 0.5 }, 0.3, [hand('caller', 'agent', 6), hand('caller', 'agent', 0.7)]), NOW);
});

afterEach(() => {
  core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('dashboard', () => {
  it('aggregates the current analyses of every call: per day, sentiment, talk, latency, phrases, flags', async () => {
    const env = await call('analysis:dashboard', {});
    expect(env.ok).toBe(true);
    const d = (env as { value: DashboardResult }).value;
    const durations = core.repos.calls.list('startedAt', 'asc', 10, 0).items.reduce((n, c) => n + (c.durationSec ?? 0), 0);
    expect(d.totals).toEqual({ calls: 3, analysed: 2, withMetrics: 3, durationSec: Math.round(durations * 1000) / 1000 });
    expect(d.callsPerDay).toEqual([
      { day: '2026-03-02', count: 1 },
      { day: '2026-03-11', count: 1 },
      { day: '2026-04-21', count: 1 },
    ]);
    expect(d.sentiment).toEqual({
      average: -0.2,
      byDay: [
        { day: '2026-03-02', average: -0.6, calls: 1 },
        { day: '2026-03-11', average: 0.2, calls: 1 },
      ],
      buckets: [
        { label: 'negative', calls: 1 },
        { label: 'neutral', calls: 1 },
        { label: 'positive', calls: 0 },
      ],
    });
    expect(d.talkRatio).toEqual({ calls: 3, caller: 0.6667, agent: 0.3333, silence: 0.2 });
    // Responses 0 (from −0.2), 0.4, 0.7, 1.2, 2.5, 6: the bot's answer to the caller's 0.3 s is not one.
    expect(d.latency.turns).toBe(6);
    expect(d.latency.medianSec).toBe(0.95);
    expect(d.latency.buckets).toEqual([
      { min: 0, max: 0.5, turns: 2, calls: 1 },
      { min: 0.5, max: 1, turns: 1, calls: 1 },
      { min: 1, max: 1.5, turns: 1, calls: 1 },
      { min: 1.5, max: 2, turns: 0, calls: 0 },
      { min: 2, max: 3, turns: 1, calls: 1 },
      { min: 3, max: 5, turns: 0, calls: 0 },
      { min: 5, max: null, turns: 1, calls: 1 },
    ]);
    expect(d.keyPhrases).toEqual([
      { text: 'Order', calls: 2 },
      { text: 'address', calls: 1 },
      { text: 'refund', calls: 1 },
    ]);
    // Flags group without case; one of the spellings names the group.
    expect(d.qaFlags).toEqual([
      { flag: 'Escalation requested', present: 1, total: 2 },
      { flag: 'recording disclosure given', present: 1, total: 2 },
    ]);
  });

  it('narrows by dates (in the reviewer’s zone), source and direction', async () => {
    const get = async (f: object): Promise<DashboardResult> => ((await call('analysis:dashboard', f)) as { value: DashboardResult }).value;
    const later = await get({ from: '2026-03-05' });
    expect(later.totals).toMatchObject({ calls: 2, analysed: 1, withMetrics: 2 });
    expect(later.sentiment.average).toBe(0.2);
    expect(later.latency.turns).toBe(3);
    expect(later.keyPhrases.map((k) => k.text)).toEqual(['address', 'order']);

    // 09:15 UTC on 2 March is still 1 March at UTC−10.
    expect((await get({ to: '2026-03-01', utcOffsetMin: -600 })).callsPerDay).toEqual([{ day: '2026-03-01', count: 1 }]);
    expect((await get({ to: '2026-03-01' })).totals.calls).toBe(0);

    const none = await get({ source: 'twilio' });
    expect(none.totals).toEqual({ calls: 0, analysed: 0, withMetrics: 0, durationSec: 0 });
    expect(none.sentiment.average).toBeNull();
    expect(none.talkRatio).toEqual({ calls: 0, caller: null, agent: null, silence: null });
    expect(none.latency.medianSec).toBeNull();
    expect(none.latency.buckets.every((b) => b.turns === 0)).toBe(true);

    core.repos.db.prepare(`UPDATE calls SET direction = ? WHERE id = ?`).run('outbound-api', ids.q4);
    core.repos.db.prepare(`UPDATE calls SET direction = ? WHERE id = ?`).run('inbound', ids.a1);
    expect((await get({ direction: 'outbound' })).callsPerDay).toEqual([{ day: '2026-04-21', count: 1 }]);
    expect((await get({ direction: 'inbound' })).callsPerDay).toEqual([{ day: '2026-03-02', count: 1 }]);
  });

  it('narrows by tag (without case), alone and with other filters', async () => {
    const get = async (f: object): Promise<DashboardResult> => ((await call('analysis:dashboard', f)) as { value: DashboardResult }).value;
    expect((await get({ tag: 'billing' })).totals).toEqual({ calls: 0, analysed: 0, withMetrics: 0, durationSec: 0 });
    expect(await call('tags:set', { callId: ids.a1, tags: ['Billing', 'urgent'] })).toMatchObject({ ok: true });
    expect(await call('tags:set', { callId: ids.q4, tags: ['billing'] })).toMatchObject({ ok: true });

    const billing = await get({ tag: 'BILLING' });
    // a1 and q4; q4's LLM run is of an older version, so only a1 is analysed.
    expect(billing.totals).toMatchObject({ calls: 2, analysed: 1, withMetrics: 2 });
    expect(billing.callsPerDay).toEqual([
      { day: '2026-03-02', count: 1 },
      { day: '2026-04-21', count: 1 },
    ]);
    expect(billing.sentiment.average).toBe(-0.6);
    expect(billing.talkRatio).toEqual({ calls: 2, caller: 0.55, agent: 0.45, silence: 0.25 });
    // Responses 0, 0.4, 1.2 (a1) and 6, 0.7 (q4).
    expect(billing.latency.turns).toBe(5);
    expect(billing.latency.medianSec).toBe(0.7);
    expect(billing.keyPhrases).toEqual([
      { text: 'Order', calls: 1 },
      { text: 'refund', calls: 1 },
    ]);
    expect((await get({ tag: 'urgent' })).totals).toMatchObject({ calls: 1, analysed: 1, withMetrics: 1 });
    expect((await get({ tag: 'billing', from: '2026-04-01' })).callsPerDay).toEqual([{ day: '2026-04-21', count: 1 }]);
    expect((await get({ tag: 'urgent', from: '2026-04-01' })).totals.calls).toBe(0);
    expect(await call('tags:list', {})).toEqual({ ok: true, value: [{ tag: 'Billing', calls: 2 }, { tag: 'urgent', calls: 1 }] });
  });

  it('refuses malformed tags and dates in the wrong order', async () => {
    expect(await call('analysis:dashboard', { tag: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('analysis:dashboard', { tag: 'a\nb' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const bad = await call('analysis:dashboard', { from: '2026-04-01', to: '2026-03-01' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('from is after to') } });
    expect(await call('analysis:dashboard', { from: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('call list filters', () => {
  const ext = async (filters: CallListFilters | undefined): Promise<{ total: number; names: string[] }> => {
    const env = (await call('library:list', { sort: 'startedAt', dir: 'asc', ...(filters ? { filters } : {}) })) as {
      value: { total: number; items: Array<{ externalId: string }> };
    };
    return { total: env.value.total, names: env.value.items.map((c) => c.externalId) };
  };

  it('keeps every call without filters, and narrows by day, flag, phrase, sentiment, latency and ids', async () => {
    expect(await ext(undefined)).toEqual({ total: 3, names: [A1, F7, Q4] });
    expect(await ext({})).toEqual({ total: 3, names: [A1, F7, Q4] });
    expect(await ext({ day: '2026-03-11' })).toEqual({ total: 1, names: [F7] });
    expect(await ext({ day: '2026-03-01', utcOffsetMin: -600 })).toEqual({ total: 1, names: [A1] });
    expect(await ext({ from: '2026-03-02', to: '2026-03-11' })).toEqual({ total: 2, names: [A1, F7] });
    // Flags and phrases ignore case; q4's run is of an older version, 7f's older run does not count.
    expect(await ext({ hasFlag: 'Escalation Requested' })).toEqual({ total: 1, names: [A1] });
    expect(await ext({ hasFlag: 'recording disclosure given' })).toEqual({ total: 1, names: [F7] });
    expect(await ext({ phrase: 'ORDER' })).toEqual({ total: 2, names: [A1, F7] });
    expect(await ext({ phrase: 'booking' })).toEqual({ total: 0, names: [] });
    expect(await ext({ phrase: 'stale' })).toEqual({ total: 0, names: [] });
    expect(await ext({ sentiment: 'negative' })).toEqual({ total: 1, names: [A1] });
    expect(await ext({ sentiment: 'positive' })).toEqual({ total: 0, names: [] });
    expect(await ext({ latency: { min: 0, max: 0.5 } })).toEqual({ total: 1, names: [A1] });
    expect(await ext({ latency: { min: 0.5, max: 1 } })).toEqual({ total: 1, names: [Q4] });
    expect(await ext({ latency: { min: 5, max: null } })).toEqual({ total: 1, names: [Q4] });
    expect(await ext({ latency: { min: 3, max: 5 } })).toEqual({ total: 0, names: [] });
    expect(await ext({ callIds: [ids.q4, ids.a1] })).toEqual({ total: 2, names: [A1, Q4] });
    expect(await ext({ source: 'folder', phrase: 'order', day: '2026-03-02' })).toEqual({ total: 1, names: [A1] });
    await call('tags:set', { callId: ids.a1, tags: ['Billing'] });
    await call('tags:set', { callId: ids.f7, tags: ['billing', 'vip'] });
    expect(await ext({ tag: 'BILLING' })).toEqual({ total: 2, names: [A1, F7] });
    expect(await ext({ tag: 'billing', phrase: 'address' })).toEqual({ total: 1, names: [F7] });
    expect(await ext({ tag: 'vip', day: '2026-03-02' })).toEqual({ total: 0, names: [] });
  });

  it('pages a filtered list with the filtered total, and refuses malformed filters', async () => {
    const env = (await call('library:list', { sort: 'startedAt', dir: 'desc', limit: 1, offset: 1, filters: { phrase: 'order' } })) as {
      value: { total: number; items: Array<{ externalId: string }> };
    };
    expect(env.value.total).toBe(2);
    expect(env.value.items.map((c) => c.externalId)).toEqual([A1]);
    expect(await call('library:list', { filters: { day: 'yesterday' } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('library:list', { filters: { tag: 'x'.repeat(41) } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('library:list', { filters: { latency: { min: 2, max: 1 } } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('analysis:run', () => {
  it('answers one stored run with its payload read by kind, and not-found for an unknown id', async () => {
    const first = core.repos.analyses.list(ids.f7, 'llm').at(-1)!;
    const env = (await call('analysis:run', { id: first.id })) as { ok: true; value: { kind: string; run: number; payload: LlmAnalysis } };
    expect(env.ok).toBe(true);
    expect(env.value).toMatchObject({ kind: 'llm', run: 1, payload: { sentiment: { overall: { score: 0.9 } } } });
    const m = core.repos.analyses.list(ids.q4, 'metrics')[0]!;
    expect(await call('analysis:run', { id: m.id })).toMatchObject({ ok: true, value: { kind: 'metrics', transcriptId: null, payload: { silence: { ratio: 0.3 } } } });
    expect(await call('analysis:run', { id: 99_999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
