import type { BridgeApi } from '../../shared/ipc/bridge.js';
import type { Envelope } from '../../shared/ipc/envelope.js';
import type { TwilioSettings, TwilioStatus } from '../../shared/twilio-types.js';
import type { CallDetail, CallSummary } from '../../shared/types.js';

/** A handler the fake answers a channel with; throwing becomes an error envelope. */
export type FakeHandler = (input: unknown) => unknown;

/** A BridgeApi over plain functions, recording every call, for renderer tests. */
export class FakeBridge implements BridgeApi {
  readonly calls: Array<{ channel: string; input: unknown }> = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  private readonly handlers: Record<string, FakeHandler>;

  /** Every window asks for the Twilio status; unless a test says otherwise it is unconfigured env mode. */
  constructor(handlers: Record<string, FakeHandler>) {
    this.handlers = { 'twilio:status': () => twilioStatus({ configured: false, accountSid: null, credentialKind: null }), ...handlers };
  }

  /** Answers from the handler table, as an envelope like a real shell would. */
  async invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
    this.calls.push({ channel, input });
    const handler = this.handlers[channel];
    if (handler === undefined) return { ok: false, error: { code: 'unknown-channel', message: `no fake for ${channel}` } };
    try {
      return { ok: true, value: handler(input) };
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
