import { z } from 'zod';
import {
  CallDetail,
  CallSummary,
  ImportIssue,
  TranscriptInfo,
  TranscriptVersion,
  ImportReport,
  Source,
} from '../types.js';
import { JOB_CONCURRENCY, JobInfo, JobState, QueueStatus } from '../jobs.js';
import { OpenAiStatus, TranscribeRequestResult, TranscriptionOptions, TranscriptionSettings } from '../transcription.js';
import { AnalyzeRequestResult, CallAnalysisView, LlmAnalysisSettings, LlmAnalysisSettingsPatch, LlmModel, StoredAnalysis } from '../llm-analysis.js';
import { CallListFilters, DashboardFilters, DashboardResult } from '../dashboard.js';
import { ConnectionTest, SyncProgress, SyncReport, TwilioSettings, TwilioStatus } from '../twilio-types.js';
import { reviewContract } from './review-contract.js';
import { searchContract } from './search-contract.js';
import { exportContract, exportEvents } from './export-contract.js';
import { tagsContract } from './tags-contract.js';

const Id = z.number().int().positive();
const NoInput = z.object({}).strict();
/** An absolute-or-relative folder path typed by the user; NUL bytes are refused outright. */
const FolderPath = z
  .string()
  .trim()
  .min(1, 'a folder path is required')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain a NUL byte');

/** Sort keys of the call list. */
export const CallSort = z.enum(['startedAt', 'durationSec', 'source']);
export type CallSort = z.infer<typeof CallSort>;

