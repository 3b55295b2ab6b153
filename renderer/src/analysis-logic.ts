import type { CallMetrics } from '../../shared/analysis.js';
import { formatTimestamp, speakerLabel } from '../../shared/format.js';
import type { JobInfo } from '../../shared/jobs.js';
import type { AnalysisRunInfo, LlmAnalysis } from '../../shared/llm-analysis.js';
import type { OpenAiStatus } from '../../shared/transcription.js';
import type { CallDetail, Segment, Speaker } from '../../shared/types.js';
import { isActiveJob } from './jobs-logic.js';
import { formatPercent } from './transcription-format.js';

/** The job types of the analysis core, as it registers them. */
export const ANALYZE_JOB = 'analyze';
export const METRICS_JOB = 'metrics';

/** The newest job of a type for a call that passes a filter, or null. */
function newestJob(jobs: readonly JobInfo[], type: string, callId: number, keep: (j: JobInfo) => boolean): JobInfo | null {
  let best: JobInfo | null = null;
  for (const j of jobs) if (j.type === type && j.callId === callId && keep(j) && (best === null || j.id > best.id)) best = j;
  return best;
}

/** The queued or running LLM analysis of a call, or null. */
export function activeAnalysis(jobs: readonly JobInfo[], callId: number): JobInfo | null {
  return newestJob(jobs, ANALYZE_JOB, callId, isActiveJob);
}

/** The newest LLM analysis job of a call, whatever its state, or null. */
export function latestAnalysis(jobs: readonly JobInfo[], callId: number): JobInfo | null {
  return newestJob(jobs, ANALYZE_JOB, callId, () => true);
}

/** Why the open call cannot be analysed now, or null when it can. */
export function analyzeBlocker(call: Pick<CallDetail, 'transcript'>, status: OpenAiStatus | null): string | null {
  if (call.transcript === null) return 'No transcript to analyse: transcribe the call first.';
  if (call.transcript.segments.every((s) => s.text.trim() === '')) return 'The transcript is empty: there is nothing to analyse.';
  if (status === null) return 'Checking the OpenAI key…';
  if (status.configError !== null) return status.configError;
  if (!status.configured) {
    return status.origin === 'env'
      ? 'No OpenAI API key: set OPENAI_API_KEY and restart CallReview.'
      : 'No OpenAI API key: add one under Transcription in the sidebar.';
  }
  return null;
}

/** What the Run analysis control says while its job is active: "Queued…", "Analysing 50%". */
export function analyzingText(job: Pick<JobInfo, 'state' | 'progress' | 'attempts' | 'maxAttempts' | 'nextRunAt'>, paused: boolean): string {
  if (job.state === 'queued') {
    if (job.attempts > 0 && job.nextRunAt !== null) return `Waiting to retry (attempt ${job.attempts + 1} of ${job.maxAttempts})`;
    return paused ? 'Queued (queue paused)…' : 'Queued…';
  }
  const pct = formatPercent(job.progress);
  return pct === null ? 'Analysing…' : `Analysing ${pct}`;
}

/** The LLM runs of one transcript version, oldest first (run 1, 2, …). */
export function llmRunsOf(history: readonly AnalysisRunInfo[], transcriptId: number | null): AnalysisRunInfo[] {
  return history.filter((r) => r.kind === 'llm' && r.transcriptId === transcriptId).sort((a, b) => a.run - b.run || a.id - b.id);
}

const runDate = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "Run 2 of 3 · gpt-4.1-mini · 2 May 2026, 10:00". */
export function runLabel(run: Pick<AnalysisRunInfo, 'run' | 'model' | 'createdAt'>, of: number): string {
  const d = new Date(run.createdAt);
  const when = Number.isNaN(d.getTime()) ? run.createdAt : runDate.format(d);
  return [`Run ${run.run} of ${of}`, run.model ?? 'unknown model', when].join(' · ');
}

/** A sentiment score as text with its sign: "+0.40", "−0.60", "0.00". */
export function formatScore(score: number): string {
  const s = Math.abs(score).toFixed(2);
  return score > 0.004 ? `+${s}` : score < -0.004 ? `−${s}` : s;
}

