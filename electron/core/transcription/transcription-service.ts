import { z } from 'zod';
import {
  TranscriptionOptions,
  TranscriptionSettings,
  type OpenAiStatus,
  type TranscribeRequestResult,
  type TranscriptionOptionsInput,
} from '../../../shared/transcription.js';
import type { ConnectionTest } from '../../../shared/twilio-types.js';
import type { Repos } from '../db/repos/index.js';
import type { EventBus } from '../events.js';
import { classifyError } from '../jobs/job-error.js';
import type { JobQueue } from '../jobs/queue.js';
import { maskKey, OpenAiKeyInput, openAiBaseUrl, type OpenAiKeyStore } from './openai-key.js';
import { openAiTranscriber, type Transcriber } from './openai-transcriber.js';
import { TRANSCRIBE_JOB, transcribeJob, type TranscribePayload } from './transcribe-job.js';
import { addTranscriptionActivity } from './transcription-activity.js';

const SETTINGS_KEY = 'transcription.settings';
const AUTO_SINCE_KEY = 'transcription.autoSince';
const DEFAULT_SETTINGS: z.input<typeof TranscriptionSettings> = { vocabulary: '', defaults: {}, autoTranscribe: false };
const DEFAULT_API = 'https://api.openai.com/v1';

/** What the service needs from the core. */
export interface TranscriptionServiceDeps {
  repos: Repos;
  bus: EventBus;
  jobs: JobQueue;
  dataDir: string;
  now: () => string;
  keys: OpenAiKeyStore;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  log?: (m: string) => void;
  /** Replaces the OpenAI transcriber (benchmarks and tests that count calls). */
  transcriber?: (apiKey: string, baseURL: string | null) => Transcriber;
  maxChunkBytes?: number;
}

/** Requests transcriptions, keeps their settings and the OpenAI key, and auto-queues new recordings. */
export class TranscriptionService {
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly d: TranscriptionServiceDeps) {
    this.env = d.env ?? process.env;
    d.jobs.register(transcribeJob({ repos: d.repos, dataDir: d.dataDir, now: d.now, transcriber: () => this.transcriber(), maxChunkBytes: d.maxChunkBytes }));
  }

  /** The stored settings (defaults for anything missing or invalid). */
  settings(): TranscriptionSettings {
    return this.d.repos.settings.get(SETTINGS_KEY, TranscriptionSettings, DEFAULT_SETTINGS);
  }

  /** Changes settings; turning auto-transcribe on starts it from now (older calls are a batch's job). */
  setSettings(patch: Partial<TranscriptionSettings>): TranscriptionSettings {
    const before = this.settings();
    const next = TranscriptionSettings.parse({ ...before, ...patch });
    this.d.repos.settings.set(SETTINGS_KEY, next);
    if (next.autoTranscribe && !before.autoTranscribe) this.d.repos.settings.set(AUTO_SINCE_KEY, this.d.now());
    return next;
  }

  /** Key, API base and settings as the Settings panel shows them. */
  status(): OpenAiStatus {
    const base = openAiBaseUrl(this.env);
    let key: string | null = null;
    let problem = this.d.keys.storeProblem();
    try {
      key = this.d.keys.load();
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    return {
      configured: key !== null,
      maskedKey: key === null ? null : maskKey(key),
      origin: this.d.keys.origin,
      storeProblem: problem,
      configError: base.error,
      apiBaseUrl: base.url ?? DEFAULT_API,
      settings: this.settings(),
    };
  }

  /** Stores a key (Electron's keychain only); the value is validated and never logged. */
  saveKey(input: string): OpenAiStatus {
    this.d.keys.save(OpenAiKeyInput.parse(input));
    return this.status();
  }

  /** Forgets the stored key. */
  clearKey(): OpenAiStatus {
    this.d.keys.clear();
    return this.status();
  }

  /** Lists models with the key: ok, rejected (401/403) or unreachable. */
  async testConnection(): Promise<ConnectionTest> {
    const t = this.transcriber();
    if (!t) return { result: 'rejected', message: 'No OpenAI API key is set.' };
    try {
      await t.testConnection(AbortSignal.timeout(15_000));
      return { result: 'ok', message: `Connected to ${this.status().apiBaseUrl}.` };
    } catch (err) {
      const e = classifyError(err, { service: 'OpenAI' });
      const rejected = e.code === 'unauthorized' || e.code === 'forbidden' || e.code === 'quota';
      return { result: rejected ? 'rejected' : 'unreachable', message: e.message };
    }
  }

  /** Queues calls for transcription (at most one active job per call); options default to the settings'. */
  request(callIds: readonly number[], options: TranscriptionOptionsInput | undefined, reason: TranscribePayload['reason']): TranscribeRequestResult {
    const settings = this.settings();
    const opts = TranscriptionOptions.parse({ ...settings.defaults, ...options });
    const prompt = [opts.useVocabulary ? settings.vocabulary.trim() : '', opts.prompt.trim()].filter((s) => s !== '').join('\n');
    const out: TranscribeRequestResult = { queued: [], alreadyQueued: [], skipped: [] };
    for (const callId of new Set(callIds)) {
      if (!this.d.repos.calls.row(callId)) {
        out.skipped.push({ callId, reason: 'no such call' });
        continue;
      }
      if (!this.d.repos.audio.forCall(callId).some((a) => a.missing === 0)) {
        out.skipped.push({ callId, reason: 'no audio on disk' });
        continue;
      }
      const payload: TranscribePayload = { callId, options: opts, prompt, reason };
      const { job, created } = this.d.jobs.enqueue(TRANSCRIBE_JOB, payload, { callId, priority: reason === 'auto' ? -1 : 0 });
      if (!created) {
        out.alreadyQueued.push({ callId, jobId: job.id });
        continue;
      }
      out.queued.push({ callId, jobId: job.id });
      addTranscriptionActivity(this.d.repos, callId, 'transcription_requested', { label: 'Transcription requested', jobId: job.id, reason, model: opts.model, language: opts.language }, this.d.now());
    }
    return out;
  }

  /** Queues every call that has audio and no transcript at all. */
  requestMissing(options?: TranscriptionOptionsInput): TranscribeRequestResult {
    return this.request(this.d.repos.transcripts.callsWithoutTranscript(), options, 'batch');
  }

  /** Auto-transcribe: queues calls added since the setting was turned on that were never queued; returns how many. */
  queueNewRecordings(): number {
    if (!this.settings().autoTranscribe) return 0;
    const since = this.d.repos.settings.get(AUTO_SINCE_KEY, z.string(), this.d.now());
    const ids = this.d.repos.transcripts.newCallsToTranscribe(since, TRANSCRIBE_JOB);
    return ids.length === 0 ? 0 : this.request(ids, undefined, 'auto').queued.length;
  }

  private transcriber(): Transcriber | null {
    const key = this.d.keys.load();
    if (key === null) return null;
    const base = openAiBaseUrl(this.env);
    if (base.error) throw new Error(base.error);
    return this.d.transcriber ? this.d.transcriber(key, base.url) : openAiTranscriber({ apiKey: key, baseURL: base.url ?? undefined, fetch: this.d.fetch });
  }
}
