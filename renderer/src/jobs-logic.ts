import type { JobInfo, JobState } from '../../shared/jobs.js';
import type { OpenAiStatus } from '../../shared/transcription.js';
import type { CallDetail } from '../../shared/types.js';
import { formatPercent } from './transcription-format.js';

/** The job type of a transcription, as the core registers it. */
export const TRANSCRIBE_JOB = 'transcribe';

/** True while a job may still run: queued or running. */
export function isActiveJob(job: Pick<JobInfo, 'state'>): boolean {
  return job.state === 'queued' || job.state === 'running';
}

/** True when a job has ended and may be queued again. */
export function isRetryable(job: Pick<JobInfo, 'state'>): boolean {
  return job.state === 'failed' || job.state === 'canceled';
}

/** The newest transcription job of a call (by id) that passes a filter, or null. */
function newestTranscription(jobs: readonly JobInfo[], callId: number, keep: (j: JobInfo) => boolean): JobInfo | null {
  let best: JobInfo | null = null;
  for (const j of jobs) if (j.type === TRANSCRIBE_JOB && j.callId === callId && keep(j) && (best === null || j.id > best.id)) best = j;
  return best;
}

/** The newest transcription job of a call, whatever its state, or null. */
export function latestTranscription(jobs: readonly JobInfo[], callId: number): JobInfo | null {
  return newestTranscription(jobs, callId, () => true);
}

/** The queued or running transcription of a call, or null. */
export function activeTranscription(jobs: readonly JobInfo[], callId: number): JobInfo | null {
  return newestTranscription(jobs, callId, isActiveJob);
}

/** True when `a` is a later copy of a job than `b` (replies and events may arrive out of order). */
function newer(a: JobInfo, b: JobInfo): boolean {
  return a.updatedAt > b.updatedAt;
}

/**
 * Puts a changed job into the list (newest first), replacing its older copy; the list stays at most
 * `limit` long. A copy older than the one known (a late reply) changes nothing: the same array comes back.
 */
export function upsertJob(jobs: JobInfo[], job: JobInfo, limit = 500): JobInfo[] {
  const known = jobs.find((j) => j.id === job.id);
  if (known !== undefined && newer(known, job)) return jobs;
  const rest = jobs.filter((j) => j.id !== job.id);
  const at = rest.findIndex((j) => j.id < job.id);
  const next = at === -1 ? [...rest, job] : [...rest.slice(0, at), job, ...rest.slice(at)];
  return next.slice(0, limit);
}

/**
 * A freshly fetched list merged with what events already told: per job the later copy wins, and jobs
 * created after the list was read are kept.
 */
export function mergeJobs(current: readonly JobInfo[], fresh: readonly JobInfo[], limit = 500): JobInfo[] {
  const known = new Map(current.map((j) => [j.id, j]));
  const top = fresh.reduce((m, j) => Math.max(m, j.id), 0);
  const merged = fresh.map((f) => {
    const k = known.get(f.id);
    return k !== undefined && newer(k, f) ? k : f;
  });
  const later = current.filter((j) => j.id > top);
  return [...later, ...merged].sort((a, b) => b.id - a.id).slice(0, limit);
}

/** True when a job event ends a job this list knew as something else (or did not know at all). */
export function justEnded(before: readonly JobInfo[], job: JobInfo): boolean {
  if (isActiveJob(job)) return false;
  const prev = before.find((j) => j.id === job.id);
  return prev === undefined || prev.state !== job.state;
}

/** Why a call cannot be transcribed now, or null when it can. */
export function transcribeBlocker(call: Pick<CallDetail, 'hasAudio' | 'audio'>, status: OpenAiStatus | null): string | null {
  if (!call.hasAudio || call.audio.length === 0) return 'This call has no audio to transcribe.';
  if (call.audio.every((a) => a.missing)) return "This call's audio files are missing on disk.";
  if (status === null) return 'Checking the OpenAI key…';
  if (status.configError !== null) return status.configError;
  if (!status.configured) {
    return status.origin === 'env'
      ? 'No OpenAI API key: set OPENAI_API_KEY and restart CallReview.'
      : 'No OpenAI API key: add one under Transcription in the sidebar.';
  }
  return null;
}

/** True when both speakers share one channel, so only a diarizing model can tell them apart. */
export function isMonoCall(call: Pick<CallDetail, 'audio'>): boolean {
  const present = call.audio.filter((a) => !a.missing);
  const stereo = present.some((a) => a.variant === 'stereo' && (a.channels ?? 2) >= 2);
  const pair = present.some((a) => a.variant === 'caller') && present.some((a) => a.variant === 'agent');
  return !stereo && !pair;
}

const STATE_LABEL: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled',
};

/** A job's state in words, saying why a queued job is waiting. */
export function jobStateLabel(job: Pick<JobInfo, 'state' | 'attempts' | 'maxAttempts' | 'nextRunAt'>, paused: boolean): string {
  if (job.state === 'queued') {
    if (job.attempts > 0 && job.nextRunAt !== null) return `Waiting to retry (attempt ${job.attempts + 1} of ${job.maxAttempts})`;
    if (paused) return 'Queued (queue paused)';
  }
  return STATE_LABEL[job.state];
}

/** What the call's Transcribe control says while its job is active: "Queued…", "Transcribing 42%". */
export function transcribingText(job: Pick<JobInfo, 'state' | 'progress' | 'attempts' | 'maxAttempts' | 'nextRunAt'>, paused: boolean): string {
  if (job.state === 'queued') return job.attempts > 0 ? jobStateLabel(job, paused) : paused ? 'Queued (queue paused)…' : 'Queued…';
  const pct = formatPercent(job.progress);
  return pct === null ? 'Transcribing…' : `Transcribing ${pct}`;
}
