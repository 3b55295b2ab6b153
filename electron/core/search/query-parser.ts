import type { ParsedQuery, SearchFilter, SearchTerm } from '../../../shared/search.js';
import { fieldName, parseFilter } from './query-filters.js';

/*
 * The reviewer's query language, read by hand so that nothing typed can fail: words (all must
 * match), "exact phrases", prefix*, *substring*, OR, -exclude / NOT, and field:value filters. What
 * is not understood is searched as plain text (and listed in plainTerms); stray operators are
 * dropped (and listed in ignored). The result is data only; fts-match.ts quotes every term before
 * FTS5 sees it, so the raw input never reaches SQLite as syntax.
 */

/** Most terms (clauses, alternatives and exclusions together) one query keeps; the rest are ignored. */
export const MAX_TERMS = 32;

/** A term must hold a letter or digit to match anything in the word index. */
const HAS_TOKEN = /[\p{L}\p{N}]/u;
/** Substring terms need three characters: the trigram index has nothing shorter. */
const MIN_SUBSTRING = 3;

/** Line breaks and tabs separate words; other control and format characters and lone surrogates vanish; the rest is NFC. */
export function cleanQuery(input: string): string {
  return input
    .replace(/[\t\n\v\f\r\u0085]/gu, ' ')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, '')
    .normalize('NFC');
}

type Operand =
  | { type: 'op'; op: 'OR' | 'AND' | 'NOT'; raw: string }
  | { type: 'term'; term: SearchTerm; neg: boolean; raw: string }
  | { type: 'filter'; filter: SearchFilter }
  | { type: 'skip'; raw: string };

interface Scan {
  operands: Operand[];
  plainTerms: string[];
}

/** Reads `s` into operands: quoted phrases (to the end when unclosed), bare tokens, field:"quoted value". */
function scan(s: string, utcOffsetMin: number): Scan {
  const operands: Operand[] = [];
  const plainTerms: string[] = [];
  let i = 0;
  const n = s.length;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);
  const readQuoted = (from: number): { body: string; next: number } => {
    const close = s.indexOf('"', from + 1);
    const end = close === -1 ? n : close;
    return { body: s.slice(from + 1, end), next: end + 1 };
  };
  while (i < n) {
    if (isSpace(s[i])) {
      i++;
      continue;
    }
    const start = i;
    let neg = false;
    while (s[i] === '-') {
      neg = true;
      i++;
    }
    if (s[i] === '"') {
      const { body, next } = readQuoted(i);
      i = next;
      operands.push(phraseOperand(body, neg, s.slice(start, Math.min(i, n))));
      continue;
    }
    let j = i;
    while (j < n && !isSpace(s[j]) && s[j] !== '"') j++;
    let body = s.slice(i, j);
    let quotedValue = false;
    // field:"a value" — the quote belongs to the filter's value.
    if (body.endsWith(':') && s[j] === '"' && fieldName(body.slice(0, -1)) !== null) {
      const { body: value, next } = readQuoted(j);
      body += value;
      j = next;
      quotedValue = true;
    }
    i = j;
    const raw = s.slice(start, Math.min(i, n));
    if (body === '') {
      operands.push({ type: 'skip', raw });
      continue;
    }
    operands.push(bareOperand(body, neg, raw, quotedValue, utcOffsetMin, plainTerms));
  }
  return { operands, plainTerms };
}

function phraseOperand(body: string, neg: boolean, raw: string): Operand {
  const text = body.trim().replace(/\s+/gu, ' ');
  if (text.endsWith('*')) {
    const stem = text.replace(/\*+$/u, '').trim();
    if (HAS_TOKEN.test(stem)) return { type: 'term', term: { kind: 'prefix', text: stem }, neg, raw };
  }
  return HAS_TOKEN.test(text) ? { type: 'term', term: { kind: 'phrase', text }, neg, raw } : { type: 'skip', raw };
}

