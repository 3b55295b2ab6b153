import { describe, expect, it } from 'vitest';
import {
  activeAnalysis,
  analyzeBlocker,
  analyzingText,
  formatScore,
  latencyBars,
  llmRunsOf,
  runLabel,
  segmentStart,
  sentimentSteps,
  talkParts,
} from '../../renderer/src/analysis-logic.js';
import { parseFlags } from '../../renderer/src/components/AnalysisSettingsPanel.js';
import { bucketLabel, describeFilters, percent, utcOffsetNow } from '../../renderer/src/dashboard-logic.js';
import { CallMetrics } from '../../shared/analysis.js';
import { detail, job, openAiStatus } from './fake-bridge.js';

/** Metrics of a 20 s call: caller 8 s, bot 6 s, 7 s of silence, three hand-overs. */
const metrics = (): CallMetrics =>
  CallMetrics.parse({
    version: 1,
    basis: 'transcript',
    durationSec: 20,
    speakers: {
      caller: { talkSec: 8, talkRatio: 0.5714, callRatio: 0.4, turns: 2, words: 20, wpm: 150 },
      bot: { talkSec: 6, talkRatio: 0.4286, callRatio: 0.3, turns: 2, words: 15, wpm: 150 },
    },
    speechSec: 13,
    silence: { totalSec: 7, ratio: 0.35, gaps: [] },
    overlaps: { count: 1, totalSec: 1, items: [] },
    interruptions: { count: 0, by: {} },
    turns: 4,
    latency: {
      count: 2,
      medianSec: 0.45,
      worstSec: 0.8,
      overlapped: 1,
      items: [
        { at: 12, latencySec: -0.4, from: 'caller', to: 'bot' },
        { at: 3, latencySec: 0.8, from: 'caller', to: 'bot' },
        { at: 7, latencySec: 1.5, from: 'bot', to: 'caller' },
      ],
    },
    monologue: null,
    functionCalls: { count: 0, firstOffsetSec: null, lastOffsetSec: null, names: [], timings: [] },
    audio: null,
    notes: [],
  });