/** One point of the sentiment-over-time step line; score null breaks the line (a window without speech). */
export interface SentimentPoint {
  t: number;
  score: number | null;
}

/**
 * The windows of sentiment over time as a step line over call time: each window holds its score
 * from its start to its end; a gap between windows (no speech there) breaks the line.
 */
export function sentimentSteps(overTime: LlmAnalysis['sentiment']['overTime']): SentimentPoint[] {
  const out: SentimentPoint[] = [];
  const sorted = [...overTime].sort((a, b) => a.start - b.start);
  sorted.forEach((w, i) => {
    const prev = sorted[i - 1];
    if (prev !== undefined && w.start > prev.end + 1e-6) out.push({ t: prev.end, score: null });
    out.push({ t: w.start, score: w.score });
    out.push({ t: w.end, score: w.score });
  });
  return out;
}

/** One part of the talk-time bar. */
export interface TalkPart {
  key: 'caller' | 'agent' | 'unknown' | 'silence';
  label: string;
  seconds: number;
  /** Share of the call's length (talk may overlap, so talk shares plus silence can pass 100%). */
  share: number;
}

/** Caller talk, agent/bot talk and silence from the metrics; agent and bot form one side. */
export function talkParts(m: CallMetrics): TalkPart[] {
  const caller = m.speakers.caller;
  const agentSec = (m.speakers.agent?.talkSec ?? 0) + (m.speakers.bot?.talkSec ?? 0);
  const agentLabel = m.speakers.bot !== undefined && m.speakers.agent === undefined ? 'Bot' : m.speakers.agent !== undefined && m.speakers.bot !== undefined ? 'Agent + bot' : 'Agent';
  const dur = m.durationSec > 0 ? m.durationSec : 1;
  const parts: TalkPart[] = [
    { key: 'caller', label: 'Caller', seconds: caller?.talkSec ?? 0, share: (caller?.talkSec ?? 0) / dur },
    { key: 'agent', label: agentLabel, seconds: agentSec, share: agentSec / dur },
    { key: 'silence', label: 'Silence', seconds: m.silence.totalSec, share: m.silence.totalSec / dur },
  ];
  const unknown = m.speakers.unknown?.talkSec ?? 0;
  // A mono call without diarization has only "unknown" talk; it gets its own part rather than a side it may not be.
  if (unknown > 0) parts.splice(2, 0, { key: 'unknown', label: 'Unknown speaker', seconds: unknown, share: unknown / dur });
  return parts;
}

/** One bar of the per-turn latency chart. */
export interface LatencyBar {
  /** Position in the call (when the previous speaker stopped). */
  at: number;
  label: string;
  /** Seconds, floored at 0 for drawing; `raw` keeps the sign (negative: the answer overlapped). */
  latency: number;
  raw: number;
  /** True for a caller → agent/bot hand-over (what the median and worst count). */
  response: boolean;
  who: string;
}

/** Every hand-over of the metrics as a bar, in call order. */
export function latencyBars(m: CallMetrics): LatencyBar[] {
  return [...m.latency.items]
    .sort((a, b) => a.at - b.at)
    .map((i) => ({
      at: i.at,
      label: formatTimestamp(i.at),
      latency: Math.max(0, i.latencySec),
      raw: i.latencySec,
      response: i.from === 'caller' && (i.to === 'agent' || i.to === 'bot'),
      who: `${speakerLabel(i.from)} → ${speakerLabel(i.to)}`,
    }));
}

/** Where a cited segment starts, from the analysed transcript (null when it is not in the one shown). */
export function segmentStart(segments: readonly Segment[] | undefined, ids: readonly number[]): number | null {
  if (segments === undefined) return null;
  let best: number | null = null;
  for (const id of ids) {
    const s = segments.find((x) => x.id === id);
    if (s !== undefined && (best === null || s.start < best)) best = s.start;
  }
  return best;
}

/** "Caller", "Agent", "Bot" for a speaker. */
export function who(speaker: Speaker): string {
  return speakerLabel(speaker);
}
