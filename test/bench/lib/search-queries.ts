/**
 * The search benchmark's queries: N of each kind, drawn with a seeded PRNG from the words a
 * reviewer would look for (call-centre words and the long tail, not "the" or "you"), phrases and
 * order numbers taken from the generated text itself, each with the ripgrep search that finds the
 * same lines in the transcript.json files (ripgrep counts matching lines per file: hits per call).
 */
import type { Db } from '../../../electron/core/db/open.js';
import { DOMAIN_WORD_COUNT, FUNCTION_WORD_COUNT, TextMaker, rng } from './search-corpus.js';

/** The kinds of query the benchmark times. */
export const KINDS = ['words', 'phrase', 'prefix', 'OR', 'exclude', 'speaker', 'date', 'substring'] as const;
export type Kind = (typeof KINDS)[number];

/** One query as typed, and the ripgrep arguments (before the folder) that find the same lines. */
export interface BenchQuery {
  kind: Kind | 'stopword';
  query: string;
  rg: string[];
}

const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RG_BASE = ['--no-config', '--no-messages', '--count', '--ignore-case'];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Draws `perKind` queries of each kind (plus the 5 most common words as an unscored stress row). */
export function benchQueries(db: Db, words: readonly string[], perKind: number, seed = 99): BenchQuery[] {
  const next = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  const plain = (w: string) => /^[a-z]+$/.test(w);
  const domain = words.slice(FUNCTION_WORD_COUNT, FUNCTION_WORD_COUNT + DOMAIN_WORD_COUNT).filter(plain);
  const tail = words.slice(FUNCTION_WORD_COUNT + DOMAIN_WORD_COUNT).filter(plain);
  const content = () => (next() < 0.6 ? pick(domain) : pick(tail));
  const maxId = (db.prepare('SELECT max(id) FROM segments').pluck().get() as number) ?? 1;
  const textAt = db.prepare('SELECT text FROM segments WHERE id >= ? ORDER BY id LIMIT 1').pluck();
  const randomText = (re: RegExp): string => {
    for (;;) {
      const t = textAt.get(1 + Math.floor(next() * maxId)) as string | undefined;
      if (t !== undefined && re.test(t)) return t;
    }
  };
  const out: BenchQuery[] = [];
  const add = (kind: Kind | 'stopword', query: string, ...rg: string[]) => out.push({ kind, query, rg: [...RG_BASE, ...rg] });
  for (let i = 0; i < perKind; i++) {
    const [a, b] = [content(), content()];
    add('words', `${a} ${b}`, '--pcre2', `^(?=.*\\b${a}\\b)(?=.*\\b${b}\\b)`);

    // A phrase a reviewer remembers: two neighbouring words of a real line, at least one of them not a function word.
    const toks = randomText(/\w+ \w+/).toLowerCase().replace(/[.?]$/, '').split(' ');
    const fn = new Set(words.slice(0, FUNCTION_WORD_COUNT));
    const at = toks.findIndex((t, k) => k + 1 < toks.length && plain(t) && plain(toks[k + 1]!) && !(fn.has(t) && fn.has(toks[k + 1]!)));
    const [p, q] = at >= 0 ? [toks[at]!, toks[at + 1]!] : [a, b];
    add('phrase', `"${p} ${q}"`, '--fixed-strings', '--word-regexp', `${p} ${q}`);

    const stem = pick(domain.filter((w) => w.length >= 6)).slice(0, 4);
    add('prefix', `${stem}*`, `\\b${esc(stem)}`);

    add('OR', `${a} OR ${b}`, '--word-regexp', '-e', a, '-e', b);

    const c = pick(domain);
    add('exclude', `${a} -${c}`, '--pcre2', `^(?=.*\\b${a}\\b)(?!.*\\b${c}\\b)`);

    const who = i % 2 === 0 ? 'caller' : 'agent';
    // The recorder format writes the channel two lines above the text; the answering side is "bot".
    add('speaker', `speaker:${who} ${a}`, '--multiline', `"channel": "${who === 'caller' ? 'caller' : 'bot'}",\\n\\s*"type": "transcript",\\n\\s*"text": "[^"\\n]*\\b${a}\\b`);

    const month = 1 + Math.floor(next() * 12);
    const mm = String(month).padStart(2, '0');
    add('date', `from:2025-${mm}-01 to:2025-${mm}-${DAYS_IN_MONTH[month - 1]} ${a}`, '--word-regexp', '--glob', `**/*_2025${mm}*/transcript.json`, '-e', a);

    // Half digits of a real order number, half part of a name with diacritics.
    const frag =
      i % 2 === 0
        ? (() => {
            const num = /order (\d{5})/.exec(randomText(/order \d{5}/))![1]!;
            const len = 3 + Math.floor(next() * 2);
            const from = Math.floor(next() * (num.length - len + 1));
            return num.slice(from, from + len);
          })()
        : (() => {
            const name = pick(TextMaker.names.filter((n) => n.length >= 5));
            const from = Math.floor(next() * (name.length - 3));
            return name.slice(from, from + 4);
          })();
    // Only in the text: digits would also match timestamps and durations.
    add('substring', `*${frag}*`, `"text": "[^"\\n]*${esc(frag)}`);
  }
  for (const w of words.slice(0, 5)) add('stopword', w, '--word-regexp', '-e', w);
  return out;
}