/** Facts about the running app, for the status bar and about box. */
export const AppInfo = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  canPickFolders: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Every request channel: its input and output schema. Channels are `domain:verb`. */
export const contract = {
  /** Version, shell mode and data folder. */
  'app:info': { input: NoInput, output: AppInfo },
  /** Configured sources with counts. */
  'sources:list': { input: NoInput, output: z.array(Source) },
  /** Adds a folder source and imports it; the report says what was found. */
  'sources:addFolder': {
    input: z.object({ path: FolderPath, watch: z.boolean().default(true) }).strict(),
    output: z.object({ source: Source, report: ImportReport }),
  },
  /** Removes a source; its calls stay unless `deleteCalls` is set. */
  'sources:remove': {
    input: z.object({ id: Id, deleteCalls: z.boolean().default(false) }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  /** Rescans one source, or all of them. */
  'sources:rescan': {
    input: z.object({ id: Id.optional() }).strict(),
    output: ImportReport,
  },
  /** Problems recorded by imports, newest first. */
  'sources:issues': {
    input: z.object({ id: Id.optional() }).strict(),
    output: z.array(ImportIssue),
  },
  /** The call list, sorted, optionally filtered (`total` counts the calls that pass the filters). */
  'library:list': {
    input: z
      .object({
        sort: CallSort.default('startedAt'),
        dir: z.enum(['asc', 'desc']).default('desc'),
        limit: z.number().int().min(1).max(100_000).default(10_000),
        offset: z.number().int().min(0).default(0),
        filters: CallListFilters.optional(),
      })
      .strict(),
    output: z.object({ total: z.number().int(), items: z.array(CallSummary) }),
  },
  /** One call with transcript and activities. */
  'library:get': { input: z.object({ id: Id }).strict(), output: CallDetail },
  /** Swaps which speaker each channel of a call carries. */
  'library:swapChannels': { input: z.object({ id: Id }).strict(), output: CallDetail },
  /** Twilio account, settings and whether a sync runs. */
  'twilio:status': { input: NoInput, output: TwilioStatus },
  /** Stores credentials with the OS keychain (Electron only; refused on a plain-text backend). */
  'twilio:saveCredentials': {
    input: z.union([
      z.object({ accountSid: z.string().max(64), authToken: z.string().max(256) }).strict(),
      z.object({ accountSid: z.string().max(64), apiKeySid: z.string().max(64), apiKeySecret: z.string().max(256) }).strict(),
    ]),
    output: TwilioStatus,
  },
  /** Forgets stored credentials. */
  'twilio:clearCredentials': { input: NoInput, output: TwilioStatus },
  /** Checks the credentials against the API: ok, rejected or unreachable. */
  'twilio:testConnection': { input: NoInput, output: ConnectionTest },
  /** Runs a sync now (or joins the one running). */
  'twilio:sync': {
    input: z.object({ since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'since is YYYY-MM-DD').optional() }).strict(),
    output: SyncReport,
  },
  /** Changes Twilio settings (auto-sync, auto-transcribe, delete after download). */
  'twilio:setSettings': { input: TwilioSettings.partial().strict(), output: TwilioStatus },
  /** Jobs, newest first (optionally only some states), with the queue's status. */
  'jobs:list': {
    input: z.object({ states: z.array(JobState).max(5).optional(), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    output: z.object({ status: QueueStatus, jobs: z.array(JobInfo) }),
  },
  /** Cancels a queued or running job. */
  'jobs:cancel': { input: z.object({ id: Id }).strict(), output: JobInfo },
  /** Queues a failed or canceled job again (fresh attempts). */
  'jobs:retry': { input: z.object({ id: Id }).strict(), output: JobInfo },
  /** Pauses or resumes the queue (running jobs finish). */
  'jobs:setPaused': { input: z.object({ paused: z.boolean() }).strict(), output: QueueStatus },
  /** How many jobs run at once. */
  'jobs:setConcurrency': { input: z.object({ concurrency: z.number().int().min(JOB_CONCURRENCY.min).max(JOB_CONCURRENCY.max) }).strict(), output: QueueStatus },
  /** Queues transcription of some calls (or every call without a transcript); options default to the settings'. */
  'transcription:request': {
    input: z
      .object({
        callIds: z.array(Id).max(100_000).default([]),
        missing: z.boolean().default(false),
        options: TranscriptionOptions.partial().strict().optional(),
        reason: z.enum(['manual', 'batch', 'retranscribe']).default('manual'),
      })
      .strict()
      .refine((v) => v.missing !== v.callIds.length > 0, 'give call ids or missing: true'),
    output: TranscribeRequestResult,
  },
  /** The OpenAI key's status, API base and transcription settings. */
  'transcription:status': { input: NoInput, output: OpenAiStatus },
  /** Changes transcription settings (vocabulary, defaults, auto-transcribe). */
  'transcription:setSettings': { input: TranscriptionSettings.partial().strict(), output: OpenAiStatus },
  /** Stores the OpenAI key with the OS keychain (Electron only). */
  'transcription:saveKey': { input: z.object({ apiKey: z.string().max(400) }).strict(), output: OpenAiStatus },
  /** Forgets the stored OpenAI key. */
  'transcription:clearKey': { input: NoInput, output: OpenAiStatus },
  /** Lists models with the key: ok, rejected or unreachable. */
  'transcription:testConnection': { input: NoInput, output: ConnectionTest },
  /** A call's transcript versions, newest first. */
  'transcripts:list': { input: z.object({ callId: Id }).strict(), output: z.array(TranscriptVersion) },
  /** One version with its segments (for reading or comparing a version that is not active). */
  'transcripts:get': { input: z.object({ id: Id }).strict(), output: TranscriptInfo },
  /** Makes a version the call's active one (what the detail, search and export use). */
  'transcripts:setActive': { input: z.object({ callId: Id, id: Id }).strict(), output: CallDetail },
  /** Queues an LLM analysis of each call's active transcript version (model defaults to the settings'). */
  'analysis:request': {
    input: z.object({ callIds: z.array(Id).min(1).max(100_000), model: LlmModel.optional() }).strict(),
    output: AnalyzeRequestResult,
  },
  /** A call's current metrics and LLM analysis (of its active transcript version) and every analysis run. */
  'analysis:get': { input: z.object({ callId: Id }).strict(), output: CallAnalysisView },
  /** The LLM analysis settings (model, QA flags, auto-analyze, part budget, window). */
  'analysis:settings': { input: NoInput, output: LlmAnalysisSettings },
  /** Changes LLM analysis settings. */
  'analysis:setSettings': { input: LlmAnalysisSettingsPatch, output: LlmAnalysisSettings },
  /** One stored analysis run with its payload (an earlier run the reviewer looks at). */
  'analysis:run': { input: z.object({ id: Id }).strict(), output: StoredAnalysis },
  /** Figures across the calls that pass the filters: calls per day, sentiment, talk ratio, latency, key phrases, QA flags. */
  'analysis:dashboard': { input: DashboardFilters, output: DashboardResult },
  /** Opens the native folder picker (Electron only). */
  'dialog:pickFolder': { input: NoInput, output: z.object({ path: z.string().nullable() }) },
  /** Timeline, comments, rubrics and scores (shared/ipc/review-contract.ts). */
  ...reviewContract,
  ...searchContract,
  /** Reviewer tags on calls (shared/ipc/tags-contract.ts). */
  ...tagsContract,
  /** Exports of calls (shared/ipc/export-contract.ts). */
  ...exportContract,
} as const;

/** Events pushed to the renderer. Events are `domain:noun`. */
export const events = {
  /** Progress of an import run. */
  'library:importProgress': z.object({
    sourceId: z.number().int().nullable(),
    done: z.number().int(),
    total: z.number().int(),
    current: z.string().nullable(),
    finished: z.boolean(),
  }),
  /** Progress of a Twilio sync. */
  'twilio:syncProgress': SyncProgress,
  /** The call list changed (import, removal). */
  'library:changed': z.object({ reason: z.string() }),
  /** A job was enqueued, changed state or reported progress. */
  'jobs:changed': JobInfo,
  /** The queue was paused, resumed or resized, or its counts changed. */
  'jobs:queue': QueueStatus,
  ...exportEvents,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type EventName = keyof typeof events;
/** What a caller passes on a channel (defaults may be left out). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives after validation. */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
/** What a channel answers. */
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
/** The payload of an event. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** The object the core implements and every shell calls. */
export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> };

/** True when a string names a known channel (preload and server check before forwarding). */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** True when a string names a known event. */
export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
