import { speakerLabel } from '../../../shared/format.js';
import type { CallExport, ExportSegment } from '../../../shared/export.js';

/** Subtitle layout limits: characters per line (the SRT speaker prefix included), lines per cue, seconds per cue. */
export const SUBTITLE_LIMITS = { lineChars: 42, lines: 2, cueSec: 6 } as const;

/** One subtitle: a part of a segment, its time (ms from the call start) and its lines of visible text. */
export interface Cue {
  startMs: number;
  endMs: number;
  speaker: ExportSegment['speaker'];
  lines: string[];
}

/** Lays words into lines of at most `limit` characters, the first `firstLimit`; words longer than a line are cut. */
function layout(words: readonly string[], firstLimit: number, limit: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const budget = lines.length === 0 ? firstLimit : limit;
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= budget) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Cuts words longer than `max` into pieces, so every word fits a line. */
function fitWords(text: string, max: number): string[] {
  return text
    .split(/\s+/)
    .filter((w) => w !== '')
    .flatMap((w) => (w.length <= max ? [w] : (w.match(new RegExp(`.{1,${max}}`, 'gu')) ?? [w])));
}

/** Splits words into k groups of about equal length (in characters), each non-empty. */
function balance(words: readonly string[], k: number): string[][] {
  const cum: number[] = [];
  let total = 0;
  for (const w of words) cum.push((total += w.length + 1));
  const groups: string[][] = [];
  let from = 0;
  for (let i = 1; i <= k; i++) {
    let to = words.length;
    if (i < k) {
      to = from + 1;
      // The last word of group i is the first whose cumulative length reaches i/k of the whole; later groups keep one word each at least.
      while (to < words.length - (k - i) && cum[to - 1]! < (total * i) / k) to++;
    }
    groups.push(words.slice(from, to));
    from = to;
  }
  return groups;
}

/**
 * A segment's cues: at most 2 lines of 42 characters (the SRT speaker prefix included) and at most 6 s each
 * where the words allow (two words a cue at least); the first starts and the last ends exactly with the segment.
 */
export function segmentCues(s: ExportSegment): Cue[] {
  const { lineChars, lines: maxLines, cueSec } = SUBTITLE_LIMITS;
  const first = lineChars - `${speakerLabel(s.speaker)}: `.length;
  const words = fitWords(s.text, first);
  if (words.length === 0) return [];
  const startMs = Math.round(s.start * 1000);
  const endMs = Math.max(startMs, Math.round(s.end * 1000));
  const byTime = Math.max(1, Math.ceil((endMs - startMs) / (cueSec * 1000) - 1e-9));
  // Long stretches are cut by time too, but never into cues of fewer than two words (a short reply in a long segment stays whole).
  let k = Math.min(Math.ceil(words.length / 2), byTime);
  let groups = balance(words, k);
  // More cues until each fits its lines; one word per cue always fits.
  while (groups.some((g) => layout(g, first, lineChars).length > maxLines) && k < words.length) groups = balance(words, ++k);
  const weights = groups.map((g) => g.join(' ').length);
  const total = weights.reduce((a, b) => a + b, 0);
  const span = endMs - startMs;
  let bounds = [0, ...weights.map((_, i) => weights.slice(0, i + 1).reduce((a, b) => a + b, 0) / total)].map((f) => startMs + Math.round(span * f));
  // Time by amount of text, unless that leaves a cue too long to read comfortably: then equal shares.
  if (bounds.some((b, i) => i > 0 && b - bounds[i - 1]! > cueSec * 1000)) bounds = groups.map((_, i) => startMs + Math.round((span * i) / groups.length)).concat(endMs);
  return groups.map((g, i) => ({ startMs: bounds[i]!, endMs: bounds[i + 1]!, speaker: s.speaker, lines: layout(g, first, lineChars) }));
}

/** Every cue of the active transcript, in time order. */
export function subtitleCues(data: CallExport): Cue[] {
  return (data.transcript?.segments ?? []).flatMap(segmentCues).sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

/** hh:mm:ss plus the millisecond separator (SRT ',', WebVTT '.'). */
export function subtitleTime(ms: number, sep: ',' | '.'): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${sep}${pad(ms % 1000, 3)}`;
}

/** SubRip: numbered cues, the speaker as a "Caller: " prefix on each cue's first line. */
export function toSrt(data: CallExport): string {
  return subtitleCues(data)
    .map((c, i) => {
      // A blank line ends an SRT cue and "-->" starts a timing line; neither can appear in the text.
      const lines = c.lines.map((l, j) => `${j === 0 ? `${speakerLabel(c.speaker)}: ` : ''}${l.replace(/-->/g, '->')}`);
      return `${i + 1}\n${subtitleTime(c.startMs, ',')} --> ${subtitleTime(c.endMs, ',')}\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** WebVTT: numbered cues, the speaker as a `<v Caller>` voice tag. */
export function toVtt(data: CallExport): string {
  const cues = subtitleCues(data).map((c, i) => {
    const text = c.lines.map(escapeVtt).join('\n');
    return `${i + 1}\n${subtitleTime(c.startMs, '.')} --> ${subtitleTime(c.endMs, '.')}\n<v ${speakerLabel(c.speaker)}>${text}\n`;
  });
  return ['WEBVTT\n', ...cues].join('\n');
}