describe('analysis logic', () => {
  it('draws sentiment windows as steps over call time, broken where a window had no speech', () => {
    expect(
      sentimentSteps([
        { start: 120, end: 180, label: 'positive', score: 0.5 },
        { start: 0, end: 60, label: 'negative', score: -0.4 },
        { start: 60, end: 120, label: 'neutral', score: 0 },
      ]),
    ).toEqual([
      { t: 0, score: -0.4 },
      { t: 60, score: -0.4 },
      { t: 60, score: 0 },
      { t: 120, score: 0 },
      { t: 120, score: 0.5 },
      { t: 180, score: 0.5 },
    ]);
    expect(
      sentimentSteps([
        { start: 0, end: 60, label: 'neutral', score: 0.1 },
        { start: 120, end: 150, label: 'neutral', score: 0.2 },
      ]),
    ).toEqual([
      { t: 0, score: 0.1 },
      { t: 60, score: 0.1 },
      { t: 60, score: null },
      { t: 120, score: 0.2 },
      { t: 150, score: 0.2 },
    ]);
  });

  it('splits talk time into caller, bot and silence over the call, and lists hand-overs in call order', () => {
    expect(talkParts(metrics())).toEqual([
      { key: 'caller', label: 'Caller', seconds: 8, share: 0.4 },
      { key: 'agent', label: 'Bot', seconds: 6, share: 0.3 },
      { key: 'silence', label: 'Silence', seconds: 7, share: 0.35 },
    ]);
    expect(latencyBars(metrics()).map((b) => [b.label, b.latency, b.raw, b.response, b.who])).toEqual([
      ['0:03.0', 0.8, 0.8, true, 'Caller → Bot'],
      ['0:07.0', 1.5, 1.5, false, 'Bot → Caller'],
      ['0:12.0', 0, -0.4, true, 'Caller → Bot'],
    ]);
  });

  it('says why a call cannot be analysed, and what a running analysis is doing', () => {
    const call = detail(1);
    expect(analyzeBlocker(call, openAiStatus())).toBeNull();
    expect(analyzeBlocker({ transcript: null }, openAiStatus())).toMatch(/No transcript to analyse/);
    expect(analyzeBlocker({ transcript: { ...call.transcript!, segments: [] } }, openAiStatus())).toMatch(/empty/);
    expect(analyzeBlocker(call, openAiStatus({ configured: false }))).toBe('No OpenAI API key: set OPENAI_API_KEY and restart CallReview.');
    expect(analyzeBlocker(call, null)).toBe('Checking the OpenAI key…');
    expect(analyzingText(job(1, 1, { type: 'analyze' }), false)).toBe('Queued…');
    expect(analyzingText(job(1, 1, { type: 'analyze' }), true)).toBe('Queued (queue paused)…');
    expect(analyzingText(job(1, 1, { type: 'analyze', state: 'running', progress: 0.5 }), false)).toBe('Analysing 50%');
    expect(analyzingText(job(1, 1, { type: 'analyze', state: 'running' }), false)).toBe('Analysing…');
    const jobs = [job(3, 1, { type: 'transcribe' }), job(2, 1, { type: 'analyze', state: 'running' }), job(1, 1, { type: 'analyze', state: 'failed' })];
    expect(activeAnalysis(jobs, 1)?.id).toBe(2);
    expect(activeAnalysis(jobs, 2)).toBeNull();
  });

  it('numbers the LLM runs of a version, labels them, and finds cited lines', () => {
    const run = (id: number, n: number, transcriptId: number, kind: 'llm' | 'metrics' = 'llm') => ({ id, callId: 1, transcriptId, kind, model: 'gpt-4.1-mini', run: n, createdAt: '2026-05-02T10:00:00.000Z' });
    const runs = llmRunsOf([run(9, 2, 5), run(8, 1, 4), run(7, 1, 5), run(6, 1, 5, 'metrics')], 5);
    expect(runs.map((r) => r.id)).toEqual([7, 9]);
    expect(runLabel(runs[1]!, 2)).toMatch(/^Run 2 of 2 · gpt-4\.1-mini · .*2026/);
    expect(formatScore(0.4)).toBe('+0.40');
    expect(formatScore(-0.6)).toBe('−0.60');
    expect(formatScore(0)).toBe('0.00');
    const segs = detail(1).transcript!.segments;
    expect(segmentStart(segs, [2, 1])).toBe(0.4);
    expect(segmentStart(segs, [99])).toBeNull();
    expect(segmentStart(undefined, [1])).toBeNull();
  });

  it('reads QA flags typed one per line, refusing duplicates and bad names', () => {
    expect(parseFlags('escalation requested\n\n  refund offered \n')).toEqual({ flags: ['escalation requested', 'refund offered'] });
    expect(parseFlags('a')).toEqual({ error: '"a": a QA flag needs a name' });
    expect(parseFlags('Refund\nrefund')).toEqual({ error: 'QA flags must differ' });
    expect(parseFlags(Array.from({ length: 21 }, (_, i) => `flag ${i}`).join('\n'))).toEqual({ error: 'At most 20 QA flags.' });
    expect(parseFlags('')).toEqual({ flags: [] });
  });

  it('labels list filters, latency buckets and shares; the zone offset is minutes east of UTC', () => {
    expect(describeFilters({}, '2026-03-02')).toBe('2026-03-02');
    expect(describeFilters({ from: '2026-03-01', to: '2026-03-31', source: 'twilio', direction: 'inbound' }, 'sentiment negative')).toBe(
      'sentiment negative · 2026-03-01 – 2026-03-31 · Twilio · inbound',
    );
    expect(describeFilters({ from: '2026-03-01' }, 'x')).toBe('x · from 2026-03-01');
    expect(bucketLabel({ min: 0.5, max: 1 })).toBe('0.5–1 s');
    expect(bucketLabel({ min: 5, max: null })).toBe('5 s +');
    expect(percent(0.6667)).toBe('67%');
    expect(percent(null)).toBe('—');
    expect(utcOffsetNow({ getTimezoneOffset: () => -120 } as Date)).toBe(120);
    expect(utcOffsetNow({ getTimezoneOffset: () => 0 } as Date)).toBe(0);
  });
});
