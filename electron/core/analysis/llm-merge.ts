/**
 * Combines the parts of a long transcript into one analysis, deterministically rather than with
 * a second model call: no extra cost or failure mode, and every citation stays one the model made
 * against lines it was shown. Summaries are joined in call order with their time ranges; scores
 * are averaged weighted by each part's amount of text (a window or speaker in several parts
 * likewise), and a label that comes from an average is re-derived from its score; key phrases of
 * the same text are joined; action items and questions are listed in call order; a QA flag is
 * present when any part shows it. A question at the very end of one part whose answer opens the
 * next is reported unanswered: a part sees only its own lines.
 */
import type { LlmAnalysis, Sentiment, SentimentLabel } from '../../../shared/llm-analysis.js';
import type { Speaker } from '../../../shared/types.js';
import type { PartResult } from './llm-answer.js';
import { clock } from './transcript-parts.js';

/** Scores above this read as positive, below its negative as negative. */
export const LABEL_THRESHOLD = 0.2;

/** The label an averaged score stands for. */
export function labelFor(score: number): SentimentLabel {
  return score > LABEL_THRESHOLD ? 'positive' : score < -LABEL_THRESHOLD ? 'negative' : 'neutral';
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** A weighted mean of sentiments; a single one is kept as the model gave it. */
function average(items: ReadonlyArray<{ s: Sentiment; w: number }>): Sentiment {
  if (items.length === 1) return { label: items[0]!.s.label, score: items[0]!.s.score };
  const total = items.reduce((n, i) => n + Math.max(i.w, 1), 0);
  const score = round(Math.max(-1, Math.min(1, items.reduce((n, i) => n + i.s.score * Math.max(i.w, 1), 0) / total)));
  return { label: labelFor(score), score };
}

/** Groups values by key in order of first appearance. */
function grouped<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return [...m.values()];
}

const sortedUnion = (lists: ReadonlyArray<readonly number[]>): number[] => [...new Set(lists.flat())].sort((a, b) => a - b);

/** What the stored analysis carries besides the parts' content. */
export interface MergeMeta {
  model: string;
  windowSec: number;
  flags: readonly string[];
  usage: LlmAnalysis['usage'];
}

/** One analysis out of the parts' results (one part: taken as it is). */
export function mergeParts(parts: readonly PartResult[], meta: MergeMeta): LlmAnalysis {
  if (parts.length === 0) throw new Error('nothing to merge');
  const single = parts.length === 1;
  const summary = single ? parts[0]!.summary : parts.map((p) => `${clock(p.part.start)}-${clock(p.part.end)}: ${p.summary}`).join('\n');
  const overall = average(parts.map((p) => ({ s: p.overall, w: p.weight })));
  const bySpeaker = grouped(
    parts.flatMap((p) => p.bySpeaker.map((s) => ({ s, w: p.part.lines.filter((l) => l.speaker === s.speaker).reduce((n, l) => n + l.text.length, 0), speaker: s.speaker }))),
    (x) => x.speaker,
  ).map((g): Sentiment & { speaker: Speaker } => ({ speaker: g[0]!.speaker, ...average(g) }));
  const overTime = grouped(
    parts.flatMap((p) => p.windows.map((w) => ({ s: { label: w.label, score: w.score }, w: p.part.lines.filter((l) => l.start >= w.window.start && l.start < w.window.start + meta.windowSec).reduce((n, l) => n + l.text.length, 0), window: w.window }))),
    (x) => x.window.id,
  )
    .map((g) => ({ start: g[0]!.window.start, end: Math.max(...g.map((x) => x.window.end)), ...average(g) }))
    .sort((a, b) => a.start - b.start);
  const keyPhrases = grouped(
    parts.flatMap((p) => p.keyPhrases),
    (k) => k.text.toLowerCase(),
  ).map((g) => ({ text: g[0]!.text, segmentIds: sortedUnion(g.map((k) => k.segmentIds)) }));
  const byTime = <T extends { at: number }>(items: T[]): T[] => items.map((x, i) => ({ x, i })).sort((a, b) => a.x.at - b.x.at || a.i - b.i).map(({ x }) => x);
  const qaFlags = meta.flags.map((flag) => {
    const reports = parts.flatMap((p) => p.qaFlags.filter((f) => f.flag === flag));
    const shown = reports.filter((f) => f.present);
    return {
      flag,
      present: shown.length > 0,
      segmentIds: sortedUnion(shown.map((f) => f.segmentIds)),
      note: single ? (reports[0]?.note ?? '') : (shown.length > 0 ? shown : reports.slice(0, 1)).map((f) => f.note).filter((n) => n !== '').join(' '),
    };
  });
  return {
    format: 1,
    summary,
    sentiment: { overall, bySpeaker, overTime },
    keyPhrases,
    actionItems: byTime(parts.flatMap((p) => p.actionItems)),
    questions: byTime(parts.flatMap((p) => p.questions)),
    qaFlags,
    model: meta.model,
    windowSec: meta.windowSec,
    parts: parts.length,
    usage: meta.usage,
  };
}
