import type { ParsedQuery, SearchTerm } from '../../../shared/search.js';

/*
 * Turns a parsed query into FTS5 MATCH strings. Every term is a double-quoted FTS5 string (inner
 * quotes doubled), so nothing the reviewer typed is read as FTS5 syntax; the only operators in a
 * MATCH string are the AND / OR / NOT and `*` written here. Word, phrase and prefix terms go to the
 * word index (segments_fts, analysis_fts); substring terms go to the trigram index only.
 */

/** An FTS5 string literal. */
export function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** One term as FTS5 query syntax (a substring is a phrase of trigrams in the trigram index). */
export function termMatch(t: SearchTerm): string {
  return t.kind === 'prefix' ? `${ftsString(t.text)} *` : ftsString(t.text);
}

function anyOf(terms: SearchTerm[]): string {
  return terms.length === 1 ? termMatch(terms[0]!) : `(${terms.map(termMatch).join(' OR ')})`;
}

/** An OR clause that mixes index kinds: one MATCH per index, either may hold. */
export interface MixedClause {
  words: string | null;
  trigram: string | null;
}

/** What the segment search runs: each part null when the query has none of it. */
export interface MatchPlan {
  /** AND of the clauses made only of word/phrase/prefix terms, for segments_fts. */
  words: string | null;
  /** AND of the clauses made only of substring terms, for segments_trigram. */
  trigram: string | null;
  /** Clauses with both kinds of terms. */
  mixed: MixedClause[];
  /** OR of the excluded word terms and of the excluded substrings. */
  excludeWords: string | null;
  excludeTrigram: string | null;
}

const isSub = (t: SearchTerm) => t.kind === 'substring';

function joinAnd(parts: string[]): string | null {
  return parts.length === 0 ? null : parts.join(' AND ');
}

function joinOr(terms: SearchTerm[]): string | null {
  return terms.length === 0 ? null : terms.map(termMatch).join(' OR ');
}

/** Splits a parsed query by index. */
export function matchPlan(q: ParsedQuery): MatchPlan {
  const words: string[] = [];
  const trigram: string[] = [];
  const mixed: MixedClause[] = [];
  for (const clause of q.clauses) {
    const subs = clause.filter(isSub);
    const rest = clause.filter((t) => !isSub(t));
    if (subs.length === 0) words.push(anyOf(rest));
    else if (rest.length === 0) trigram.push(anyOf(subs));
    else mixed.push({ words: anyOf(rest), trigram: anyOf(subs) });
  }
  return {
    words: joinAnd(words),
    trigram: joinAnd(trigram),
    mixed,
    excludeWords: joinOr(q.exclude.filter((t) => !isSub(t))),
    excludeTrigram: joinOr(q.exclude.filter(isSub)),
  };
}

/** `a NOT (b OR c)`, or `a` alone. */
export function withExclusion(match: string, exclude: string | null): string {
  return exclude === null ? match : `(${match}) NOT (${exclude})`;
}

/**
 * The MATCH for analysis text (the word index only), or null when the query cannot be asked of it:
 * no word clause, or a substring term in a clause (the analysis has no trigram index).
 */
export function analysisMatch(plan: MatchPlan): string | null {
  if (plan.words === null || plan.trigram !== null || plan.mixed.length > 0 || plan.excludeTrigram !== null) return null;
  return withExclusion(plan.words, plan.excludeWords);
}
