/*
 * How activities read to a person: the name of a function call or session event as the various
 * sources spell it, and a label per activity type for the timeline (app, CLI, exports).
 */

/** The smallest activity shape the helpers below need. */
export interface ActivityLike {
  type: string;
  payload: Record<string, unknown>;
}

/** The first payload field present among several names, since sources spell them differently. */
export function pick(payload: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) if (payload[k] !== undefined) return payload[k];
  return undefined;
}

/** Payload fields that name a function call or an event, as various sources spell them. */
export const NAME_KEYS = ['name', 'function', 'functionName', 'function_name', 'tool'];
export const ARG_KEYS = ['arguments', 'args', 'parameters', 'input'];
export const RESULT_KEYS = ['result', 'output', 'response', 'return'];
export const EVENT_KEYS = ['event', 'name', 'type', 'kind'];

/** The display name of a function call or session event, with a generic word when the payload has none. */
export function activityName(activity: ActivityLike): string {
  const fn = activity.type === 'function_call';
  const name = pick(activity.payload, fn ? NAME_KEYS : EVENT_KEYS);
  return typeof name === 'string' ? name : fn ? 'function' : 'event';
}

/** Fixed labels of the activity types the app and the importers write. */
export const ACTIVITY_LABELS: Readonly<Record<string, string>> = {
  call: 'Call',
  call_recording: 'Recording available',
  sync_error: 'Sync error',
  transcription_requested: 'Transcription requested',
  call_transcription: 'Transcription completed',
  transcription_failed: 'Transcription failed',
  analysis_completed: 'Analysis completed',
  analysis_failed: 'Analysis failed',
  transcript_viewed: 'Transcript viewed',
  comment_added: 'Comment added',
  comment_edited: 'Comment edited',
  comment_deleted: 'Comment deleted',
  score_submitted: 'Score submitted',
  tags_changed: 'Tags changed',
  exported: 'Exported',
  export: 'Exported',
};

/** A human label for an activity: fixed per type, named for function calls and session events, else the payload's label or the type in words. */
export function activityLabel(activity: ActivityLike): string {
  const { type, payload } = activity;
  if (type === 'function_call') return `Function call: ${activityName(activity)}`;
  if (type === 'session_event') return `Session event: ${activityName(activity)}`;
  // A re-run is the same job type; only its reason tells the reviewer it replaced an earlier version.
  if (type === 'transcription_requested' && payload.reason === 'retranscribe') return 'Re-transcription requested';
  const fixed = ACTIVITY_LABELS[type];
  if (fixed !== undefined) return fixed;
  if (typeof payload.label === 'string' && payload.label.trim() !== '') return payload.label;
  const words = type.replace(/[_-]+/g, ' ').trim();
  return words === '' ? 'Activity' : words.charAt(0).toUpperCase() + words.slice(1);
}