/** A token without quotes: an operator, a filter, a substring, a prefix or a word. */
function bareOperand(body: string, neg: boolean, raw: string, quotedValue: boolean, utcOffsetMin: number, plainTerms: string[]): Operand {
  if (!neg && (body === 'OR' || body === 'AND' || body === 'NOT')) return { type: 'op', op: body, raw };
  const field = /^(\p{L}+):(.*)$/su.exec(body);
  if (field) {
    const name = fieldName(field[1]!);
    const value = field[2]!.trim();
    const filter = name !== null && value !== '' ? parseFilter(name, value, neg, body, utcOffsetMin) : null;
    if (filter) return { type: 'filter', filter };
    // Not a filter we know (or a value we cannot read): search what was typed as text.
    plainTerms.push(body);
    const text = quotedValue ? body.replace(':', ' ') : body;
    return HAS_TOKEN.test(text) ? { type: 'term', term: { kind: quotedValue ? 'phrase' : 'word', text }, neg, raw } : { type: 'skip', raw };
  }
  if (body.startsWith('*')) {
    const inner = body.replace(/^\*+|\*+$/gu, '');
    if ([...inner].length >= MIN_SUBSTRING) return { type: 'term', term: { kind: 'substring', text: inner }, neg, raw };
    if (!HAS_TOKEN.test(inner)) return { type: 'skip', raw };
    // Too short for the trigram index: searched as a word, and said so.
    plainTerms.push(body);
    return { type: 'term', term: { kind: 'word', text: inner }, neg, raw };
  }
  if (body.endsWith('*')) {
    const stem = body.replace(/\*+$/u, '');
    return HAS_TOKEN.test(stem) ? { type: 'term', term: { kind: 'prefix', text: stem }, neg, raw } : { type: 'skip', raw };
  }
  return HAS_TOKEN.test(body) ? { type: 'term', term: { kind: 'word', text: body }, neg, raw } : { type: 'skip', raw };
}

/** Parses what a reviewer typed. Never throws; `utcOffsetMin` places `from:`/`to:` days in their zone. */
export function parseQuery(input: string, opts: { utcOffsetMin?: number } = {}): ParsedQuery {
  const { operands, plainTerms } = scan(cleanQuery(input), opts.utcOffsetMin ?? 0);
  const clauses: SearchTerm[][] = [];
  const exclude: SearchTerm[] = [];
  const filters: SearchFilter[] = [];
  const ignored: string[] = [];
  let terms = 0;
  let pendingNot: string | null = null;
  let pendingOr: string | null = null;
  // OR joins two positive terms; anywhere else (at an edge, next to a filter or an exclusion) it is dropped.
  let afterPositive = false;
  const dropOr = () => {
    if (pendingOr !== null) ignored.push(pendingOr);
    pendingOr = null;
  };
  for (const o of operands) {
    if (o.type === 'skip') {
      ignored.push(o.raw);
      continue;
    }
    if (o.type === 'op') {
      if (o.op === 'OR' && afterPositive && pendingOr === null && pendingNot === null) pendingOr = o.raw;
      else if (o.op === 'NOT' && pendingNot === null) {
        dropOr();
        pendingNot = o.raw;
      } else ignored.push(o.raw);
      if (o.op !== 'OR') afterPositive = false;
      continue;
    }
    const neg = pendingNot !== null;
    pendingNot = null;
    if (o.type === 'filter') {
      dropOr();
      filters.push(neg ? { ...o.filter, negate: !o.filter.negate } : o.filter);
      afterPositive = false;
      continue;
    }
    if (terms >= MAX_TERMS) {
      ignored.push(o.raw);
      continue;
    }
    terms++;
    if (o.neg !== neg) {
      dropOr();
      exclude.push(o.term);
      afterPositive = false;
    } else {
      if (pendingOr !== null && clauses.length > 0) clauses.at(-1)!.push(o.term);
      else clauses.push([o.term]);
      pendingOr = null;
      afterPositive = true;
    }
  }
  dropOr();
  if (pendingNot !== null) ignored.push(pendingNot);
  return { clauses, exclude, filters, plainTerms, ignored };
}

/** True when the query has text terms (not only filters or exclusions). */
export function hasTextTerms(q: ParsedQuery): boolean {
  return q.clauses.length > 0;
}
