import { LATENCY_EDGES, type DashboardFilters, type DashboardResult } from '../../../shared/dashboard.js';
import type { SentimentLabel } from '../../../shared/llm-analysis.js';
import type { Repos } from '../db/repos/index.js';

/** How many key phrases the dashboard lists. */
export const TOP_PHRASES = 15;

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const ratio = (x: number | null): number | null => (x === null ? null : round4(x));

/**
 * The dashboard across the calls that pass the filters: calls per day, average sentiment (overall,
 * per day, per label), mean talk shares, the agent/bot response-latency histogram, top key phrases
 * and QA flags, all from each call's current analysis. Scores and ratios are rounded to 4 decimals.
 */
export function dashboard(repos: Repos, filters: DashboardFilters): DashboardResult {
  const r = repos.dashboard.rows(filters, LATENCY_EDGES, TOP_PHRASES);
  const analysedScores = r.sentimentByDay.reduce((n, d) => n + d.calls, 0);
  const scoreSum = r.sentimentByDay.reduce((n, d) => n + d.sum, 0);
  return {
    totals: { ...r.totals, durationSec: Math.round(r.totals.durationSec * 1000) / 1000 },
    callsPerDay: r.callsPerDay,
    sentiment: {
      average: analysedScores === 0 ? null : round4(scoreSum / analysedScores),
      byDay: r.sentimentByDay.flatMap((d) => (d.day === null ? [] : [{ day: d.day, average: round4(d.sum / d.calls), calls: d.calls }])),
      buckets: LABELS.map((label) => ({ label, calls: r.sentimentLabels.find((b) => b.label === label)?.calls ?? 0 })),
    },
    talkRatio: {
      calls: r.talk.calls,
      caller: r.talk.calls === 0 ? null : ratio(r.talk.caller),
      agent: r.talk.calls === 0 ? null : ratio(r.talk.agent),
      silence: r.talk.calls === 0 ? null : ratio(r.talk.silence),
    },
    latency: {
      turns: r.latencyTurns,
      medianSec: r.latencyMedian === null ? null : Math.round(r.latencyMedian * 1000) / 1000,
      buckets: LATENCY_EDGES.map((min, i) => {
        const b = r.latencyBuckets.find((x) => x.bucket === i);
        return { min, max: LATENCY_EDGES[i + 1] ?? null, turns: b?.turns ?? 0, calls: b?.calls ?? 0 };
      }),
    },
    keyPhrases: r.keyPhrases,
    qaFlags: r.qaFlags,
  };
}
