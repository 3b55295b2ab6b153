import { z } from 'zod';

/** One recording that could not be brought in, and why. */
export const SyncFailure = z.object({ recordingSid: z.string(), callSid: z.string().nullable(), message: z.string() });
export type SyncFailure = z.infer<typeof SyncFailure>;

/** What one Twilio sync did. Field names are a public interface (`sync twilio --json`). */
export const SyncReport = z.object({
  accountSid: z.string(),
  since: z.string().nullable(),
  pages: z.number().int(),
  seen: z.number().int(),
  downloaded: z.number().int(),
  alreadyHad: z.number().int(),
  pending: z.number().int(),
  unavailable: z.number().int(),
  missing: z.array(SyncFailure),
  failed: z.array(SyncFailure),
  deletedRemote: z.number().int(),
  bytes: z.number().int(),
  durationMs: z.number(),
});
export type SyncReport = z.infer<typeof SyncReport>;

/** Live progress of a sync. */
export const SyncProgress = z.object({
  pages: z.number().int(),
  seen: z.number().int(),
  downloaded: z.number().int(),
  alreadyHad: z.number().int(),
  failed: z.number().int(),
  bytes: z.number().int(),
  finished: z.boolean(),
  error: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/** Twilio settings the reviewer controls. */
export const TwilioSettings = z.object({
  /** 0 = off. */
  autoSyncMinutes: z.number().int().min(0).max(24 * 60).default(0),
  /** Queue transcription of new recordings (takes effect once transcription exists). */
  autoTranscribe: z.boolean().default(false),
  /** Delete a recording on Twilio after its verified download. */
  deleteAfterDownload: z.boolean().default(false),
});
export type TwilioSettings = z.infer<typeof TwilioSettings>;

/** What the Twilio panel shows. */
export const TwilioStatus = z.object({
  configured: z.boolean(),
  accountSid: z.string().nullable(),
  credentialKind: z.enum(['auth-token', 'api-key']).nullable(),
  origin: z.enum(['env', 'safeStorage']),
  storeProblem: z.string().nullable(),
  configError: z.string().nullable(),
  apiBaseUrl: z.string(),
  sourceId: z.number().int().nullable(),
  lastSyncAt: z.string().nullable(),
  running: z.boolean(),
  settings: TwilioSettings,
});
export type TwilioStatus = z.infer<typeof TwilioStatus>;

/** The answer of "Test connection". */
export const ConnectionTest = z.object({
  result: z.enum(['ok', 'rejected', 'unreachable']),
  message: z.string(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;
