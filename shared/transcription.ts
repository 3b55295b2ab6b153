import { z } from 'zod';

/**
 * Models a run may use: whisper-1 gives segment (and word) timestamps per channel; the diarizing model
 * labels speakers itself and is offered for mono calls, where channels cannot tell who speaks.
 */
export const TranscriptionModel = z.enum(['whisper-1', 'gpt-4o-transcribe-diarize']);
export type TranscriptionModel = z.infer<typeof TranscriptionModel>;

/** ISO-639-1 code (two lowercase letters) or `auto` to let the model detect it. */
export const TranscriptionLanguage = z.union([z.literal('auto'), z.string().regex(/^[a-z]{2}$/, 'a language is auto or a two-letter ISO-639-1 code such as en or de')]);

/** The options of one transcription run; every field has a default so `{}` is a valid request. */
export const TranscriptionOptions = z
  .object({
    model: TranscriptionModel.default('whisper-1'),
    language: TranscriptionLanguage.default('auto'),
    /** Whether the workspace vocabulary (product names, jargon) is sent as the prompt. */
    useVocabulary: z.boolean().default(true),
    /** Extra prompt text for this run, appended to the vocabulary. */
    prompt: z.string().max(800).default(''),
    temperature: z.number().min(0).max(1).default(0),
    /** Word timestamps as well as segments (whisper-1 only). */
    wordTimestamps: z.boolean().default(false),
  })
  .strict();
export type TranscriptionOptions = z.infer<typeof TranscriptionOptions>;
export type TranscriptionOptionsInput = z.input<typeof TranscriptionOptions>;

/** Workspace-wide transcription settings (Settings panel, stored in the library). */
export const TranscriptionSettings = z
  .object({
    /** Product names and jargon, one per line; sent as the prompt so Whisper spells them right. */
    vocabulary: z.string().max(4000),
    /** Options a plain "Transcribe" uses. */
    defaults: TranscriptionOptions,
    /** Queue new recordings for transcription as they arrive. */
    autoTranscribe: z.boolean(),
  })
  .strict();
export type TranscriptionSettings = z.infer<typeof TranscriptionSettings>;

/** US dollars per audio minute, for the per-run estimate (public list prices; the bill is OpenAI's). */
export const PRICE_PER_MINUTE_USD: Record<TranscriptionModel, number> = {
  'whisper-1': 0.006,
  'gpt-4o-transcribe-diarize': 0.006,
};

/** What a finished run reports (stored with the version and in the job's result). */
export const TranscriptionRunInfo = z.object({
  model: TranscriptionModel,
  language: z.string(),
  /** Seconds of audio sent (what OpenAI bills). */
  billedSec: z.number(),
  /** Estimated cost in USD from PRICE_PER_MINUTE_USD. */
  costUsd: z.number(),
  chunks: z.number().int(),
  segments: z.number().int(),
});
export type TranscriptionRunInfo = z.infer<typeof TranscriptionRunInfo>;

/** The estimated cost of `seconds` of audio with `model`, rounded to a tenth of a cent. */
export function estimateCostUsd(model: TranscriptionModel, seconds: number): number {
  return Math.round((seconds / 60) * PRICE_PER_MINUTE_USD[model] * 1000) / 1000;
}

/** Whether transcription can run, and against what (Settings panel). */
export const OpenAiStatus = z.object({
  configured: z.boolean(),
  /** sk-…abcd, never the key. */
  maskedKey: z.string().nullable(),
  origin: z.enum(['env', 'safeStorage']),
  storeProblem: z.string().nullable(),
  /** A bad OPENAI_BASE_URL, or null. */
  configError: z.string().nullable(),
  /** The API base in use (OPENAI_BASE_URL or the default). */
  apiBaseUrl: z.string(),
  settings: TranscriptionSettings,
});
export type OpenAiStatus = z.infer<typeof OpenAiStatus>;

/** What a transcription request did per call. */
export const TranscribeRequestResult = z.object({
  /** Jobs created by this request. */
  queued: z.array(z.object({ callId: z.number().int(), jobId: z.number().int() })),
  /** Calls that already had a transcription queued or running (that job is kept). */
  alreadyQueued: z.array(z.object({ callId: z.number().int(), jobId: z.number().int() })),
  /** Calls not queued, and why (no such call, no audio). */
  skipped: z.array(z.object({ callId: z.number().int(), reason: z.string() })),
});
export type TranscribeRequestResult = z.infer<typeof TranscribeRequestResult>;
