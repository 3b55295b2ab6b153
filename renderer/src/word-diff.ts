import type { Segment } from '../../shared/types.js';

/** A run of words on one side of a comparison (words joined by single spaces): unchanged, or only on this side. */
export interface DiffRun {
  text: string;
  changed: boolean;
}

/** One segment of a compared transcript, its text cut into unchanged and changed runs. */
export interface DiffSegment {
  id: number;
  speaker: Segment['speaker'];
  start: number;
  end: number;
  runs: DiffRun[];
}

/** Two transcripts compared word by word: each side keeps its own segments; words not in the other are marked. */
export interface TranscriptDiff {
  left: DiffSegment[];
  right: DiffSegment[];
  /** Words only in the left (removed) and only in the right (added). */
  removed: number;
  added: number;
}

/**
 * Above this many table cells (left words × right words, after the common ends are trimmed) the
 * comparison is made per time window instead: a full table for two hour-long calls would take gigabytes.
 */
export const MAX_TABLE_CELLS = 4_000_000;
/** Width of the time windows used when the table would be too big. */
const WINDOW_SEC = 120;

/** How words are compared: case and surrounding punctuation do not count as differences. */
export function wordKey(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/**
 * Longest common subsequence of two key lists: for each side, whether each item is part of it.
 * Common leading and trailing items are matched first, so near-identical texts need only a small table.
 */
export function lcsMatch(a: readonly string[], b: readonly string[]): { a: boolean[]; b: boolean[] } {
  const inA = new Array<boolean>(a.length).fill(false);
  const inB = new Array<boolean>(b.length).fill(false);
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) {
    inA[lo] = inB[lo] = true;
    lo++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > lo && endB > lo && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    inA[endA] = inB[endB] = true;
  }
  const n = endA - lo;
  const m = endB - lo;
  if (n === 0 || m === 0) return { a: inA, b: inB };
  // len[i][j] = LCS length of a[lo+i..] and b[lo+j..], filled from the end so the walk below goes forwards.
  const w = m + 1;
  const len = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i * w + j] = a[lo + i] === b[lo + j] ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[lo + i] === b[lo + j]) {
      inA[lo + i] = inB[lo + j] = true;
      i++;
      j++;
    } else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) i++;
    else j++;
  }
  return { a: inA, b: inB };
}

/** One word of a transcript with where it came from and roughly when it was said. */
interface Word {
  seg: number;
  text: string;
  key: string;
  time: number;
}

/** The words of segments in time order; each word's time is spread evenly across its segment. */
function wordsOf(segments: readonly Segment[]): { ordered: Segment[]; words: Word[] } {
  const ordered = [...segments].sort((x, y) => x.start - y.start || x.end - y.end);
  const words: Word[] = [];
  ordered.forEach((s, seg) => {
    const parts = s.text.split(/\s+/).filter((p) => p !== '');
    parts.forEach((text, k) => {
      words.push({ seg, text, key: wordKey(text) || text, time: s.start + ((s.end - s.start) * k) / Math.max(parts.length, 1) });
    });
  });
  return { ordered, words };
}

/** Matches the pieces of two word lists pairwise and joins the results. */
function matchPieces(pieces: Array<[readonly Word[], readonly Word[]]>, windowSec: number): { a: boolean[]; b: boolean[] } {
  const inA: boolean[] = [];
  const inB: boolean[] = [];
  for (const [pa, pb] of pieces) {
    const part = matchWords(pa, pb, windowSec);
    inA.push(...part.a);
    inB.push(...part.b);
  }
  return { a: inA, b: inB };
}

/**
 * Matches two word lists, whole when small enough, else window by window in time order (windows
 * halve while still too big; words that share one instant are split by position as a last resort).
 */
function matchWords(a: readonly Word[], b: readonly Word[], windowSec = WINDOW_SEC): { a: boolean[]; b: boolean[] } {
  if (a.length * b.length <= MAX_TABLE_CELLS) return lcsMatch(a.map((x) => x.key), b.map((x) => x.key));
  const pieces: Array<[readonly Word[], readonly Word[]]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const until = Math.min(a[i]?.time ?? Infinity, b[j]?.time ?? Infinity) + windowSec;
    const i0 = i;
    const j0 = j;
    while (i < a.length && a[i]!.time < until) i++;
    while (j < b.length && b[j]!.time < until) j++;
    pieces.push([a.slice(i0, i), b.slice(j0, j)]);
  }
  if (pieces.length > 1) return matchPieces(pieces, windowSec / 2);
  const ha = a.length >> 1;
  const hb = b.length >> 1;
  return matchPieces(
    [
      [a.slice(0, ha), b.slice(0, hb)],
      [a.slice(ha), b.slice(hb)],
    ],
    windowSec / 2,
  );
}

/** Rebuilds each segment's text as runs of unchanged and changed words (runs are shown separated by one space). */
function toSegments(ordered: readonly Segment[], words: readonly Word[], matched: readonly boolean[]): DiffSegment[] {
  const out: DiffSegment[] = ordered.map((s) => ({ id: s.id, speaker: s.speaker, start: s.start, end: s.end, runs: [] }));
  words.forEach((w, k) => {
    const runs = out[w.seg]!.runs;
    const changed = !matched[k];
    const last = runs[runs.length - 1];
    if (last !== undefined && last.changed === changed) last.text += ` ${w.text}`;
    else runs.push({ text: w.text, changed });
  });
  return out;
}

/** Compares two transcript versions word by word, in time order. */
export function diffTranscripts(left: readonly Segment[], right: readonly Segment[]): TranscriptDiff {
  const l = wordsOf(left);
  const r = wordsOf(right);
  const m = matchWords(l.words, r.words);
  return {
    left: toSegments(l.ordered, l.words, m.a),
    right: toSegments(r.ordered, r.words, m.b),
    removed: m.a.filter((x) => !x).length,
    added: m.b.filter((x) => !x).length,
  };
}
