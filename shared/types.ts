import { z } from 'zod';

/** Where a call came from. */
export const CallSourceKind = z.enum(['folder', 'twilio']);
export type CallSourceKind = z.infer<typeof CallSourceKind>;

/** Who speaks on a transcript line or audio channel. */
export const Speaker = z.enum(['caller', 'agent', 'bot', 'unknown']);
export type Speaker = z.infer<typeof Speaker>;

/** Which rendition of a call's audio a file is. */
export const AudioVariant = z.enum(['stereo', 'caller', 'agent', 'mono']);
export type AudioVariant = z.infer<typeof AudioVariant>;

/** A configured place calls come from. */
export const Source = z.object({
  id: z.number().int(),
  kind: CallSourceKind,
  path: z.string().nullable(),
  label: z.string(),
  watch: z.boolean(),
  lastScanAt: z.string().nullable(),
  callCount: z.number().int(),
  issueCount: z.number().int(),
});
export type Source = z.infer<typeof Source>;

/** One row of the call list. Field names are a public interface (`calls --json`). */
export const CallSummary = z.object({
  id: z.number().int(),
  source: CallSourceKind,
  sourceId: z.number().int().nullable(),
  externalId: z.string(),
  startedAt: z.string().nullable(),
  durationSec: z.number().nullable(),
  channels: z.number().int().nullable(),
  hasAudio: z.boolean(),
  audioMissing: z.boolean(),
  hasTranscript: z.boolean(),
  segmentCount: z.number().int(),
  functionCallCount: z.number().int(),
  direction: z.string().nullable(),
  warnings: z.array(z.string()),
  /** Reviewer tags, in the order they were added. */
  tags: z.array(z.string()),
});
export type CallSummary = z.infer<typeof CallSummary>;

/** A call's audio file as stored (paths never go to the renderer as something to open). */
export const AudioFileInfo = z.object({
  id: z.number().int(),
  variant: AudioVariant,
  fileName: z.string(),
  format: z.string().nullable(),
  sampleRate: z.number().int().nullable(),
  channels: z.number().int().nullable(),
  bitsPerSample: z.number().int().nullable(),
  durationSec: z.number().nullable(),
  sizeBytes: z.number().int(),
  missing: z.boolean(),
});
export type AudioFileInfo = z.infer<typeof AudioFileInfo>;

/** One timed, speaker-attributed line of a transcript. */
export const Segment = z.object({
  id: z.number().int(),
  speaker: Speaker,
  channel: z.number().int().nullable(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  confidence: z.number().nullable(),
});
export type Segment = z.infer<typeof Segment>;

/** A transcript version of a call. */
export const TranscriptInfo = z.object({
  id: z.number().int(),
  /** 1, 2, … in the order the call's versions were made. */
  version: z.number().int(),
  source: z.string(),
  engine: z.string().nullable(),
  model: z.string().nullable(),
  createdAt: z.string(),
  active: z.boolean(),
  /** What the run was asked for and what it cost (model, language, prompt, billedSec, costUsd…); {} for imports. */
  params: z.record(z.string(), z.unknown()),
  segments: z.array(Segment),
});
export type TranscriptInfo = z.infer<typeof TranscriptInfo>;

/** A transcript version without its segments, for the version list. */
export const TranscriptVersion = TranscriptInfo.omit({ segments: true }).extend({ segmentCount: z.number().int() });
export type TranscriptVersion = z.infer<typeof TranscriptVersion>;

/** An entry of a call's history (function calls, session events, imports…). */
export const Activity = z.object({
  id: z.number().int(),
  type: z.string(),
  at: z.string().nullable(),
  offsetSec: z.number().nullable(),
  parentId: z.number().int().nullable(),
  groupId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type Activity = z.infer<typeof Activity>;

/** A phone number or name that took part in a call. */
export const Party = z.object({
  role: z.string(),
  phone: z.string().nullable(),
  name: z.string().nullable(),
});
export type Party = z.infer<typeof Party>;

/** Everything the call detail view shows. */
export const CallDetail = CallSummary.extend({
  endedAt: z.string().nullable(),
  folderPath: z.string().nullable(),
  channelRoles: z.array(Speaker),
  parties: z.array(Party),
  audio: z.array(AudioFileInfo),
  transcript: TranscriptInfo.nullable(),
  transcriptVersions: z.number().int(),
  activities: z.array(Activity),
});
export type CallDetail = z.infer<typeof CallDetail>;

/** A problem met while importing, kept so the reviewer can see it. */
export const ImportIssue = z.object({
  path: z.string(),
  message: z.string(),
  at: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** What one import run did. Field names are a public interface (`import --json`). */
export const ImportReport = z.object({
  scanned: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  warnings: z.array(ImportIssue),
  durationMs: z.number(),
});
export type ImportReport = z.infer<typeof ImportReport>;
