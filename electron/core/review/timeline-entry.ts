import { ARG_KEYS, activityLabel, activityName, pick } from '../../../shared/activity-labels.js';
import type { TimelineEntry, TimelineRef } from '../../../shared/review.js';
import type { TimelineActivityRow } from '../db/repos/timeline-repo.js';

/** How long a summary line may get. */
const SUMMARY_MAX = 140;

/** Finds the audio file a Recording SID was downloaded to (for "Recording available" entries). */
export type RecordingLookup = (callId: number, recordingSid: string) => number | null;

const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line;
}

function compactJson(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** A one-line description of what an activity's payload says, or null when it says nothing worth a line. */
export function summarize(type: string, p: Record<string, unknown>): string | null {
  switch (type) {
    case 'call': {
      if (p.source === 'twilio') {
        const parties = [str(p.from), str(p.to)].filter((x) => x !== undefined).join(' → ');
        return clip([parties, str(p.direction)].filter((x) => x !== undefined && x !== '').join(', ')) || null;
      }
      return str(p.externalId) ?? null;
    }
    case 'call_recording': {
      const parts = [str(p.recordingSid), num(p.durationSec) === undefined ? undefined : `${Math.round(num(p.durationSec)!)} s`, int(p.channels) === undefined ? undefined : `${int(p.channels)} ch`];
      return parts.filter((x) => x !== undefined).join(', ') || null;
    }
    case 'function_call': {
      const args = compactJson(pick(p, ARG_KEYS));
      return clip(`${activityName({ type, payload: p })}(${args})`);
    }
    case 'session_event': {
      const data = compactJson(p.data);
      return data === '' ? null : clip(data);
    }
    case 'call_transcription':
    case 'transcript_viewed':
      return int(p.version) === undefined ? null : `version ${int(p.version)}${str(p.model) ? `, ${String(p.model)}` : ''}`;
    case 'transcription_requested':
      return [str(p.model), str(p.language)].filter((x) => x !== undefined).join(', ') || null;
    case 'analysis_completed':
      return int(p.run) === undefined ? null : `run ${int(p.run)}${str(p.model) ? `, ${String(p.model)}` : ''}`;
    case 'comment_added':
    case 'comment_edited':
    case 'comment_deleted':
      return str(p.text) === undefined ? null : clip(String(p.text));
    case 'tags_changed': {
      const list = (v: unknown, sign: string): string[] => (Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string').map((t) => `${sign}${t}`) : []);
      return clip([...list(p.added, '+'), ...list(p.removed, '−')].join(', ')) || null;
    }
    case 'score_submitted': {
      const percent = num(p.percent);
      const what = `${str(p.rubricName) ?? 'Rubric'}${int(p.rubricVersion) === undefined ? '' : ` v${int(p.rubricVersion)}`}`;
      return `${what}: ${percent === undefined ? '—' : `${percent}%`}${p.autoFailed === true ? ' (auto-fail)' : ''}`;
    }
    case 'export': {
      const formats = Array.isArray(p.formats) ? p.formats.filter((f): f is string => typeof f === 'string').join(', ') : '';
      return clip(`${formats}${p.redacted === true ? ' (redacted)' : ''}${str(p.path) ? ` → ${String(p.path)}` : ''}`) || null;
    }
    default:
      return str(p.message) === undefined ? null : clip(String(p.message));
  }
}

/** Where an activity leads when opened: the call at its moment, a transcript version, a comment, a score… */
export function refersTo(a: TimelineActivityRow, p: Record<string, unknown>, recordings: RecordingLookup): TimelineRef {
  const at = (ref: TimelineRef, timeSec: number | undefined): TimelineRef => (timeSec === undefined ? ref : { ...ref, timeSec });
  const id = (kind: TimelineRef['kind'], v: unknown): TimelineRef => (int(v) === undefined ? { kind } : { kind, id: int(v)! });
  switch (a.type) {
    case 'call_recording': {
      const sid = str(p.recordingSid);
      const audioId = sid === undefined ? null : recordings(a.call_id, sid);
      return audioId === null ? { kind: 'recording' } : { kind: 'recording', id: audioId };
    }
    case 'transcription_requested':
    case 'transcription_failed':
    case 'call_transcription':
    case 'transcript_viewed':
      return id('transcript', p.transcriptId);
    case 'analysis_completed':
    case 'analysis_failed':
      return id('analysis', p.analysisId);
    case 'comment_added':
    case 'comment_edited':
    case 'comment_deleted':
      return at(id('comment', p.commentId), num(p.start));
    case 'score_submitted':
      return id('score', p.scoreId);
    case 'exported':
    case 'export':
      return id('export', p.exportId);
    case 'sync_error':
      // Its offset is when the failed recording began, not a moment worth seeking to.
      return { kind: 'call', id: a.call_id };
    default:
      // Function calls, session events and anything else placed in the recording seek the player there.
      return at({ kind: 'call', id: a.call_id }, a.type === 'call' ? undefined : (a.offset_sec ?? undefined));
  }
}

/** One activity row as a timeline entry. */
export function toEntry(a: TimelineActivityRow, recordings: RecordingLookup): TimelineEntry {
  let payload: Record<string, unknown>;
  try {
    const parsed = JSON.parse(a.payload) as unknown;
    payload = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    // A damaged payload still shows the entry, just without details.
    payload = {};
  }
  return {
    id: a.id,
    type: a.type,
    label: activityLabel({ type: a.type, payload }),
    at: a.at,
    offsetSec: a.offset_sec,
    origin: a.origin,
    summary: summarize(a.type, payload),
    payload,
    refersTo: refersTo(a, payload, recordings),
  };
}
