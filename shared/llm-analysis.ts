import { z } from 'zod';
import { AnalysisRecord, CallMetrics } from './analysis.js';
import { Speaker } from './types.js';

/*
 * The LLM review of a call (analyses rows of kind 'llm'). Every item that points into the call
 * cites transcript segments by their ids (Segment.id of the analysed version); times (`at`,
 * window start/end) are seconds from the call start, taken from the transcript, never from the model.
 */

/** positive / neutral / negative. */
export const SentimentLabel = z.enum(['positive', 'neutral', 'negative']);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

/** A sentiment: its label and a score from -1 (negative) to 1 (positive). */
export const Sentiment = z.object({ label: SentimentLabel, score: z.number().min(-1).max(1) });
export type Sentiment = z.infer<typeof Sentiment>;

/** The QA flags checked when the settings name none. */
export const DEFAULT_QA_FLAGS = ['escalation requested', 'recording disclosure given', 'customer frustration', 'compliance phrase'] as const;

/** One stored LLM analysis (AnalysisRecord.payload of kind 'llm'). */
export const LlmAnalysis = z.object({
  /** Bumped when the shape changes, so old rows can be told apart. */
  format: z.literal(1),
  summary: z.string(),
  sentiment: z.object({
    overall: Sentiment,
    bySpeaker: z.array(Sentiment.extend({ speaker: Speaker })),
    /** One entry per window of `windowSec` that has speech, in time order. */
    overTime: z.array(Sentiment.extend({ start: z.number(), end: z.number() })),
  }),
  keyPhrases: z.array(z.object({ text: z.string(), segmentIds: z.array(z.number().int()) })),
  actionItems: z.array(
    z.object({
      text: z.string(),
      owner: Speaker,
      /** A due date or time as said in the call ("Tuesday", "by Friday"), or null. */
      due: z.string().nullable(),
      segmentId: z.number().int(),
      /** The cited segment's start. */
      at: z.number(),
    }),
  ),
  questions: z.array(
    z.object({
      text: z.string(),
      askedBy: Speaker,
      segmentId: z.number().int(),
      at: z.number(),
      answered: z.boolean(),
      answerSegmentId: z.number().int().nullable(),
    }),
  ),
  /** One entry per configured flag, in the configured order. */
  qaFlags: z.array(z.object({ flag: z.string(), present: z.boolean(), segmentIds: z.array(z.number().int()), note: z.string() })),
  model: z.string(),
  /** Window length of `sentiment.overTime`. */
  windowSec: z.number(),
  /** How many parts the transcript was sent in (long transcripts are analysed in parts and combined). */
  parts: z.number().int(),
  /** Requests made (a schema break is asked again once) and the tokens OpenAI reported. */
  usage: z.object({ requests: z.number().int(), promptTokens: z.number().int(), completionTokens: z.number().int() }),
});
export type LlmAnalysis = z.infer<typeof LlmAnalysis>;

/** A chat model id as OpenAI names them (gpt-4.1-mini, o4-mini, ft:…). */
export const LlmModel = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'a model id such as gpt-4.1-mini');

/** One QA flag name: a short phrase the model checks the call for. */
export const QaFlagName = z
  .string()
  .trim()
  .min(2, 'a QA flag needs a name')
  .max(80, 'a QA flag name has at most 80 characters')
  .regex(/^[^\n\r]+$/, 'a QA flag name is one line');

// The settings' fields without defaults, so a patch of some of them leaves the others alone.
const settingsFields = {
  model: LlmModel,
  /** The flags checked in every call, in this order. */
  qaFlags: z
    .array(QaFlagName)
    .max(20)
    .refine((a) => new Set(a.map((f) => f.toLowerCase())).size === a.length, 'QA flags must differ'),
  /** Analyse each new transcript version once its transcription job succeeds. */
  autoAnalyze: z.boolean(),
  /** Transcript tokens per request (estimated at 4 characters a token); longer transcripts are sent in parts. */
  partTokenBudget: z.number().int().min(50).max(400_000),
  /** Length of the windows of sentiment over time. */
  windowSec: z.number().int().min(10).max(3600),
};

/** Workspace-wide LLM analysis settings (Settings panel, stored in the library); `{}` gives the defaults. */
export const LlmAnalysisSettings = z
  .object({
    model: settingsFields.model.default('gpt-4.1-mini'),
    qaFlags: settingsFields.qaFlags.default([...DEFAULT_QA_FLAGS]),
    autoAnalyze: settingsFields.autoAnalyze.default(false),
    partTokenBudget: settingsFields.partTokenBudget.default(24_000),
    windowSec: settingsFields.windowSec.default(60),
  })
  .strict();
export type LlmAnalysisSettings = z.infer<typeof LlmAnalysisSettings>;

/** A change to some of the settings. */
export const LlmAnalysisSettingsPatch = z.object(settingsFields).partial().strict();
export type LlmAnalysisSettingsPatch = z.infer<typeof LlmAnalysisSettingsPatch>;

/** What an analysis request did per call (the same shape as a transcription request's). */
export const AnalyzeRequestResult = z.object({
  queued: z.array(z.object({ callId: z.number().int(), jobId: z.number().int() })),
  alreadyQueued: z.array(z.object({ callId: z.number().int(), jobId: z.number().int() })),
  skipped: z.array(z.object({ callId: z.number().int(), reason: z.string() })),
});
export type AnalyzeRequestResult = z.infer<typeof AnalyzeRequestResult>;

/** An analysis row without its payload, for the history list. */
export const AnalysisRunInfo = AnalysisRecord.omit({ payload: true });
export type AnalysisRunInfo = z.infer<typeof AnalysisRunInfo>;

/** What `analysis:get` answers: the current metrics and LLM analysis of the call's active transcript version, and every run. */
export const CallAnalysisView = z.object({
  callId: z.number().int(),
  /** The active transcript version, or null when the call has none. */
  transcriptId: z.number().int().nullable(),
  metrics: AnalysisRecord.extend({ payload: CallMetrics }).nullable(),
  llm: AnalysisRecord.extend({ payload: LlmAnalysis }).nullable(),
  /** Every run of either kind, newest first. */
  history: z.array(AnalysisRunInfo),
});
export type CallAnalysisView = z.infer<typeof CallAnalysisView>;

/** One stored run with its payload read by kind (`analysis:run`, for looking at an earlier run). */
export const StoredAnalysis = z.discriminatedUnion('kind', [
  AnalysisRecord.extend({ kind: z.literal('llm'), payload: LlmAnalysis }),
  AnalysisRecord.extend({ kind: z.literal('metrics'), payload: CallMetrics }),
]);
export type StoredAnalysis = z.infer<typeof StoredAnalysis>;
