import { openAsBlob } from 'node:fs';
import OpenAI from 'openai';
import type { TranscriptionModel } from '../../../shared/transcription.js';

/** One line as the API returned it, times relative to the uploaded chunk. */
export interface ChunkSegment {
  start: number;
  end: number;
  text: string;
  confidence: number | null;
  /** The diarizing model's speaker label (A, B, …); absent for whisper-1. */
  speakerLabel?: string;
}

/** One word with its time, when word timestamps were asked for. */
export interface ChunkWord {
  start: number;
  end: number;
  word: string;
}

/** What one chunk's request produced. */
export interface ChunkTranscript {
  segments: ChunkSegment[];
  words: ChunkWord[];
  language: string | null;
  /** Seconds OpenAI bills for this request (its usage, else the chunk's length). */
  billedSec: number;
}

/** What a request asks for. */
export interface ChunkRequest {
  model: TranscriptionModel;
  /** ISO-639-1, or null to let the model detect it. */
  language: string | null;
  prompt: string;
  temperature: number;
  wordTimestamps: boolean;
}

/** Transcribes uploaded chunks; the job talks to this, tests and benchmarks to the fake behind it. */
export interface Transcriber {
  transcribe(chunk: { path: string; durationSec: number }, req: ChunkRequest, signal: AbortSignal): Promise<ChunkTranscript>;
  /** Lists models: proves the key and the base URL work. */
  testConnection(signal?: AbortSignal): Promise<void>;
}

/** How to reach OpenAI. */
export interface TranscriberConfig {
  apiKey: string;
  /** OPENAI_BASE_URL or the SDK's default. */
  baseURL?: string;
  fetch?: typeof fetch;
  /** Per request; a 24 MB upload on a slow line needs minutes. */
  timeoutMs?: number;
}

// Whisper's own defaults for "this is silence, not speech": decoding hallucinates text on silence.
const NO_SPEECH_PROB = 0.6;
const LOW_LOGPROB = -1;

/** A transcriber over the official SDK; its retries stay at one, because the job queue owns scheduling. */
export function openAiTranscriber(cfg: TranscriberConfig): Transcriber {
  const client = new OpenAI({
    apiKey: cfg.apiKey,
    baseURL: cfg.baseURL ?? null,
    fetch: cfg.fetch,
    maxRetries: 1,
    timeout: cfg.timeoutMs ?? 10 * 60_000,
  });
  return {
    async transcribe(chunk, req, signal) {
      // A Blob backed by the file on disk: the SDK passes a native File through untouched and the
      // request body streams from disk, so a 24 MB chunk is never held in memory (nor copied twice).
      const file = new File([await openAsBlob(chunk.path, { type: 'audio/wav' })], 'chunk.wav', { type: 'audio/wav' });
      const common = { file, ...(req.language ? { language: req.language } : {}), temperature: req.temperature };
      if (req.model === 'gpt-4o-transcribe-diarize') {
        const res = await client.audio.transcriptions.create(
          { ...common, model: req.model, response_format: 'diarized_json', chunking_strategy: 'auto' },
          { signal },
        );
        const diarized = res as unknown as DiarizedResponse;
        return {
          segments: (diarized.segments ?? []).map((s) => ({ start: s.start, end: s.end, text: s.text.trim(), confidence: null, speakerLabel: s.speaker })),
          words: [],
          language: req.language,
          billedSec: usageSeconds(diarized.usage) ?? chunk.durationSec,
        };
      }
      const res = await client.audio.transcriptions.create(
        {
          ...common,
          model: req.model,
          response_format: 'verbose_json',
          timestamp_granularities: req.wordTimestamps ? ['word', 'segment'] : ['segment'],
          ...(req.prompt ? { prompt: req.prompt } : {}),
        },
        { signal },
      );
      const segments = (res.segments ?? [])
        .filter((s) => !(s.no_speech_prob > NO_SPEECH_PROB && s.avg_logprob < LOW_LOGPROB))
        .map((s) => ({ start: s.start, end: s.end, text: s.text.trim(), confidence: Math.min(1, Math.max(0, Math.exp(s.avg_logprob))) }))
        .filter((s) => s.text !== '');
      return {
        segments,
        words: (res.words ?? []).map((w) => ({ start: w.start, end: w.end, word: w.word })),
        language: res.language ?? req.language,
        billedSec: usageSeconds(res.usage) ?? res.duration ?? chunk.durationSec,
      };
    },
    async testConnection(signal) {
      await client.models.list({ signal });
    },
  };
}

interface DiarizedResponse {
  segments?: Array<{ start: number; end: number; text: string; speaker: string }>;
  usage?: unknown;
}

function usageSeconds(usage: unknown): number | null {
  if (typeof usage !== 'object' || usage === null) return null;
  const u = usage as { type?: unknown; seconds?: unknown };
  return u.type === 'duration' && typeof u.seconds === 'number' ? u.seconds : null;
}
