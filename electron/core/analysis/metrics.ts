import type { AudioActivityInfo, CallMetrics, MetricsBasis, SpeakerMetrics } from '../../../shared/analysis.js';
import type { Segment, Speaker } from '../../../shared/types.js';
import { burstsBySpeaker, findOverlaps, findTurns, handOvers, longestMonologue, median, SPEAKER_ORDER, type SpeakerSpan } from './conversation.js';
import { summarizeFunctionCalls, type FunctionCallInput } from './function-calls.js';
import { complement, r3, r4, totalLength, union } from './intervals.js';

/*
 * The call's metrics from a speech timeline (who spoke when), word counts and function calls.
 * Definitions (the turn model is in conversation.ts):
 * - talk time: length of the union of a speaker's speech; talkRatio = talk / Σ talk of all
 *   speakers (overlapped speech counts for each speaker), callRatio = talk / call duration;
 * - silence: call duration − length of the union of all speech; `gaps` lists the silent stretches
 *   of SILENCE_GAP_SEC or more, the leading and trailing silence included;
 * - interruptions: overlaps that are not backchannels, counted by who interrupted;
 * - response latency: over caller → agent/bot hand-overs, median and worst of max(latency, 0)
 *   (an answer that starts before the caller stops is an immediate one; `overlapped` counts them);
 *   `items` keeps every hand-over, signed, in both directions;
 * - words per minute: words / (talk time / 60), null without words or talk;
 * - the call duration is the recorded one, or the end of the last speech when that is later or
 *   nothing is recorded.
 * Seconds are rounded to the millisecond, ratios to 4 decimals, wpm to 1 decimal, at the end only.
 */

/** A silence this long or longer is listed among the gaps. */
export const SILENCE_GAP_SEC = 2;

/** Everything computeMetrics needs; the timing source is the caller's choice (see metrics-input.ts). */
export interface MetricsInput {
  basis: MetricsBasis;
  /** The call's length as recorded, or null. */
  durationSec: number | null;
  /** Who spoke when. */
  speech: readonly SpeakerSpan[];
  /** Words per speaker from a transcript, or null without one. */
  words: Partial<Record<Speaker, number>> | null;
  functionCalls: readonly FunctionCallInput[];
  audio: AudioActivityInfo | null;
  notes?: readonly string[];
}

/** Counts the words of a transcript line: whitespace-separated tokens with at least one letter or digit ("48213" is one, "—" none). */
export function countWords(text: string): number {
  return text.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}

/** A transcript's segments as a speech timeline (each segment is speech of its speaker from start to end). */
export function speechFromSegments(segments: readonly Pick<Segment, 'speaker' | 'start' | 'end'>[]): SpeakerSpan[] {
  return segments.map((s) => ({ speaker: s.speaker, start: Math.max(0, s.start), end: Math.max(0, s.end) }));
}

/** Words per speaker of a transcript. */
export function wordsBySpeaker(segments: readonly Pick<Segment, 'speaker' | 'text'>[]): Partial<Record<Speaker, number>> {
  const out: Partial<Record<Speaker, number>> = {};
  for (const s of segments) out[s.speaker] = (out[s.speaker] ?? 0) + countWords(s.text);
  return out;
}

/** The metrics of one call from a speech timeline; pure, so crafted timelines give exact numbers. */
export function computeMetrics(input: MetricsInput): CallMetrics {
  const bursts = burstsBySpeaker(input.speech);
  const all = union(input.speech);
  const lastEnd = all.at(-1)?.end ?? 0;
  const duration = Math.max(input.durationSec ?? 0, lastEnd);
  const speechSec = totalLength(all);
  const overlaps = findOverlaps(bursts);
  const turns = findTurns(bursts);
  const items = handOvers(turns);
  const monologue = longestMonologue(turns);

  const talk = new Map<Speaker, number>([...bursts].map(([s, b]) => [s, totalLength(b)]));
  const talkSum = [...talk.values()].reduce((n, x) => n + x, 0);
  const speakers: Partial<Record<Speaker, SpeakerMetrics>> = {};
  for (const speaker of SPEAKER_ORDER) {
    const t = talk.get(speaker) ?? 0;
    const w = input.words ? (input.words[speaker] ?? 0) : null;
    if (t === 0 && !w) continue;
    speakers[speaker] = {
      talkSec: r3(t),
      talkRatio: talkSum > 0 ? r4(t / talkSum) : 0,
      callRatio: duration > 0 ? r4(t / duration) : 0,
      turns: turns.filter((x) => x.speaker === speaker).length,
      words: w,
      wpm: w !== null && t > 0 ? Math.round((w * 600) / t) / 10 : null,
    };
  }

  const interrupting = overlaps.filter((o) => !o.contained);
  const by: Partial<Record<Speaker, number>> = {};
  for (const o of interrupting) by[o.by] = (by[o.by] ?? 0) + 1;

  const responses = items.filter((i) => i.from === 'caller' && (i.to === 'agent' || i.to === 'bot'));
  const waits = responses.map((i) => Math.max(0, i.latencySec));
  const med = median(waits);

  return {
    version: 1,
    basis: input.basis,
    durationSec: r3(duration),
    speakers,
    speechSec: r3(speechSec),
    silence: {
      totalSec: r3(Math.max(0, duration - speechSec)),
      ratio: duration > 0 ? r4(Math.max(0, duration - speechSec) / duration) : 0,
      gaps: complement(all, 0, duration)
        .filter((g) => g.end - g.start >= SILENCE_GAP_SEC)
        .map((g) => ({ start: r3(g.start), end: r3(g.end) })),
    },
    overlaps: {
      count: overlaps.length,
      totalSec: r3(totalLength(union(overlaps))),
      items: overlaps.map((o) => ({ ...o, start: r3(o.start), end: r3(o.end), durationSec: r3(o.durationSec) })),
    },
    interruptions: { count: interrupting.length, by },
    turns: turns.length,
    latency: {
      count: responses.length,
      medianSec: med === null ? null : r3(med),
      worstSec: waits.length > 0 ? r3(Math.max(...waits)) : null,
      overlapped: responses.filter((i) => i.latencySec < 0).length,
      items: items.map((i) => ({ ...i, at: r3(i.at), latencySec: r3(i.latencySec) })),
    },
    monologue: monologue ? { speaker: monologue.speaker, start: r3(monologue.start), end: r3(monologue.end), durationSec: r3(monologue.end - monologue.start) } : null,
    functionCalls: summarizeFunctionCalls(input.functionCalls),
    audio: input.audio,
    notes: [...(input.notes ?? [])],
  };
}
