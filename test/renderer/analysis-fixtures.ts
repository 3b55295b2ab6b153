/** Analyses for renderer tests: valid metrics and LLM runs of the fake call (detail(1): segments 1 at 0.4 s and 2 at 2.5 s). */
import { CallMetrics } from '../../shared/analysis.js';
import { LlmAnalysis, type AnalysisRunInfo, type CallAnalysisView } from '../../shared/llm-analysis.js';

/** Metrics of a 60 s call: caller 20 s, bot 25 s, two hand-overs. */
export function testMetrics(): CallMetrics {
  return CallMetrics.parse({
    version: 1,
    basis: 'transcript',
    durationSec: 60,
    speakers: {
      caller: { talkSec: 20, talkRatio: 0.4444, callRatio: 0.3333, turns: 2, words: 50, wpm: 150 },
      bot: { talkSec: 25, talkRatio: 0.5556, callRatio: 0.4167, turns: 2, words: 60, wpm: 144 },
    },
    speechSec: 45,
    silence: { totalSec: 15, ratio: 0.25, gaps: [] },
    overlaps: { count: 0, totalSec: 0, items: [] },
    interruptions: { count: 0, by: {} },
    turns: 4,
    latency: {
      count: 1,
      medianSec: 0.5,
      worstSec: 0.5,
      overlapped: 0,
      items: [
        { at: 2, latencySec: 0.5, from: 'bot', to: 'caller' },
        { at: 4, latencySec: 0.5, from: 'caller', to: 'bot' },
      ],
    },
    monologue: null,
    functionCalls: { count: 0, firstOffsetSec: null, lastOffsetSec: null, names: [], timings: [] },
    audio: null,
    notes: [],
  });
}

/** An LLM analysis with a summary, two sentiment windows, a phrase, an action item, a question and two flags. */
export function testLlm(summary = 'The caller wants to book a table; the bot offers one.'): LlmAnalysis {
  return LlmAnalysis.parse({
    format: 1,
    summary,
    sentiment: {
      overall: { label: 'positive', score: 0.4 },
      bySpeaker: [
        { speaker: 'caller', label: 'neutral', score: 0.1 },
        { speaker: 'bot', label: 'positive', score: 0.6 },
      ],
      overTime: [
        { start: 0, end: 30, label: 'neutral', score: 0 },
        { start: 30, end: 60, label: 'positive', score: 0.6 },
      ],
    },
    keyPhrases: [{ text: 'table', segmentIds: [2] }],
    actionItems: [{ text: "I'll book the table", owner: 'bot', due: 'tonight', segmentId: 2, at: 2.5 }],
    questions: [{ text: 'How can I help?', askedBy: 'bot', segmentId: 1, at: 0.4, answered: true, answerSegmentId: 2 }],
    qaFlags: [
      { flag: 'escalation requested', present: false, segmentIds: [], note: 'Nothing shows it.' },
      { flag: 'recording disclosure given', present: true, segmentIds: [1], note: 'Said at the start.' },
    ],
    model: 'gpt-4.1-mini',
    windowSec: 30,
    parts: 1,
    usage: { requests: 1, promptTokens: 100, completionTokens: 50 },
  });
}

const AT = '2026-05-02T10:00:00.000Z';

/** The analysis view of call 1 (transcript 1): metrics, and the given LLM runs (oldest first; the last is current). */
export function testView(llmRuns: LlmAnalysis[] = []): CallAnalysisView {
  const runs = llmRuns.map((payload, i) => ({ id: 10 + i, callId: 1, transcriptId: 1, kind: 'llm' as const, model: 'gpt-4.1-mini', run: i + 1, createdAt: AT, payload }));
  const metrics = { id: 1, callId: 1, transcriptId: 1, kind: 'metrics' as const, model: null, run: 1, createdAt: AT, payload: testMetrics() };
  const current = runs.at(-1) ?? null;
  return {
    callId: 1,
    transcriptId: 1,
    metrics,
    llm: current,
    history: [...[...runs].reverse().map(({ payload: _p, ...r }): AnalysisRunInfo => r), { id: 1, callId: 1, transcriptId: 1, kind: 'metrics', model: null, run: 1, createdAt: AT }],
  };
}
