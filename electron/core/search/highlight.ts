import type { SearchTerm, SnippetRun } from '../../../shared/search.js';

/*
 * Snippets with the matched terms marked, as runs of plain text: the renderer shows them as text
 * and never injects HTML. Terms are found the way the indexes match them: case and diacritics
 * folded, words and phrases on token boundaries, prefixes at a token's start, substrings anywhere.
 */

/** Longest snippet, in characters, before it is cut around the first hit. */
export const SNIPPET_CHARS = 240;
/** Characters kept before the first hit when a snippet is cut. */
const LEAD_CHARS = 60;
const TOKEN = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;

const ASCII = /^[ -~]*$/;
/** Folded single characters outside ASCII, so a snippet does not normalise the same letter twice. */
const foldedChars = new Map<string, string>();

/** Lower case without diacritics, as the indexes compare text. */
export function fold(s: string): string {
  // Most transcript text is printable ASCII: lower-casing is all it needs.
  return ASCII.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function foldChar(ch: string): string {
  if (ch.length === 1 && ch.charCodeAt(0) < 0x80) return ch.toLowerCase();
  let f = foldedChars.get(ch);
  if (f === undefined) {
    f = fold(ch);
    if (foldedChars.size < 4096) foldedChars.set(ch, f);
  }
  return f;
}

interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, the index in the original where its character starts. */
  origin: number[];
}

/** Folds `s` character by character, remembering where each folded unit came from. */
function foldWithMap(s: string): Folded {
  let text = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of s) {
    const f = foldChar(ch);
    text += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += ch.length;
  }
  return { text, origin };
}

interface Token {
  start: number;
  end: number;
  folded: string;
}

function tokens(s: string): Token[] {
  return [...s.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) }));
}

/** [start, end) ranges of `text` that the terms match. */
export function matchRanges(text: string, terms: readonly SearchTerm[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const toks = tokens(text);
  let folded: Folded | null = null;
  for (const term of terms) {
    if (term.kind === 'substring') {
      folded ??= foldWithMap(text);
      const needle = fold(term.text);
      if (needle === '') continue;
      for (let at = folded.text.indexOf(needle); at !== -1; at = folded.text.indexOf(needle, at + 1)) {
        const endUnit = at + needle.length - 1;
        const endOrig = folded.origin[endUnit]!;
        // The end is after the whole original character the last folded unit came from.
        ranges.push([folded.origin[at]!, endOrig + String.fromCodePoint(text.codePointAt(endOrig)!).length]);
      }
      continue;
    }
    const want = tokens(term.text).map((t) => t.folded);
    if (want.length === 0) continue;
    for (let i = 0; i + want.length <= toks.length; i++) {
      const ok = want.every((w, k) => {
        const have = toks[i + k]!.folded;
        return term.kind === 'prefix' && k === want.length - 1 ? have.startsWith(w) : have === w;
      });
      if (ok) ranges.push([toks[i]!.start, toks[i + want.length - 1]!.end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Moves `i` back (dir -1) or on (dir 1) to a space, unless none is near; keeps surrogate pairs whole. */
function toBoundary(text: string, i: number, dir: -1 | 1): number {
  for (let k = 0; k < 20; k++) {
    const j = i + dir * k;
    if (j <= 0 || j >= text.length) return Math.max(0, Math.min(text.length, j));
    if (/\s/u.test(text[j]!)) return dir === -1 ? j + 1 : j;
  }
  const code = text.charCodeAt(i);
  return code >= 0xdc00 && code <= 0xdfff ? i + dir : i;
}

/** The text as runs with the terms' matches marked, cut to about SNIPPET_CHARS around the first match. */
export function snippetRuns(text: string, terms: readonly SearchTerm[], maxChars = SNIPPET_CHARS): SnippetRun[] {
  const ranges = matchRanges(text, terms);
  let from = 0;
  let to = text.length;
  if (text.length > maxChars) {
    const first = ranges[0]?.[0] ?? 0;
    from = first <= LEAD_CHARS ? 0 : toBoundary(text, first - LEAD_CHARS, -1);
    to = from + maxChars >= text.length ? text.length : toBoundary(text, from + maxChars, 1);
  }
  const runs: SnippetRun[] = [];
  const push = (s: string, hit: boolean) => {
    if (s === '') return;
    const last = runs.at(-1);
    if (last && last.hit === hit) last.text += s;
    else runs.push({ text: s, hit });
  };
  if (from > 0) push('…', false);
  let at = from;
  for (const [a, b] of ranges) {
    if (b <= from || a >= to) continue;
    push(text.slice(at, Math.max(at, a)), false);
    push(text.slice(Math.max(at, a), Math.min(b, to)), true);
    at = Math.min(b, to);
  }
  push(text.slice(at, to), false);
  if (to < text.length) push('…', false);
  return runs;
}
