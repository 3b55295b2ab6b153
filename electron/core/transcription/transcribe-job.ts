import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { estimateCostUsd, TranscriptionOptions, type TranscriptionRunInfo } from '../../../shared/transcription.js';
import type { Speaker } from '../../../shared/types.js';
import type { Repos } from '../db/repos/index.js';
import type { SegmentWrite } from '../db/repos/transcripts-repo.js';
import { Mp3Error } from '../audio/mp3.js';
import { WavError } from '../audio/wav-header.js';
import { JobError } from '../jobs/job-error.js';
import type { JobHandler } from '../jobs/types.js';
import { chunkChannel } from './chunk-audio.js';
import { diarizedSpeaker, mergeSides, NoAudioError, placeSegments, planChannels } from './channel-plan.js';
import { languageCode } from './language.js';
import type { Transcriber } from './openai-transcriber.js';
import { addTranscriptionActivity } from './transcription-activity.js';

/** The job type name, as `callreview jobs` lists it. */
export const TRANSCRIBE_JOB = 'transcribe';

/** Why a run was asked for; shown in the history. */
export const TranscribeReason = z.enum(['auto', 'manual', 'batch', 'retranscribe']);

/** A transcription job's payload: the options and the final prompt are fixed when it is requested. */
export const TranscribePayload = z.object({
  callId: z.number().int().positive(),
  options: TranscriptionOptions,
  prompt: z.string().max(5000),
  reason: TranscribeReason,
});
export type TranscribePayload = z.infer<typeof TranscribePayload>;

/** What the job needs: the library, somewhere for chunk files, and a transcriber (null when no key is set). */
export interface TranscribeDeps {
  repos: Repos;
  dataDir: string;
  now: () => string;
  transcriber: () => Transcriber | null;
  /** Chunk size limit; tests shrink it to force several chunks. */
  maxChunkBytes?: number;
}

// Chunks with less speech than this are not sent: Whisper invents text for silence.
const MIN_SPEECH_SEC = 0.2;

/** The transcription job: each side on its own, chunked under the upload limit, merged in time order. */
export function transcribeJob(deps: TranscribeDeps): JobHandler<TranscribePayload> {
  return {
    type: TRANSCRIBE_JOB,
    payload: TranscribePayload,
    maxAttempts: 5,
    service: 'OpenAI',
    dedupeKey: (p) => `transcribe:${p.callId}`,
    async run(p, ctx) {
      const call = deps.repos.calls.row(p.callId);
      if (!call) throw new JobError('no-call', 'The call was removed from the library before it could be transcribed.', { retryable: false });
      const transcriber = deps.transcriber();
      if (!transcriber) throw new JobError('no-key', 'No OpenAI API key is set. Add one in Settings (or set OPENAI_API_KEY), then retry.', { retryable: false });
      const roles = JSON.parse(call.channel_roles) as Speaker[];
      let sides;
      try {
        sides = planChannels(deps.repos.audio.forCall(p.callId), roles);
      } catch (err) {
        if (err instanceof NoAudioError) throw new JobError('no-audio', err.message, { retryable: false });
        throw err;
      }
      // Diarization needs one voice-mixed channel; a call with both sides on their own is already split.
      const diarize = p.options.model === 'gpt-4o-transcribe-diarize';
      const work = diarize ? sides.slice(0, 1) : sides;
      const total = work.reduce((n, s) => n + Math.max(s.durationSec, 0.001), 0);
      const dir = join(deps.dataDir, 'tmp', `transcribe-${ctx.job.id}`);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const started = Date.now();
      let before = 0;
      let billedSec = 0;
      let chunks = 0;
      let language: string | null = p.options.language === 'auto' ? null : p.options.language;
      const placed: SegmentWrite[][] = [];
      try {
        for (const side of work) {
          const seen: string[] = [];
          const segs: SegmentWrite[] = [];
          const report = (doneSec: number): void => {
            const fraction = Math.min(0.99, (before + doneSec) / total);
            const elapsed = (Date.now() - started) / 1000;
            const eta = fraction > 0.02 ? Math.round((elapsed / fraction) * (1 - fraction)) : null;
            ctx.progress(fraction, `${side.speaker === 'unknown' ? 'Audio' : cap(side.speaker)} side: ${Math.round(doneSec)} of ${Math.round(side.durationSec)} s`, eta);
          };
          const stream = chunkChannel({ path: side.path, format: side.format }, side.channel, { outDir: dir, signal: ctx.signal, ...(deps.maxChunkBytes ? { maxBytes: deps.maxChunkBytes } : {}) });
          for await (const chunk of stream) {
            if (chunk.speechSec >= MIN_SPEECH_SEC) {
              const res = await transcriber.transcribe(
                { path: chunk.path, durationSec: chunk.endSec - chunk.startSec },
                { model: p.options.model, language, prompt: p.prompt, temperature: p.options.temperature, wordTimestamps: p.options.wordTimestamps },
                ctx.signal,
              );
              billedSec += res.billedSec;
              chunks++;
              // Later chunks keep the language the first one settled on, so one call does not switch mid-way.
              language ??= languageCode(res.language);
              segs.push(...placeSegments(res.segments, chunk.startSec, side, diarize ? (l) => diarizedSpeaker(l, seen, roles) : undefined, res.words));
            }
            await rm(chunk.path, { force: true });
            report(chunk.endSec);
          }
          placed.push(segs);
          before += Math.max(side.durationSec, 0.001);
        }
      } catch (err) {
        // A file that cannot be decoded will not decode on the next try either.
        if (err instanceof WavError || err instanceof Mp3Error) throw new JobError('bad-audio', `The call's audio could not be read: ${err.message}`, { retryable: false, cause: err });
        throw err;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      const segments = mergeSides(placed);
      const info: TranscriptionRunInfo = {
        model: p.options.model,
        language: language ?? 'unknown',
        billedSec: Math.round(billedSec * 10) / 10,
        costUsd: estimateCostUsd(p.options.model, billedSec),
        chunks,
        segments: segments.length,
      };
      let versionId = 0;
      return {
        result: { ...info },
        commit: () => {
          const now = deps.now();
          const params = { ...p.options, prompt: p.prompt, reason: p.reason, ...info };
          versionId = deps.repos.transcripts.add(p.callId, { source: 'openai', engine: 'openai', model: p.options.model, params, activate: true }, segments, now);
          const version = deps.repos.transcripts.versionNumber(versionId);
          addTranscriptionActivity(deps.repos, p.callId, 'call_transcription', { label: 'Transcribed', transcriptId: versionId, version, ...info, jobId: ctx.job.id }, now);
        },
      };
    },
    onFailed(job, error) {
      if (job.callId === null || !deps.repos.calls.row(job.callId)) return;
      addTranscriptionActivity(deps.repos, job.callId, 'transcription_failed', { label: 'Transcription failed', code: error.code, message: error.message, jobId: job.id }, deps.now());
    },
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
