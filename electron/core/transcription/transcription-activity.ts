import type { Repos } from '../db/repos/index.js';

/** Adds a transcription event to the call's history, as a child of its call activity in the call's group. */
export function addTranscriptionActivity(repos: Repos, callId: number, type: 'transcription_requested' | 'call_transcription' | 'transcription_failed', payload: Record<string, unknown>, now: string): number {
  return addReviewActivity(repos, callId, type, payload, now);
}

/** Adds review work done by the app (transcription, analysis) to the call's history, as a child of its call activity in the call's group. */
export function addReviewActivity(repos: Repos, callId: number, type: string, payload: Record<string, unknown>, now: string): number {
  const call = repos.calls.row(callId);
  const parent = repos.activities.callActivity(callId);
  // Calls imported before their history existed get a call activity grouped by their external id.
  const groupId = parent?.groupId ?? call?.external_id ?? null;
  const parentId = parent?.id ?? (groupId === null ? null : repos.activities.ensureCallActivity(callId, call?.started_at ?? null, groupId, {}, now, false));
  // Review work happens after the call: it has a time but no offset into the recording.
  return repos.activities.add({ callId, type, at: now, offsetSec: null, origin: 'app', payload, parentId, groupId }, now);
}
