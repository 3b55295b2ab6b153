import type { BridgeApi } from '../../shared/ipc/bridge.js';
import type { Envelope } from '../../shared/ipc/envelope.js';
import type { JobInfo, QueueStatus } from '../../shared/jobs.js';
import type { OpenAiStatus, TranscriptionSettings } from '../../shared/transcription.js';
import type { TwilioSettings, TwilioStatus } from '../../shared/twilio-types.js';
import { LlmAnalysisSettings } from '../../shared/llm-analysis.js';
import type { CallDetail, CallSummary } from '../../shared/types.js';

/** A handler the fake answers a channel with; throwing becomes an error envelope. */
export type FakeHandler = (input: unknown) => unknown;

/** A BridgeApi over plain functions, recording every call, for renderer tests. */
export class FakeBridge implements BridgeApi {
  readonly calls: Array<{ channel: string; input: unknown }> = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  private readonly handlers: Record<string, FakeHandler>;

  /**
   * Every window asks for the Twilio and OpenAI status, the jobs and the analysis settings, and an open call
   * for its versions, and the sidebar for saved searches; unless a test says otherwise both services are
   * unconfigured env mode, there are no jobs, versions or saved searches, and the analysis settings are the defaults.
   */
  constructor(handlers: Record<string, FakeHandler>) {
    this.handlers = {
      'twilio:status': () => twilioStatus({ configured: false, accountSid: null, credentialKind: null }),
      'transcription:status': () => openAiStatus({ configured: false, maskedKey: null }),
      'jobs:list': () => ({ status: queueStatus(), jobs: [] }),
      'transcripts:list': () => [],
      'analysis:settings': () => analysisSettings(),
      'search:saved:list': () => [],
      // The review workflow: an open call loads its comments and logs its transcript as viewed; the sidebar lists rubrics.
      'comments:list': () => [],
      'review:transcriptViewed': () => ({ logged: false, activityId: 1 }),
      'rubrics:list': () => [],
      'timeline:call': () => [],
      'scores:list': () => [],
      'review:scoreStats': () => [],
      // The dashboard's tag filter lists the tags in use.
      'tags:list': () => [],
      ...handlers,
    };
  }

  /** Answers from the handler table, as an envelope like a real shell would. */
  async invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
    this.calls.push({ channel, input });
    const handler = this.handlers[channel];
    if (handler === undefined) return { ok: false, error: { code: 'unknown-channel', message: `no fake for ${channel}` } };
    try {
      // A handler may answer later (a promise), so tests can hold a reply back.
      return { ok: true, value: await handler(input) };
    } catch (err) {
      return { ok: false, error: { code: 'bad-request', message: (err as Error).message } };
    }
  }

  /** Registers a listener; emit() delivers to it. */
  on(event: string, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }

  /** Pushes an event to every listener, as the main side would. */
  emit(event: string, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }

  /** The inputs sent on one channel, oldest first. */
  inputsOf(channel: string): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.input);
  }
}

/** A call summary with sensible defaults. */
export function summary(id: number, over: Partial<CallSummary> = {}): CallSummary {
  return {
    id,
    source: 'folder',
    sourceId: 1,
    externalId: `call-${id}`,
    startedAt: `2025-03-0${id}T10:00:00.000Z`,
    durationSec: 60 * id,
    channels: 2,
    hasAudio: true,
    audioMissing: false,
    hasTranscript: true,
    segmentCount: 2,
    functionCallCount: 1,
    direction: 'inbound',
    warnings: [],
    tags: [],
    ...over,
  };
}

/** A call detail with a two-line transcript and one function call. */
export function detail(id: number): CallDetail {
  return {
    ...summary(id),
    endedAt: null,
    folderPath: `/recordings/call-${id}`,
    channelRoles: ['caller', 'bot'],
    parties: [],
    audio: [
      {
        id: 1,
        variant: 'stereo',
        fileName: 'audio.wav',
        format: 'wav',
        sampleRate: 8000,
        channels: 2,
        bitsPerSample: 16,
        durationSec: 60,
        sizeBytes: 960_044,
        missing: false,
      },
    ],
    transcript: {
      id: 1,
      version: 1,
      params: {},
      source: 'import',
      engine: null,
      model: null,
      createdAt: '2025-03-01T10:00:00.000Z',
      active: true,
      segments: [
        { id: 1, speaker: 'bot', channel: 1, start: 0.4, end: 2, text: 'Hello, how can I help?', confidence: null },
        { id: 2, speaker: 'caller', channel: 0, start: 2.5, end: 4, text: 'I want to book a table.', confidence: null },
      ],
    },
    transcriptVersions: 1,
    activities: [
      {
        id: 1,
        type: 'function_call',
        at: null,
        offsetSec: 3.2,
        parentId: null,
        groupId: null,
        payload: { name: 'book_table', arguments: '{"people":2}', result: { ok: true } },
      },
    ],
  };
}

/** A Twilio status with defaults: configured from the environment, nothing synced yet. */
export function twilioStatus(over: Partial<TwilioStatus> = {}, settings: Partial<TwilioSettings> = {}): TwilioStatus {
  return {
    configured: true,
    accountSid: 'AC0123456789abcdef0123456789abcdef',
    credentialKind: 'auth-token',
    origin: 'env',
    storeProblem: 'In CLI and browser mode, Twilio credentials come from TWILIO_* variables; they are never stored.',
    configError: null,
    apiBaseUrl: 'https://api.twilio.com',
    sourceId: null,
    lastSyncAt: null,
    running: false,
    settings: { autoSyncMinutes: 0, autoTranscribe: false, deleteAfterDownload: false, ...settings },
    ...over,
  };
}

/** An OpenAI status with defaults: a key from OPENAI_API_KEY, default settings. */
export function openAiStatus(over: Partial<OpenAiStatus> = {}, settings: Partial<TranscriptionSettings> = {}): OpenAiStatus {
  return {
    configured: true,
    maskedKey: 'sk-…abcd',
    origin: 'env',
    storeProblem: 'In this mode the OpenAI key is read from the environment (OPENAI_API_KEY) and never stored.',
    configError: null,
    apiBaseUrl: 'https://api.openai.com/v1',
    settings: {
      vocabulary: '',
      defaults: { model: 'whisper-1', language: 'auto', useVocabulary: true, prompt: '', temperature: 0, wordTimestamps: false },
      autoTranscribe: false,
      ...settings,
    },
    ...over,
  };
}

/** A queue status: running, concurrency 2, counts as given. */
export function queueStatus(over: Partial<QueueStatus> = {}, counts: Partial<QueueStatus['counts']> = {}): QueueStatus {
  return { paused: false, concurrency: 2, counts: { queued: 0, running: 0, succeeded: 0, failed: 0, canceled: 0, ...counts }, ...over };
}

/** A transcription job of a call. */
export function job(id: number, callId: number | null, over: Partial<JobInfo> = {}): JobInfo {
  return {
    id,
    type: 'transcribe',
    callId,
    state: 'queued',
    priority: 0,
    attempts: 0,
    maxAttempts: 5,
    progress: null,
    progressNote: null,
    etaSec: null,
    errorCode: null,
    errorMessage: null,
    nextRunAt: null,
    createdAt: '2026-03-02T09:20:00.000Z',
    updatedAt: '2026-03-02T09:20:00.000Z',
    startedAt: null,
    finishedAt: null,
    result: null,
    ...over,
  };
}

/** The analysis settings: the defaults, with what a test changes. */
export function analysisSettings(over: Partial<LlmAnalysisSettings> = {}): LlmAnalysisSettings {
  return { ...LlmAnalysisSettings.parse({}), ...over };
}
