import type { ParsedQuery, SearchFilter, SearchGroup, SearchHit, SearchTerm, SnippetRun } from '../../shared/search.js';
import { formatDuration, speakerLabel } from '../../shared/format.js';

/*
 * Pure helpers of the search view: merging pages into call groups, the rows the virtualized list
 * draws, what the parsed-query echo says, and which hit is which. No React, no store.
 */

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 180;
/** Hits asked per page of the results list. */
export const SEARCH_PAGE = 50;
/** Hits of one call fetched for next/previous (the service's largest page). */
export const CALL_HITS_PAGE = 500;
/** Most hits of one call walked with next/previous; more are unusual and would only slow the fetch. */
export const CALL_HITS_MAX = 2000;

/**
 * Adds a page's groups to those shown: the service groups adjacent hits only, so a call can come
 * back later in the same or a following page; its hits join its first group, in call time order.
 */
export function mergeGroups(shown: readonly SearchGroup[], page: readonly SearchGroup[]): SearchGroup[] {
  const out = shown.map((g) => ({ ...g, hits: [...g.hits] }));
  const at = new Map(out.map((g, i) => [g.callId, i]));
  const touched = new Set<number>();
  for (const g of page) {
    const i = at.get(g.callId);
    if (i === undefined) {
      at.set(g.callId, out.length);
      out.push({ ...g, hits: [...g.hits] });
      continue;
    }
    const into = out[i]!;
    into.hits.push(...g.hits);
    // The newer page's count is at least as fresh.
    into.hitCount = Math.max(into.hitCount, g.hitCount);
    touched.add(i);
  }
  for (const i of touched) out[i]!.hits.sort(byCallTime);
  return out;
}

/** Analysis lines (summary first) before the transcript, then by time. */
function byCallTime(a: SearchHit, b: SearchHit): number {
  const rank = (h: SearchHit): number => (h.kind === 'summary' ? 0 : h.kind === 'segment' ? 2 : 1);
  return rank(a) - rank(b) || (a.start ?? -1) - (b.start ?? -1) || (a.segmentId ?? 0) - (b.segmentId ?? 0);
}

/** One row of the virtualized results: a call's header or one of its hits. */
export type ResultRow = { type: 'group'; key: string; group: SearchGroup } | { type: 'hit'; key: string; group: SearchGroup; hit: SearchHit };

/** Flattens groups into header and hit rows, so thousands of groups scroll as one list. */
export function resultRows(groups: readonly SearchGroup[]): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const group of groups) {
    rows.push({ type: 'group', key: `g${group.callId}`, group });
    for (const hit of group.hits) rows.push({ type: 'hit', key: `${group.callId}:${hitKey(hit)}`, group, hit });
  }
  return rows;
}

/** Identifies a hit across requests (a segment, or one line of an analysis run). */
export function hitKey(hit: Pick<SearchHit, 'kind' | 'segmentId' | 'analysisId' | 'start' | 'text'>): string {
  return hit.kind === 'segment' ? `s${hit.segmentId ?? ''}` : `${hit.kind}${hit.analysisId ?? ''}@${hit.start ?? ''}:${hit.text}`;
}

const KIND_LABEL = { summary: 'Summary', action: 'Action item', question: 'Question' } as const;

/** Who said a hit, or which part of the analysis it is from. */
export function hitLabel(hit: Pick<SearchHit, 'kind' | 'speaker'>): string {
  return hit.kind === 'segment' ? speakerLabel(hit.speaker ?? 'unknown') : KIND_LABEL[hit.kind];
}

/** The call detail tab a hit is read in: the transcript when it has a line there, else the analysis. */
export function hitTab(hit: Pick<SearchHit, 'kind' | 'segmentId'>): 'transcript' | 'analysis' {
  return hit.kind === 'segment' || hit.segmentId !== null ? 'transcript' : 'analysis';
}

/** The runs' text put back together (to tell whether a snippet is a whole line or a cut). */
export function runsText(runs: readonly SnippetRun[]): string {
  return runs.map((r) => r.text).join('');
}

/** For each matched segment whose snippet is its whole text, the snippet: the transcript marks those terms. */
export function wholeLineRuns(hits: readonly SearchHit[]): Record<number, SnippetRun[]> {
  const out: Record<number, SnippetRun[]> = {};
  for (const h of hits) {
    if (h.kind === 'segment' && h.segmentId !== null && h.snippet.some((r) => r.hit) && runsText(h.snippet) === h.text) out[h.segmentId] = h.snippet;
  }
  return out;
}

const FIELD_LABEL = { speaker: 'Speaker', source: 'Source', dir: 'Direction', sentiment: 'Sentiment' } as const;
const DUR_OP = { '>': 'over', '>=': 'at least', '<': 'under', '<=': 'at most', '=': 'exactly' } as const;

/** What a recognised filter means, in words ("Speaker: caller or agent", "not Source: twilio"). */
export function describeFilter(f: SearchFilter): string {
  const value = f.text.slice(f.text.indexOf(':') + 1);
  let text: string;
  switch (f.field) {
    case 'from':
      text = `From ${value}`;
      break;
    case 'to':
      text = `Up to ${value}`;
      break;
    case 'dur':
      text = `Duration ${DUR_OP[f.op]} ${formatDuration(f.seconds)}`;
      break;
    default:
      text = `${FIELD_LABEL[f.field]}: ${f.values.join(' or ')}`;
  }
  return f.negate ? `not ${text}` : text;
}

/** A text term as the reviewer would type it: "phrase", prefix*, *substring*. */
export function describeTerm(t: SearchTerm): string {
  switch (t.kind) {
    case 'phrase':
      return `“${t.text}”`;
    case 'prefix':
      return `${t.text}*`;
    case 'substring':
      return `*${t.text}*`;
    default:
      return t.text;
  }
}

/** The text terms: each clause (alternatives joined by "or"); exclusions separately. */
export function describeClauses(q: Pick<ParsedQuery, 'clauses'>): string[] {
  return q.clauses.map((c) => c.map(describeTerm).join(' or '));
}

/** "3 hits", "at least 50 hits", "10000+ hits": the count as far as it is known. */
export function describeTotal(hits: number, exact: boolean, capped = false): string {
  const n = `${hits.toLocaleString('en')}${capped ? '+' : ''}`;
  const noun = hits === 1 && exact ? 'hit' : 'hits';
  return exact || capped ? `${n} ${noun}` : `at least ${n} ${noun}`;
}
