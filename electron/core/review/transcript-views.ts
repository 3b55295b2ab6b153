import { AppError } from '../../../shared/ipc/envelope.js';
import type { Repos } from '../db/repos/index.js';
import { addReviewActivity } from '../transcription/transcription-activity.js';

/**
 * A second report of the same transcript within this window is the same opening (a component
 * mounted twice, a reload racing the first request), not a new view.
 */
export const TRANSCRIPT_VIEW_WINDOW_MS = 10_000;

/** Logs "Transcript viewed" once per opening of a transcript version, in the call's group. */
export function logTranscriptViewed(repos: Repos, now: () => string, callId: number, transcriptId: number): { logged: boolean; activityId: number } {
  const t = repos.timeline.transcriptOwner(transcriptId);
  if (!t || t.callId !== callId) throw new AppError('not-found', `Transcript ${transcriptId} is not a version of call ${callId}.`);
  return repos.db.transaction(() => {
    const at = now();
    const since = new Date(Date.parse(at) - TRANSCRIPT_VIEW_WINDOW_MS).toISOString();
    const recent = repos.timeline.recentActivity(callId, 'transcript_viewed', 'transcriptId', transcriptId, since);
    if (recent !== null) return { logged: false, activityId: recent };
    const activityId = addReviewActivity(repos, callId, 'transcript_viewed', { label: 'Transcript viewed', transcriptId, version: t.version }, at);
    return { logged: true, activityId };
  })();
}
