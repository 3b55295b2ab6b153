/**
 * How a transcript is shown to the model: one line per segment, `[s12 00:41 caller] text`, where
 * s12 names the segment by its id; long transcripts are cut into parts under a token budget at
 * segment boundaries, and the call is divided into fixed windows for sentiment over time.
 */
import type { Segment, Speaker } from '../../../shared/types.js';

/** One transcript line as sent. */
export interface TranscriptLine {
  segmentId: number;
  /** `s<segment id>`: what the model cites. */
  ref: string;
  speaker: Speaker;
  start: number;
  end: number;
  text: string;
  /** The line as it appears in the prompt. */
  line: string;
}

/** A stretch of the call that sentiment over time is rated for: [start, end) seconds. */
export interface SentimentWindow {
  /** `w1`, `w2`, … counted from the call start, the same in every part. */
  id: string;
  index: number;
  start: number;
  end: number;
}

/** What one request gets: consecutive lines, and the windows that any of them starts in. */
export interface TranscriptPart {
  index: number;
  lines: TranscriptLine[];
  windows: SentimentWindow[];
  /** Estimated tokens of the lines. */
  tokens: number;
  start: number;
  end: number;
}

/** Characters per token in the estimate: about right for English, on the safe side for most other languages' Latin text. */
export const CHARS_PER_TOKEN = 4;

/** The estimated number of tokens of a text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Seconds as mm:ss (h:mm:ss from an hour on), rounded down: a line starts within the second shown. */
export function clock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const pad = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return h > 0 ? `${h}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` : `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
}

/** The lines of a transcript in time order; segments without text are left out (there is nothing to cite in them). */
export function transcriptLines(segments: readonly Segment[]): TranscriptLine[] {
  return [...segments]
    .sort((a, b) => a.start - b.start || a.id - b.id)
    .map((s) => ({ s, text: s.text.replace(/\s+/g, ' ').trim() }))
    .filter(({ text }) => text !== '')
    .map(({ s, text }) => ({ segmentId: s.id, ref: `s${s.id}`, speaker: s.speaker, start: s.start, end: s.end, text, line: `[s${s.id} ${clock(s.start)} ${s.speaker}] ${text}` }));
}

/** The window a time falls in. */
function windowAt(sec: number, windowSec: number, callEnd: number): SentimentWindow {
  const index = Math.max(0, Math.floor(sec / windowSec));
  const start = index * windowSec;
  return { id: `w${index + 1}`, index, start, end: Math.max(start, Math.min(start + windowSec, callEnd)) };
}

/**
 * Cuts the lines into parts whose estimated tokens stay within `budget` (a line longer than the
 * budget is a part of its own: a segment is never cut), each with the windows its lines start in.
 */
export function splitTranscript(lines: readonly TranscriptLine[], budget: number, windowSec: number): TranscriptPart[] {
  const callEnd = lines.reduce((m, l) => Math.max(m, l.end, l.start), 0);
  const groups: TranscriptLine[][] = [];
  let current: TranscriptLine[] = [];
  let tokens = 0;
  for (const l of lines) {
    // +1 for the newline that joins it to the previous line.
    const t = estimateTokens(l.line) + 1;
    if (current.length > 0 && tokens + t > budget) {
      groups.push(current);
      current = [];
      tokens = 0;
    }
    current.push(l);
    tokens += t;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((g, index) => {
    const windows = new Map<number, SentimentWindow>();
    for (const l of g) {
      const w = windowAt(l.start, windowSec, callEnd);
      windows.set(w.index, w);
    }
    return {
      index,
      lines: g,
      windows: [...windows.values()].sort((a, b) => a.index - b.index),
      tokens: g.reduce((n, l) => n + estimateTokens(l.line) + 1, 0),
      start: g[0]!.start,
      end: g.reduce((m, l) => Math.max(m, l.end), 0),
    };
  });
}

/** The speakers that speak in some lines, in order of first appearance. */
export function speakersOf(lines: readonly TranscriptLine[]): Speaker[] {
  return [...new Set(lines.map((l) => l.speaker))];
}
