import type { Comment, TimelineEntry, TimelineGroup } from '../../shared/review.js';
import { activityLabel } from '../../shared/activity-labels.js';

/*
 * Pure helpers of the review workflow's screens: the timeline's type filter chips, local days as
 * instants, what opening a timeline entry does, and short comment texts for waveform markers.
 */

/** One type filter chip: a reviewer's word for one or more activity types. */
export interface TypeChip {
  key: string;
  label: string;
  types: string[];
}

/** Activity types a reviewer thinks of as one kind (the three comment changes are "comments"). */
export const TYPE_CHIPS: readonly TypeChip[] = [
  { key: 'function_call', label: 'Function calls', types: ['function_call'] },
  { key: 'session_event', label: 'Session events', types: ['session_event'] },
  { key: 'comment', label: 'Comments', types: ['comment_added', 'comment_edited', 'comment_deleted'] },
  { key: 'score', label: 'Scores', types: ['score_submitted'] },
  { key: 'tags', label: 'Tags', types: ['tags_changed'] },
  { key: 'transcription', label: 'Transcription', types: ['transcription_requested', 'call_transcription', 'transcription_failed'] },
  { key: 'transcript_viewed', label: 'Transcript viewed', types: ['transcript_viewed'] },
  { key: 'analysis', label: 'Analysis', types: ['analysis_completed', 'analysis_failed'] },
  { key: 'recording', label: 'Recordings', types: ['call_recording'] },
  { key: 'sync_error', label: 'Sync errors', types: ['sync_error'] },
  { key: 'exported', label: 'Exports', types: ['exported'] },
];

/** A chip with how many entries of the unfiltered timeline it covers. */
export interface CountedChip extends TypeChip {
  count: number;
}

/**
 * The chips worth offering for a timeline: the known kinds present in it (in the fixed order) and
 * any other child type under its own label; the call header is every group's top, not a filter.
 */
export function chipsFor(groups: readonly TimelineGroup[]): CountedChip[] {
  const counts = new Map<string, number>();
  for (const g of groups) for (const c of g.children) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  const out: CountedChip[] = [];
  const known = new Set<string>();
  for (const chip of TYPE_CHIPS) {
    chip.types.forEach((t) => known.add(t));
    const count = chip.types.reduce((n, t) => n + (counts.get(t) ?? 0), 0);
    if (count > 0) out.push({ ...chip, count });
  }
  for (const [type, count] of counts) {
    if (known.has(type) || type === 'call') continue;
    out.push({ key: type, label: activityLabel({ type, payload: {} }), types: [type], count });
  }
  return out;
}

/** The activity types of the chosen chip keys, for the `types` filter; unknown keys are types themselves. */
export function typesOfChips(keys: readonly string[]): string[] {
  const types = keys.flatMap((k) => TYPE_CHIPS.find((c) => c.key === k)?.types ?? [k]);
  return [...new Set(types)];
}

/**
 * A date input's day (YYYY-MM-DD, the reviewer's own calendar) as the instant it starts or, for an
 * end bound, the last millisecond it holds; the core reads bare days as UTC days, the reviewer does not.
 */
export function localDayBound(day: string, end: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (m === null) return undefined;
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(start.getTime())) return undefined;
  if (!end) return start.toISOString();
  const next = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
  return new Date(next.getTime() - 1).toISOString();
}

/** Where in the recording an entry is, in seconds: its reference's moment, or the offset of anything but the call itself. */
export function entryMoment(e: TimelineEntry): number | null {
  if (e.refersTo.timeSec !== undefined) return e.refersTo.timeSec;
  return e.type === 'call' ? null : e.offsetSec;
}

/** What opening a timeline entry does. */
export type EntryAction =
  | { kind: 'seek'; time: number }
  | { kind: 'segment'; time: number | null }
  | { kind: 'comment'; id: number; time: number | null }
  | { kind: 'score'; id: number }
  | { kind: 'analysis' }
  | { kind: 'transcript'; id: number | null }
  | { kind: 'player'; time: number | null }
  | { kind: 'open-call'; callId: number };

/**
 * The action behind an entry of call `entryCallId` while `openCallId` is open: an entry of another
 * call (the contact timeline) opens that call; otherwise its reference decides. Null: nothing to open.
 */
export function entryAction(e: TimelineEntry, entryCallId: number, openCallId: number | null): EntryAction | null {
  if (entryCallId !== openCallId) return { kind: 'open-call', callId: entryCallId };
  const ref = e.refersTo;
  const time = entryMoment(e);
  switch (ref.kind) {
    case 'segment':
      return { kind: 'segment', time };
    case 'comment':
      return ref.id === undefined ? (time === null ? null : { kind: 'seek', time }) : { kind: 'comment', id: ref.id, time };
    case 'score':
      return ref.id === undefined ? null : { kind: 'score', id: ref.id };
    case 'analysis':
      return { kind: 'analysis' };
    case 'transcript':
      return { kind: 'transcript', id: ref.id ?? null };
    case 'recording':
      return { kind: 'player', time };
    case 'call':
      return time === null ? null : { kind: 'seek', time };
    default:
      return null;
  }
}

/** How an entry's open button describes itself (its title and accessible hint). */
export function actionHint(a: EntryAction): string {
  switch (a.kind) {
    case 'seek':
    case 'player':
      return 'Move the playhead here';
    case 'segment':
      return 'Show in the transcript';
    case 'comment':
      return 'Show the comment';
    case 'score':
      return 'Open the scorecard';
    case 'analysis':
      return 'Show the analysis';
    case 'transcript':
      return 'Show the transcript';
    case 'open-call':
      return 'Open this call';
  }
}

/** The first words of a comment for a waveform label: one line, at most `max` characters. */
export function commentExcerpt(text: string, max = 28): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** Comments not deleted, in time order (what the waveform marks). */
export function liveComments(comments: readonly Comment[]): Comment[] {
  return comments.filter((c) => c.deletedAt === null).sort((a, b) => a.start - b.start || a.id - b.id);
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** An ISO instant as the reviewer's local time of day, or a dash. */
export function timeOfDay(iso: string | null): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : clock.format(d);
}

/** An ISO instant as a short local date and time, or a dash. */
export function shortDateTime(iso: string | null): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dayAndClock.format(d);
}

/** A score percent for display ("83.33 %"), or a dash when nothing counted yet. */
export function formatPercent(p: number | null): string {
  return p === null ? '—' : `${Number.isInteger(p) ? p : p.toFixed(2).replace(/0$/, '')} %`;
}
