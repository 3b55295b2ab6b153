import type { Peaks, PeaksLevel } from '../../../shared/audio.js';
import type { Activity, AudioFileInfo, AudioVariant, Segment, Speaker } from '../../../shared/types.js';
import { speakerLabel } from '../../../shared/format.js';
import { activityName } from '../activity-fields.js';

/**
 * The most peak buckets handed to wavesurfer: each redraw walks all of them, so an hour at the finest
 * level (360k) costs ~75 ms per draw; ≤ 131k keeps the first draw of an hour-long call fast, at 40 ms detail.
 */
export const MAX_PEAK_BUCKETS = 131_072;

/** Playback speeds the speed select offers, slowest first. */
export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** Calls longer than this get a minimap for navigating while zoomed in. */
export const MINIMAP_AFTER_SEC = 120;

/**
 * Index of the segment playing at `time`, or -1 between segments.
 * Segments must be sorted by start; a binary search finds the last one started, and
 * since turns may overlap (interruptions) a few earlier ones are checked when it has already ended.
 */
export function activeSegmentIndex(segments: ReadonlyArray<Pick<Segment, 'start' | 'end'>>, time: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.start <= time) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = last; i >= 0 && i > last - 8; i--) {
    if (time < segments[i]!.end) return i;
  }
  return -1;
}

/** The finest zoom level within the bucket budget; the coarsest if every level exceeds it. */
export function pickPeaksLevel(peaks: Peaks, maxBuckets = MAX_PEAK_BUCKETS): PeaksLevel | null {
  let best: PeaksLevel | null = null;
  let coarsest: PeaksLevel | null = null;
  for (const level of peaks.levels) {
    if (coarsest === null || level.buckets < coarsest.buckets) coarsest = level;
    if (level.buckets <= maxBuckets && (best === null || level.buckets > best.buckets)) best = level;
  }
  return best ?? coarsest;
}

const BEST_ORDER: AudioVariant[] = ['stereo', 'mono', 'caller'];

/** The file the `best` audio variant resolves to (stereo, else mono, else the caller side; the longest present one). */
export function bestAudio(audio: readonly AudioFileInfo[]): AudioFileInfo | null {
  for (const v of BEST_ORDER) {
    const present = audio.filter((a) => a.variant === v && !a.missing);
    if (present.length === 0) continue;
    present.sort((a, b) => (b.durationSec ?? -1) - (a.durationSec ?? -1) || b.sizeBytes - a.sizeBytes || a.id - b.id);
    return present[0]!;
  }
  return null;
}

/** Whether `best` is a derived stereo: no stereo or mono file, but both sides as mono files (the core pairs them). */
export function isPairedSides(audio: readonly AudioFileInfo[]): boolean {
  const present = (v: AudioVariant): boolean => audio.some((a) => a.variant === v && !a.missing);
  return !present('stereo') && !present('mono') && present('caller') && present('agent');
}

/** One waveform lane: what it carries and how it is drawn. */
export interface Lane {
  role: Speaker | 'mono';
  label: string;
  /** Full colour: progress, segment tint. */
  color: string;
  /** Lighter colour for the not-yet-played waveform. */
  waveColor: string;
}

const ROLE_COLORS: Record<Lane['role'], { color: string; waveColor: string }> = {
  caller: { color: '#2456c7', waveColor: '#8eaae6' },
  agent: { color: '#6b3fa0', waveColor: '#b59ad6' },
  bot: { color: '#6b3fa0', waveColor: '#b59ad6' },
  unknown: { color: '#4b5563', waveColor: '#a3acb9' },
  mono: { color: '#4b5563', waveColor: '#a3acb9' },
};

/** Makes a lane for a role with its label and colours. */
function lane(role: Lane['role'], label = role === 'mono' ? 'Mono' : speakerLabel(role)): Lane {
  return { role, label, ...ROLE_COLORS[role] };
}

/**
 * The lanes to draw for `channels` channels of the file `best` resolved to: a stereo file follows the
 * call's channel roles, a one-sided file is that side, a mono file is one mixed lane.
 */
export function lanesFor(channels: number, roles: readonly Speaker[], file: Pick<AudioFileInfo, 'variant'> | null): Lane[] {
  if (channels <= 1) {
    if (file?.variant === 'caller') return [lane(roles.includes('caller') ? 'caller' : (roles[0] ?? 'caller'))];
    if (file?.variant === 'agent') return [lane(roles.find((r) => r === 'agent' || r === 'bot') ?? 'agent')];
    return [lane('mono')];
  }
  return Array.from({ length: channels }, (_, i) => lane(roles[i] ?? 'unknown'));
}

