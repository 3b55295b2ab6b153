/**
 * Gives detected speech its words: the bursts of an upload are matched, by duration, to a
 * contiguous run of some registered script's utterances, so a chunk cut out of the middle of a
 * call still gets the texts that were spoken there. One utterance may span several bursts (a
 * pause inside a sentence); bursts nothing fits get a numbered placeholder.
 */
import type { Burst } from './vad.js';

/** One line of a script: what was said and how long its audio is. */
export interface ScriptUtterance {
  text: string;
  durationSec: number;
  /** Who said it (e.g. the channel 'caller' or 'bot'); diarized answers label speakers by it. */
  speaker?: string;
  /** When it started in the call, if known: the silences between bursts must then match too. */
  startSec?: number;
}

/** A named list of utterances in the order they were spoken. */
export interface Script {
  name: string;
  utterances: readonly ScriptUtterance[];
}

/** How far a burst's length may be from an utterance's: the larger of `sec` and `ratio` × duration. */
export interface MatchTolerance {
  sec: number;
  ratio: number;
}

/** A stretch of speech with its text: the fake's view of one transcript segment. */
export interface HeardSegment {
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  /** The script and utterance index it came from; null for a placeholder. */
  source: { script: string; utterance: number } | null;
}

/**
 * Default tolerance: ±0.15 s, or ±5 % for utterances over 3 s. The detector's error does not grow
 * with length (it is the quiet tail of the last word), so a percentage only has to cover long
 * utterances, and a loose one would let a different utterance of similar length match.
 */
export const DEFAULT_TOLERANCE: MatchTolerance = { sec: 0.15, ratio: 0.05 };
/** A pause longer than this is taken as the end of an utterance, never as a pause inside one. */
const MAX_INNER_PAUSE_SEC = 1.5;
/** How far the silence between two matched bursts may be from the silence between their utterances. */
const GAP_TOLERANCE_SEC = 0.4;

/** Whether the pause before burst `b` fits the pause before utterance `k` (when both starts are known). */
function gapFits(bursts: readonly Burst[], prevTo: number, b: number, script: Script, k: number): boolean {
  const prev = script.utterances[k - 1];
  const cur = script.utterances[k]!;
  if (prev?.startSec === undefined || cur.startSec === undefined) return true;
  const expected = cur.startSec - (prev.startSec + prev.durationSec);
  const actual = bursts[b]!.start - bursts[prevTo]!.end;
  // Overlapping speech on one channel merges into one burst, so only a clear mismatch rules a run out.
  return Math.abs(actual - Math.max(0, expected)) <= GAP_TOLERANCE_SEC || expected < 0;
}

interface Group {
  from: number;
  to: number;
  utterance: number;
}

interface Run {
  script: Script;
  groups: Group[];
  error: number;
}

const span = (b: readonly Burst[], from: number, to: number): number => b[to]!.end - b[from]!.start;

/** Matches utterances j, j+1, … of `script` to bursts b0, b0+1, … of [b0, hi) for as long as they fit. */
function chain(bursts: readonly Burst[], b0: number, hi: number, script: Script, j: number, tol: MatchTolerance): Run | null {
  const groups: Group[] = [];
  let error = 0;
  for (let b = b0, k = j; b < hi && k < script.utterances.length; k++) {
    const d = script.utterances[k]!.durationSec;
    const t = Math.max(tol.sec, tol.ratio * d);
    if (groups.length > 0 && !gapFits(bursts, groups[groups.length - 1]!.to, b, script, k)) break;
    // The closest fit among b..e with no long pause inside, so a sentence with a comma pause still fits.
    let best = -1;
    let bestErr = Infinity;
    for (let e = b; e < hi; e++) {
      if (e > b && bursts[e]!.start - bursts[e - 1]!.end > MAX_INNER_PAUSE_SEC) break;
      const s = span(bursts, b, e);
      if (s > d + t) break;
      if (Math.abs(s - d) <= t && Math.abs(s - d) < bestErr) [best, bestErr] = [e, Math.abs(s - d)];
    }
    if (best < 0) break;
    groups.push({ from: b, to: best, utterance: k });
    error += bestErr;
    b = best + 1;
  }
  return groups.length > 0 ? { script, groups, error } : null;
}

/** More utterances matched wins, then more bursts covered, then the smaller total error. */
function better(a: Run, b: Run | null): boolean {
  if (!b) return true;
  if (a.groups.length !== b.groups.length) return a.groups.length > b.groups.length;
  const covered = (r: Run): number => r.groups[r.groups.length - 1]!.to - r.groups[0]!.from;
  if (covered(a) !== covered(b)) return covered(a) > covered(b);
  return a.error < b.error - 1e-9;
}

/** Finds the best run inside bursts [lo, hi), then does the same left and right of it. */
function alignRange(bursts: readonly Burst[], lo: number, hi: number, scripts: readonly Script[], tol: MatchTolerance, out: (Group & { script: Script })[]): void {
  if (lo >= hi) return;
  let best: Run | null = null;
  for (const script of scripts) {
    for (let j = 0; j < script.utterances.length; j++) {
      for (let b0 = lo; b0 < hi; b0++) {
        const run = chain(bursts, b0, hi, script, j, tol);
        if (run && better(run, best)) best = run;
      }
    }
  }
  if (!best) return;
  const first = best.groups[0]!.from;
  const last = best.groups[best.groups.length - 1]!.to;
  alignRange(bursts, lo, first, scripts, tol, out);
  for (const g of best.groups) out.push({ ...g, script: best.script });
  alignRange(bursts, last + 1, hi, scripts, tol, out);
}

/** Texts for the bursts of one upload, in time order. */
export function matchBursts(bursts: readonly Burst[], scripts: readonly Script[], tol: MatchTolerance = DEFAULT_TOLERANCE): HeardSegment[] {
  const groups: (Group & { script: Script })[] = [];
  alignRange(bursts, 0, bursts.length, scripts, tol, groups);
  const byFirstBurst = new Map(groups.map((g) => [g.from, g]));
  const out: HeardSegment[] = [];
  for (let i = 0; i < bursts.length; i++) {
    const g = byFirstBurst.get(i);
    if (!g) {
      out.push({ start: bursts[i]!.start, end: bursts[i]!.end, text: `speech ${i + 1}`, speaker: null, source: null });
      continue;
    }
    const u = g.script.utterances[g.utterance]!;
    out.push({ start: bursts[g.from]!.start, end: bursts[g.to]!.end, text: u.text, speaker: u.speaker ?? null, source: { script: g.script.name, utterance: g.utterance } });
    i = g.to;
  }
  return out;
}
