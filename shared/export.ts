import { z } from 'zod';
import { CallMetrics } from './analysis.js';
import { LlmAnalysis } from './llm-analysis.js';
import { AnswerValue, CriterionKind, ScoreState } from './review.js';
import { CallSourceKind, Party, Segment, Speaker, TranscriptInfo } from './types.js';

/*
 * Exports of calls (issue 9): the formats, their options, the JSON export's schema (what
 * `<call>.json` holds; a public interface), and what an export run reports. Times in the JSON are
 * seconds from the call start; instants are ISO 8601 strings.
 */

/** The formats a call can be exported in; `wav` writes the stereo file and one file per channel. */
export const ExportFormat = z.enum(['txt', 'json', 'srt', 'vtt', 'csv', 'pdf', 'wav']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Every format, in the order dialogs and the CLI list them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ExportFormat.options;

/** How an export is made; `{}` gives the defaults. */
export const ExportOptions = z
  .object({
    /** Replace phone numbers, e-mail addresses, card numbers and national ids by tags in every text that leaves. */
    redact: z.boolean().default(false),
    /** The text export's layout: a speaker label and a `[m:ss]` time before each line. */
    txt: z
      .object({ speakers: z.boolean().default(true), timestamps: z.boolean().default(true) })
      .strict()
      .prefault({}),
    /** The JSON export also holds the call's transcript versions that are not active. */
    allVersions: z.boolean().default(false),
  })
  .strict();
export type ExportOptions = z.infer<typeof ExportOptions>;
export type ExportOptionsInput = z.input<typeof ExportOptions>;

/** Formats of a request: at least one, each once. */
export const ExportFormats = z
  .array(ExportFormat)
  .min(1, 'choose at least one format')
  .max(EXPORT_FORMATS.length)
  .refine((f) => new Set(f).size === f.length, 'a format is listed twice');

// ---- The JSON export ---------------------------------------------------------------------------

/** One transcript line; `seq` is its 1-based place in its version. */
export const ExportSegment = Segment.extend({ seq: z.number().int().positive() });
export type ExportSegment = z.infer<typeof ExportSegment>;

/** A transcript version with its lines. */
export const ExportTranscript = TranscriptInfo.omit({ params: true, segments: true }).extend({ segments: z.array(ExportSegment) });
export type ExportTranscript = z.infer<typeof ExportTranscript>;

/** A live reviewer comment (deleted ones are never exported). */
export const ExportComment = z.object({
  id: z.number().int(),
  start: z.number(),
  end: z.number().nullable(),
  text: z.string(),
  author: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ExportComment = z.infer<typeof ExportComment>;

/** A score with its rubric version's sections and criteria, each with the answer given (null: not answered yet). */
export const ExportScore = z.object({
  id: z.number().int(),
  rubricId: z.number().int(),
  rubricName: z.string(),
  rubricVersion: z.number().int(),
  state: ScoreState,
  percent: z.number().nullable(),
  autoFailed: z.boolean(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      weight: z.number(),
      percent: z.number().nullable(),
      criteria: z.array(
        z.object({
          id: z.string(),
          text: z.string(),
          kind: CriterionKind,
          weight: z.number(),
          autoFail: z.boolean(),
          answer: AnswerValue.nullable(),
          note: z.string(),
          citeSec: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type ExportScore = z.infer<typeof ExportScore>;

/** The newest LLM analysis of the exported (active) transcript version. */
export const ExportAnalysis = z.object({
  id: z.number().int(),
  run: z.number().int(),
  transcriptId: z.number().int().nullable(),
  model: z.string().nullable(),
  createdAt: z.string(),
  payload: LlmAnalysis,
});
export type ExportAnalysis = z.infer<typeof ExportAnalysis>;

/** What `<call>.json` holds: the call, its parties, the active transcript (other versions on request), metrics, analysis, comments and scores. */
export const CallExport = z
  .object({
    schema: z.literal('callreview/call-export'),
    schemaVersion: z.literal(1),
    exportedAt: z.string(),
    /** True when phone numbers, e-mails, card numbers and national ids were replaced by tags. */
    redacted: z.boolean(),
    call: z
      .object({
        id: z.number().int(),
        externalId: z.string(),
        source: CallSourceKind,
        startedAt: z.string().nullable(),
        endedAt: z.string().nullable(),
        durationSec: z.number().nullable(),
        direction: z.string().nullable(),
        channels: z.number().int().nullable(),
        channelRoles: z.array(Speaker),
      })
      .strict(),
    parties: z.array(Party),
    transcript: ExportTranscript.nullable(),
    /** How many transcript versions the call has. */
    transcriptVersions: z.number().int(),
    /** The versions that are not active, oldest first; only with `allVersions`. */
    otherVersions: z.array(ExportTranscript).optional(),
    metrics: CallMetrics.nullable(),
    analysis: ExportAnalysis.nullable(),
    comments: z.array(ExportComment),
    scores: z.array(ExportScore),
  })
  .strict();
export type CallExport = z.infer<typeof CallExport>;

// ---- Runs ------------------------------------------------------------------------------------

/** One file an export wrote; `index` is its number in the download route (`/exports/<exportId>/<index>`). */
export const ExportedFile = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
  /** The format it was made in; `index` for the batch's index.csv. */
  format: z.union([ExportFormat, z.literal('index')]),
  callId: z.number().int().nullable(),
  bytes: z.number().int().nonnegative(),
});
export type ExportedFile = z.infer<typeof ExportedFile>;

/** ok: every format written; partial: some failed; failed: none; canceled: the run stopped before the call was done. */
export const ExportCallStatus = z.enum(['ok', 'partial', 'failed', 'canceled']);
export type ExportCallStatus = z.infer<typeof ExportCallStatus>;

/** What happened to one call of a run (a row of index.csv). */
export const ExportCallResult = z.object({
  callId: z.number().int(),
  externalId: z.string(),
  startedAt: z.string().nullable(),
  status: ExportCallStatus,
  files: z.array(z.string()),
  error: z.string().nullable(),
});
export type ExportCallResult = z.infer<typeof ExportCallResult>;

/** What an export run did. `dir` is null when the reviewer closed the folder dialog (nothing was written). */
export const ExportResult = z.object({
  exportId: z.string(),
  dir: z.string().nullable(),
  canceled: z.boolean(),
  files: z.array(ExportedFile),
  calls: z.array(ExportCallResult),
  /** The index file's name (batches), or null. */
  index: z.string().nullable(),
});
export type ExportResult = z.infer<typeof ExportResult>;

/** Progress of a running export (event `export:progress`). */
export const ExportProgress = z.object({
  exportId: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  /** The call being written, by external id. */
  current: z.string().nullable(),
  finished: z.boolean(),
  canceled: z.boolean(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

/** Browser mode's download link of an exported file: found by export id and index, never by path. */
export function exportFileUrl(exportId: string, index: number): string {
  return `/exports/${encodeURIComponent(exportId)}/${index}`;
}