/**
 * The lane a transcript segment belongs on: the lane labelled with its speaker (so a reviewer's channel
 * swap moves it), else its recorded channel, else none (drawn across all lanes).
 */
export function segmentLane(seg: Pick<Segment, 'speaker' | 'channel'>, lanes: readonly Lane[]): number {
  if (lanes.length <= 1) return -1;
  if (seg.speaker !== 'unknown') {
    const exact = lanes.findIndex((l) => l.role === seg.speaker);
    if (exact >= 0) return exact;
    // Agent and bot are the same side of a call under two names.
    const side = seg.speaker === 'caller' ? -1 : lanes.findIndex((l) => l.role === 'agent' || l.role === 'bot');
    if (side >= 0) return side;
  }
  return seg.channel !== null && seg.channel >= 0 && seg.channel < lanes.length ? seg.channel : -1;
}

/** A point on the timeline: a function call or a session event. */
export interface Marker {
  id: string;
  time: number;
  label: string;
  kind: 'function' | 'event';
}

/** Function calls and session events with an offset, as markers; a session event that only echoes a function call at the same moment is dropped. */
export function markersOf(activities: readonly Activity[]): Marker[] {
  const calls = activities.filter((a) => a.type === 'function_call' && a.offsetSec !== null);
  const out: Marker[] = calls.map((a) => ({ id: `fn-${a.id}`, time: a.offsetSec!, label: activityName(a), kind: 'function' }));
  for (const a of activities) {
    if (a.type !== 'session_event' || a.offsetSec === null) continue;
    const name = activityName(a);
    if (name === 'function_call' && calls.some((c) => Math.abs(c.offsetSec! - a.offsetSec!) < 0.05)) continue;
    out.push({ id: `ev-${a.id}`, time: a.offsetSec, label: name, kind: 'event' });
  }
  return out.sort((x, y) => x.time - y.time);
}

const LABEL_ROWS = 4;

/**
 * Stacks marker labels in rows so neighbours (a session start and a connect 0.1 s apart) do not print over
 * each other: each label takes the first row whose previous label ends before it starts, at `pxPerSec`.
 */
export function labelRows(markers: readonly Marker[], pxPerSec: number, charPx = 6): number[] {
  const rowEnds: number[] = [];
  return markers.map((m, i) => {
    const x = m.time * pxPerSec;
    let row = rowEnds.findIndex((end) => end + 4 <= x);
    if (row < 0) row = rowEnds.length < LABEL_ROWS ? rowEnds.length : i % LABEL_ROWS;
    rowEnds[row] = x + m.label.length * charPx + 8;
    return row;
  });
}

/** Per-channel gains: a soloed channel plays alone (solo wins over mute); otherwise muted channels are silent. */
export function channelGains(channels: number, muted: readonly boolean[], solo: number | null): number[] {
  return Array.from({ length: channels }, (_, i) => (solo !== null ? (i === solo ? 1 : 0) : muted[i] === true ? 0 : 1));
}

/** The next speed step up (+1) or down (-1) from `rate`, staying within SPEEDS. */
export function stepSpeed(rate: number, dir: 1 | -1): number {
  const i = SPEEDS.findIndex((s) => s >= rate - 1e-6);
  const at = i < 0 ? SPEEDS.length - 1 : i;
  const exact = Math.abs((SPEEDS[at] ?? rate) - rate) < 1e-6;
  const next = dir > 0 ? (exact ? at + 1 : at) : at - 1;
  return SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, next))]!;
}

/** The most pixels per second zooming in goes to. */
export const MAX_PX_PER_SEC = 1000;
const ZOOM_FACTOR = 1.5;

/** The next zoom (pixels per second, 0 = fit the width) one step in (+1) or out (-1); `fit` is the fitting px/s. */
export function stepZoom(current: number, fit: number, dir: 1 | -1): number {
  const from = Math.max(current, fit);
  if (dir > 0) return Math.min(MAX_PX_PER_SEC, from * ZOOM_FACTOR);
  const next = from / ZOOM_FACTOR;
  return next <= fit * 1.01 ? 0 : next;
}

/** Formats a playback position as m:ss.t (h:mm:ss past an hour) for the time readout. */
export function formatClock(sec: number): string {
  const safe = Number.isFinite(sec) ? Math.max(0, sec) : 0;
  const tenths = Math.floor(safe * 10) % 10;
  const whole = Math.floor(safe);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}.${tenths}` : `${m}:${s}.${tenths}`;
}
