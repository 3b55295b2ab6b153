import type { z } from 'zod';
import { AnalysisRecord, CallMetrics } from '../../../shared/analysis.js';
import { AppError } from '../../../shared/ipc/envelope.js';
import { LlmAnalysis, LlmAnalysisSettings, LlmModel, type AnalyzeRequestResult, type CallAnalysisView, type LlmAnalysisSettingsPatch } from '../../../shared/llm-analysis.js';
import type { Repos } from '../db/repos/index.js';
import type { EventBus } from '../events.js';
import type { JobQueue } from '../jobs/queue.js';
import { TRANSCRIBE_JOB } from '../transcription/transcribe-job.js';
import { openAiBaseUrl, type OpenAiKeyStore } from '../transcription/openai-key.js';
import { ANALYZE_JOB, analyzeJob, type AnalyzePayload } from './llm-analysis-job.js';
import { openAiAnalyzer, type Analyzer } from './llm-client.js';

const SETTINGS_KEY = 'analysis.llm.settings';

/** What the service needs from the core. */
export interface LlmAnalysisServiceDeps {
  repos: Repos;
  bus: EventBus;
  jobs: JobQueue;
  now: () => string;
  keys: OpenAiKeyStore;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  log?: (m: string) => void;
  /** Replaces the OpenAI analyzer (tests that count or script calls). */
  analyzer?: (apiKey: string, baseURL: string | null) => Analyzer;
}

/** How a request is made. */
export interface AnalyzeRequestOptions {
  /** Overrides the settings' model for this request. */
  model?: string;
  reason?: AnalyzePayload['reason'];
}

const StoredLlm = AnalysisRecord.extend({ payload: LlmAnalysis });
const StoredMetrics = AnalysisRecord.extend({ payload: CallMetrics });

/**
 * LLM analysis of calls: requests (one queued job per call, for the version active at the
 * request), settings, the current result and history, and auto-analysis after each successful
 * transcription when the setting is on.
 */
export class LlmAnalysisService {
  private readonly env: NodeJS.ProcessEnv;
  private readonly off: () => void;
  /** Transcription jobs already answered with an auto-analysis; a job's success may be announced more than once. */
  private readonly autoSeen = new Set<number>();

  constructor(private readonly d: LlmAnalysisServiceDeps) {
    this.env = d.env ?? process.env;
    d.jobs.register(analyzeJob({ repos: d.repos, now: d.now, analyzer: () => this.analyzer() }));
    this.off = d.bus.onAny((event, payload) => {
      if (event !== 'jobs:changed' || !('type' in payload) || payload.type !== TRANSCRIBE_JOB || payload.state !== 'succeeded' || payload.callId === null) return;
      if (this.autoSeen.has(payload.id)) return;
      this.autoSeen.add(payload.id);
      // A failure here must not break the job that announced its success.
      try {
        if (this.settings().autoAnalyze) this.request([payload.callId], { reason: 'auto' });
      } catch (err) {
        d.log?.(`auto-analyze: ${String(err)}`);
      }
    });
  }

  /** Stops listening for finished transcriptions. */
  stop(): void {
    this.off();
  }

  /** The stored settings (defaults for anything missing or invalid). */
  settings(): LlmAnalysisSettings {
    return this.d.repos.settings.get(SETTINGS_KEY, LlmAnalysisSettings, {});
  }

  /** Changes settings; a bad value is refused with what is wrong. */
  setSettings(patch: LlmAnalysisSettingsPatch): LlmAnalysisSettings {
    const parsed = LlmAnalysisSettings.safeParse({ ...this.settings(), ...patch });
    if (!parsed.success) throw new AppError('bad-request', `Invalid analysis settings: ${issue(parsed.error)}`);
    this.d.repos.settings.set(SETTINGS_KEY, parsed.data);
    return parsed.data;
  }

  /** Queues an analysis of each call's active transcript version (at most one active job per call). */
  request(callIds: readonly number[], opts: AnalyzeRequestOptions = {}): AnalyzeRequestResult {
    const s = this.settings();
    const picked = LlmModel.safeParse(opts.model ?? s.model);
    if (!picked.success) throw new AppError('bad-request', `Invalid model: ${issue(picked.error)}`);
    const out: AnalyzeRequestResult = { queued: [], alreadyQueued: [], skipped: [] };
    for (const callId of new Set(callIds)) {
      if (!this.d.repos.calls.row(callId)) {
        out.skipped.push({ callId, reason: 'no such call' });
        continue;
      }
      const active = this.d.repos.transcripts.active(callId);
      if (!active || active.segments.every((seg) => seg.text.trim() === '')) {
        out.skipped.push({ callId, reason: 'no transcript to analyse' });
        continue;
      }
      const payload: AnalyzePayload = {
        callId,
        transcriptId: active.id,
        model: picked.data,
        flags: s.qaFlags,
        partTokenBudget: s.partTokenBudget,
        windowSec: s.windowSec,
        reason: opts.reason ?? 'manual',
      };
      const { job, created } = this.d.jobs.enqueue(ANALYZE_JOB, payload, { callId, priority: payload.reason === 'auto' ? -1 : 0 });
      (created ? out.queued : out.alreadyQueued).push({ callId, jobId: job.id });
    }
    return out;
  }

  /** The newest LLM analysis of the call's active transcript version, or null (also for a row this version cannot read). */
  current(callId: number): z.infer<typeof StoredLlm> | null {
    const active = this.d.repos.transcripts.active(callId);
    if (!active) return null;
    const parsed = StoredLlm.safeParse(this.d.repos.analyses.latest(callId, 'llm', active.id));
    return parsed.success ? parsed.data : null;
  }

  /** The analysis panel's data: current metrics and LLM analysis of the active version, and every run. */
  view(callId: number): CallAnalysisView {
    if (!this.d.repos.calls.row(callId)) throw new AppError('not-found', `There is no call with id ${callId}.`);
    const metrics = StoredMetrics.safeParse(this.d.repos.analyses.current(callId, 'metrics'));
    return {
      callId,
      transcriptId: this.d.repos.transcripts.active(callId)?.id ?? null,
      metrics: metrics.success ? metrics.data : null,
      llm: this.current(callId),
      history: this.d.repos.analyses.list(callId).map(({ payload: _payload, ...run }) => run),
    };
  }

  private analyzer(): Analyzer | null {
    const key = this.d.keys.load();
    if (key === null) return null;
    const base = openAiBaseUrl(this.env);
    if (base.error) throw new Error(base.error);
    return this.d.analyzer ? this.d.analyzer(key, base.url) : openAiAnalyzer({ apiKey: key, baseURL: base.url ?? undefined, fetch: this.d.fetch });
  }
}

function issue(error: z.ZodError): string {
  const i = error.issues[0];
  return i ? `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}` : 'invalid';
}
