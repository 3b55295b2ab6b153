import { AppError } from '../../../shared/ipc/envelope.js';
import type { Repos } from '../db/repos/index.js';
import type { TagChange } from '../db/repos/tags-repo.js';
import { addReviewActivity } from '../transcription/transcription-activity.js';

/**
 * Sets a call's tags and, when they changed, records a `tags_changed` activity in the call's group,
 * in the same transaction so the history never disagrees with the tags.
 */
export function setCallTags(repos: Repos, now: string, callId: number, tags: readonly string[]): TagChange {
  if (!repos.calls.row(callId)) throw new AppError('not-found', `There is no call with id ${callId}.`);
  return repos.db.transaction((): TagChange => {
    const change = repos.tags.set(callId, tags, now);
    if (change.added.length > 0 || change.removed.length > 0) addReviewActivity(repos, callId, 'tags_changed', { ...change }, now);
    return change;
  })();
}
