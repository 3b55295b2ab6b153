import { z } from 'zod';
import type { CallMetrics } from '../../../shared/analysis.js';
import { Speaker } from '../../../shared/types.js';
import { Mp3Error } from '../audio/mp3.js';
import { WavError } from '../audio/wav-header.js';
import { metricsDedupeKey } from '../db/repos/analyses-repo.js';
import type { Repos } from '../db/repos/index.js';
import { JobError } from '../jobs/job-error.js';
import type { JobHandler, JobOutcome } from '../jobs/types.js';
import { NoAudioError, planChannels, type ChannelSource } from '../transcription/channel-plan.js';
import { activityInfo, layoutOf, sidesActivity } from './audio-activity.js';
import { audioGivesTiming, buildCallMetrics } from './call-metrics.js';
import { functionCallsOf } from './function-calls.js';
import type { ActivityOptions } from './speech-activity.js';

/** The job type name, as `callreview jobs` lists it. */
export const METRICS_JOB = 'metrics';

/** A metrics job's payload: the call and the transcript version (null: audio only). */
export const MetricsPayload = z.object({
  callId: z.number().int().positive(),
  transcriptId: z.number().int().positive().nullable(),
});
export type MetricsPayload = z.infer<typeof MetricsPayload>;

/** What the job needs: the library and a clock; tests may tune the speech detector. */
export interface MetricsJobDeps {
  repos: Repos;
  now: () => string;
  activity?: ActivityOptions;
}

function readRoles(json: string): Speaker[] {
  try {
    const parsed = z.array(Speaker).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The sides of the call's audio on disk, or null when it has none. */
function planOf(repos: Repos, callId: number, roles: Speaker[]): ChannelSource[] | null {
  try {
    return planChannels(repos.audio.forCall(callId), roles);
  } catch (err) {
    if (err instanceof NoAudioError) return null;
    throw err;
  }
}

function isAudioProblem(err: unknown): boolean {
  return err instanceof WavError || err instanceof Mp3Error || (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('E'));
}

/**
 * Computes a call's metrics locally (no network) for one transcript version or from the audio
 * alone, and stores them as the next run in the job's own transaction. Audio that cannot be read
 * is left out with a note when there is a transcript to fall back on.
 */
export async function computeCallMetrics(deps: MetricsJobDeps, p: MetricsPayload, signal?: AbortSignal): Promise<CallMetrics> {
  const call = deps.repos.calls.row(p.callId);
  if (!call) throw new JobError('no-call', 'The call was removed from the library before its metrics were computed.', { retryable: false });
  const transcript = p.transcriptId === null ? null : deps.repos.transcripts.get(p.transcriptId);
  if (p.transcriptId !== null && (!transcript || transcript.callId !== p.callId)) {
    throw new JobError('no-transcript', `Transcript ${p.transcriptId} is not a version of call ${p.callId} (it may have been replaced by a re-import).`, { retryable: false });
  }
  const plan = planOf(deps.repos, p.callId, readRoles(call.channel_roles));
  if (!plan && !transcript) throw new JobError('no-audio', 'The call has neither a transcript nor audio on disk, so there is nothing to measure.', { retryable: false });
  const notes: string[] = [];
  let audio = null;
  // One-sided or mono audio adds nothing to a transcript's timing (see call-metrics.ts), so it is not read then.
  if (plan && (!transcript || audioGivesTiming(layoutOf(plan)))) {
    try {
      const sides = await sidesActivity(plan, { ...deps.activity, signal });
      audio = { info: activityInfo(plan, sides), sides };
    } catch (err) {
      if (signal?.aborted || !isAudioProblem(err)) throw err;
      const why = err instanceof Error ? err.message : String(err);
      if (!transcript) throw new JobError('bad-audio', `The call's audio could not be read: ${why}`, { retryable: false, cause: err });
      notes.push(`The audio could not be read (${why}); the timing comes from the transcript.`);
    }
  }
  const fileDuration = Math.max(0, ...deps.repos.audio.forCall(p.callId).map((r) => r.duration_sec ?? 0));
  return buildCallMetrics({
    durationSec: call.duration_sec ?? (fileDuration > 0 ? fileDuration : null),
    segments: transcript?.segments ?? null,
    audio,
    functionCalls: functionCallsOf(deps.repos.activities.forCall(p.callId)),
    notes,
  });
}

/** The `metrics` queue job: computes a call's metrics and stores them as a new run, keeping earlier runs. */
export function metricsJob(deps: MetricsJobDeps): JobHandler<MetricsPayload> {
  return {
    type: METRICS_JOB,
    payload: MetricsPayload,
    maxAttempts: 3,
    dedupeKey: (p) => metricsDedupeKey(p.callId, p.transcriptId),
    async run(p, ctx): Promise<JobOutcome> {
      ctx.progress(0, 'Measuring');
      let metrics: CallMetrics;
      try {
        metrics = await computeCallMetrics(deps, p, ctx.signal);
      } catch (err) {
        // The call or version was removed (or replaced by a re-import) before the job ran: nothing is left to measure.
        if (err instanceof JobError && (err.code === 'no-call' || err.code === 'no-transcript')) return { result: { skipped: err.code } };
        throw err;
      }
      return {
        result: { basis: metrics.basis, transcriptId: p.transcriptId },
        commit: () => {
          // A re-import may have replaced the version meanwhile; its successor gets a job of its own.
          if (!deps.repos.calls.row(p.callId)) return;
          if (p.transcriptId !== null && deps.repos.transcripts.versionNumber(p.transcriptId) === 0) return;
          deps.repos.analyses.add(p.callId, p.transcriptId, 'metrics', null, metrics, deps.now());
        },
      };
    },
  };
}
