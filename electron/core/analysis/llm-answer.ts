/**
 * Checks one part's answer: JSON, then the zod schema it was asked for, then the rules a JSON
 * schema cannot say (each window, speaker and flag once; a present flag cites a line), then every
 * citation against the lines the part was shown. Citations become segment ids, and times come
 * from the cited segments, never from the model.
 */
import type { z } from 'zod';
import type { LlmAnalysis, Sentiment } from '../../../shared/llm-analysis.js';
import type { Speaker } from '../../../shared/types.js';
import type { PartAnswer, partAnswerSchema } from './llm-schema.js';
import type { SentimentWindow, TranscriptLine, TranscriptPart } from './transcript-parts.js';

/** Why an answer was not usable; each kind is asked again once. */
export type BreakKind = 'not-json' | 'schema' | 'reference' | 'refusal' | 'truncated';

/** An answer that breaks the contract (as opposed to a failed request). */
export class AnalysisBreak extends Error {
  constructor(
    readonly kind: BreakKind,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisBreak';
  }
}

/** One part's analysis with citations resolved. */
export interface PartResult {
  part: TranscriptPart;
  /** Characters of the part's text: its weight when parts are combined. */
  weight: number;
  summary: string;
  overall: Sentiment;
  bySpeaker: Array<Sentiment & { speaker: Speaker }>;
  windows: Array<Sentiment & { window: SentimentWindow }>;
  keyPhrases: LlmAnalysis['keyPhrases'];
  actionItems: LlmAnalysis['actionItems'];
  questions: LlmAnalysis['questions'];
  qaFlags: LlmAnalysis['qaFlags'];
}

/** What the model's message held. */
export interface RawAnswer {
  content: string | null;
  refusal: string | null;
  finishReason: string;
}

const MAX_LISTED = 5;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown}, …` : shown;
}

function issuesText(error: z.ZodError): string {
  return listed(error.issues.map((i) => `${i.path.map(String).join('.') || 'answer'}: ${i.message}`));
}

function once<T>(items: readonly T[], key: (t: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) throw new AnalysisBreak('schema', `The model's answer did not fit the analysis schema (${what} ${k} appears twice).`);
    seen.add(k);
  }
}

/** Parses and checks one answer; throws AnalysisBreak when it cannot be used. */
export function readPartAnswer(raw: RawAnswer, schema: ReturnType<typeof partAnswerSchema>, part: TranscriptPart, flags: readonly string[]): PartResult {
  if (raw.refusal) throw new AnalysisBreak('refusal', `The model refused to analyse the call: ${raw.refusal}`);
  if (raw.finishReason === 'length') throw new AnalysisBreak('truncated', 'The model\u2019s answer was cut off at its output limit.');
  if (raw.content === null || raw.content.trim() === '') throw new AnalysisBreak('not-json', 'The model gave an empty answer.');
  let json: unknown;
  try {
    json = JSON.parse(raw.content);
  } catch (err) {
    throw new AnalysisBreak('not-json', `The model's answer was not valid JSON (${(err as Error).message}).`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AnalysisBreak('schema', `The model's answer did not fit the analysis schema (${issuesText(parsed.error)}).`);
  const a = parsed.data as PartAnswer;
  once(a.sentiment.bySpeaker, (s) => s.speaker, 'speaker');
  once(a.sentiment.overTime, (w) => w.window, 'window');
  const qaFlags = a.qaFlags ?? [];
  once(qaFlags, (f) => f.flag, 'QA flag');
  const missing = flags.filter((f) => !qaFlags.some((q) => q.flag === f));
  if (missing.length > 0) throw new AnalysisBreak('schema', `The model's answer did not fit the analysis schema (QA flags left out: ${listed(missing)}).`);
  const unproven = qaFlags.filter((f) => f.present && f.segmentIds.length === 0).map((f) => f.flag);
  if (unproven.length > 0) throw new AnalysisBreak('schema', `The model's answer did not fit the analysis schema (QA flags present without a cited line: ${listed(unproven)}).`);
  return resolve(a, part, flags);
}

/** Turns `s12` citations into segments; any citation of a line the part does not have rejects the answer. */
function resolve(a: PartAnswer, part: TranscriptPart, flags: readonly string[]): PartResult {
  const byRef = new Map<string, TranscriptLine>(part.lines.map((l) => [l.ref, l]));
  const cited = [
    ...a.keyPhrases.flatMap((k) => k.segmentIds),
    ...a.actionItems.map((i) => i.segmentId),
    ...a.questions.flatMap((q) => (q.answerSegmentId === null ? [q.segmentId] : [q.segmentId, q.answerSegmentId])),
    ...(a.qaFlags ?? []).flatMap((f) => f.segmentIds),
  ];
  const unknown = [...new Set(cited.filter((ref) => !byRef.has(ref)))];
  if (unknown.length > 0) throw new AnalysisBreak('reference', `The analysis cited segments that are not in the transcript (${listed(unknown)}).`);
  const line = (ref: string): TranscriptLine => byRef.get(ref)!;
  const ids = (refs: readonly string[]): number[] => [...new Set(refs.map((r) => line(r).segmentId))].sort((x, y) => x - y);
  const windows = new Map(part.windows.map((w) => [w.id, w]));
  const flagOrder = new Map(flags.map((f, i) => [f, i]));
  return {
    part,
    weight: part.lines.reduce((n, l) => n + l.text.length, 0),
    summary: a.summary.trim(),
    overall: a.sentiment.overall,
    bySpeaker: a.sentiment.bySpeaker,
    windows: a.sentiment.overTime.map((w) => ({ window: windows.get(w.window)!, label: w.label, score: w.score })).sort((x, y) => x.window.index - y.window.index),
    keyPhrases: a.keyPhrases.map((k) => ({ text: k.text.trim(), segmentIds: ids(k.segmentIds) })),
    actionItems: a.actionItems.map((i) => ({ text: i.text.trim(), owner: i.owner, due: i.due, segmentId: line(i.segmentId).segmentId, at: line(i.segmentId).start })),
    questions: a.questions.map((q) => {
      const asked = line(q.segmentId);
      return {
        text: q.text.trim(),
        // The transcript knows who spoke a line; the model's word counts only where it does not.
        askedBy: asked.speaker === 'unknown' ? q.askedBy : asked.speaker,
        segmentId: asked.segmentId,
        at: asked.start,
        answered: q.answered,
        // An answer line only means something for an answered question.
        answerSegmentId: q.answered && q.answerSegmentId !== null ? line(q.answerSegmentId).segmentId : null,
      };
    }),
    qaFlags: [...(a.qaFlags ?? [])]
      .sort((x, y) => (flagOrder.get(x.flag) ?? 0) - (flagOrder.get(y.flag) ?? 0))
      .map((f) => ({ flag: f.flag, present: f.present, segmentIds: ids(f.segmentIds), note: f.note.trim() })),
  };
}
