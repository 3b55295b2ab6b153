import type { LatencyItem, OverlapItem, TimeSpan } from '../../../shared/analysis.js';
import type { Speaker } from '../../../shared/types.js';
import { union } from './intervals.js';

/*
 * The turn-taking model the metrics are defined on.
 *
 * - A speaker's *bursts* are the union of their speech spans (segments of a transcript, or the
 *   speech-activity spans of their audio channel).
 * - An *overlap* is a stretch where bursts of two different speakers intersect. `by` is the speaker
 *   whose burst started later (the interrupter), `over` the one already speaking; on equal starts
 *   `by` is the one whose burst ends first, and on equal bursts the speaker later in the order
 *   caller, agent, bot, unknown. It is `contained` when the
 *   interrupter's burst lies wholly inside the other's, with at least one edge strictly inside (a
 *   backchannel such as "mm-hm": the other speaker kept the floor).
 * - *Turns*: contained bursts are left out; the rest, sorted by start, form runs of one speaker;
 *   a run ends when another speaker's burst starts (silence alone does not end a turn).
 * - *Hand-overs*: consecutive turns of different speakers; latency = next turn's start − previous
 *   turn's end (negative when the next speaker started before the previous one stopped).
 * - *Monologue pieces*: a turn split where its bursts are 1.5 s or more apart.
 */

/** Speaker order for ties and stable output. */
export const SPEAKER_ORDER: readonly Speaker[] = ['caller', 'agent', 'bot', 'unknown'];

/** A pause this long or longer splits a turn into separate monologue pieces. */
export const MONOLOGUE_GAP_SEC = 1.5;

/** One speaker's stretch of speech. */
export interface SpeakerSpan extends TimeSpan {
  speaker: Speaker;
}

/** A turn: one speaker's bursts from when they took the floor until another speaker did. */
export interface Turn extends SpeakerSpan {
  bursts: TimeSpan[];
}

/** Each speaker's bursts (sorted, disjoint), in speaker order; speakers without speech are left out. */
export function burstsBySpeaker(speech: readonly SpeakerSpan[]): Map<Speaker, TimeSpan[]> {
  const out = new Map<Speaker, TimeSpan[]>();
  for (const speaker of SPEAKER_ORDER) {
    const b = union(speech.filter((s) => s.speaker === speaker));
    if (b.length > 0) out.set(speaker, b);
  }
  return out;
}

function within(inner: TimeSpan, outer: TimeSpan): boolean {
  return outer.start <= inner.start && inner.end <= outer.end && (outer.start < inner.start || inner.end < outer.end);
}

/** Whether a span lies within one of a speaker's bursts (sorted, disjoint): only the last one starting at or before it can hold it. */
function insideOneOf(span: TimeSpan, list: readonly TimeSpan[]): boolean {
  let lo = 0;
  let hi = list.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= span.start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at >= 0 && within(span, list[at]!);
}

/** Every overlap between two speakers' bursts, in time order. */
export function findOverlaps(bursts: Map<Speaker, TimeSpan[]>): OverlapItem[] {
  const speakers = [...bursts.keys()];
  const out: OverlapItem[] = [];
  for (let i = 0; i < speakers.length; i++) {
    for (let j = i + 1; j < speakers.length; j++) {
      const [sa, sb] = [speakers[i]!, speakers[j]!];
      const [xs, ys] = [bursts.get(sa)!, bursts.get(sb)!];
      // Two pointers over sorted, disjoint lists: advance whichever burst ends first.
      for (let a = 0, b = 0; a < xs.length && b < ys.length; ) {
        const [x, y] = [xs[a]!, ys[b]!];
        const start = Math.max(x.start, y.start);
        const end = Math.min(x.end, y.end);
        if (end > start) {
          // On equal starts the shorter burst is the one that joined (so it is the contained one); on equal bursts, the later speaker.
          const bIsLater = y.start > x.start || (y.start === x.start && y.end <= x.end);
          const [by, over, late, early] = bIsLater ? [sb, sa, y, x] : [sa, sb, x, y];
          out.push({ start, end, durationSec: end - start, by, over, contained: within(late, early) });
        }
        if (x.end <= y.end) a++;
        else b++;
      }
    }
  }
  return out.sort((p, q) => p.start - q.start || p.end - q.end);
}

/** The turns of a conversation, in time order (see the model above). */
export function findTurns(bursts: Map<Speaker, TimeSpan[]>): Turn[] {
  const all: SpeakerSpan[] = [];
  for (const [speaker, list] of bursts) for (const b of list) all.push({ speaker, start: b.start, end: b.end });
  const lists = [...bursts];
  const kept = all.filter((b) => !lists.some(([k, list]) => k !== b.speaker && insideOneOf(b, list)));
  kept.sort((p, q) => p.start - q.start || p.end - q.end || SPEAKER_ORDER.indexOf(p.speaker) - SPEAKER_ORDER.indexOf(q.speaker));
  const turns: Turn[] = [];
  for (const b of kept) {
    const last = turns.at(-1);
    if (last && last.speaker === b.speaker) {
      last.end = Math.max(last.end, b.end);
      last.bursts.push({ start: b.start, end: b.end });
    } else {
      turns.push({ speaker: b.speaker, start: b.start, end: b.end, bursts: [{ start: b.start, end: b.end }] });
    }
  }
  return turns;
}

/** Every hand-over between consecutive turns of different speakers. */
export function handOvers(turns: readonly Turn[]): LatencyItem[] {
  const out: LatencyItem[] = [];
  for (let i = 1; i < turns.length; i++) {
    const [p, n] = [turns[i - 1]!, turns[i]!];
    if (p.speaker !== n.speaker) out.push({ at: p.end, latencySec: n.start - p.end, from: p.speaker, to: n.speaker });
  }
  return out;
}

/** The longest monologue piece (the earliest on a tie), or null without speech. */
export function longestMonologue(turns: readonly Turn[]): SpeakerSpan | null {
  let best: SpeakerSpan | null = null;
  for (const t of turns) {
    let piece: SpeakerSpan | null = null;
    const consider = (p: SpeakerSpan | null) => {
      if (p && (!best || p.end - p.start > best.end - best.start)) best = p;
    };
    for (const b of t.bursts) {
      if (piece && b.start - piece.end < MONOLOGUE_GAP_SEC) piece.end = Math.max(piece.end, b.end);
      else {
        consider(piece);
        piece = { speaker: t.speaker, start: b.start, end: b.end };
      }
    }
    consider(piece);
  }
  return best;
}

/** The median of numbers (the mean of the middle two for an even count), or null for none. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
