/** Search replies for renderer tests, valid against the contract (parsed, so a wrong shape fails here). */
import { SearchResponse, type ParsedQuery, type SearchGroup, type SearchHit, type SnippetRun } from '../../shared/search.js';

/** A segment hit whose snippet marks `word` wherever it occurs in `text`. */
export function segHit(callId: number, segmentId: number, start: number, text: string, word: string, over: Partial<SearchHit> = {}): SearchHit {
  return {
    kind: 'segment',
    callId,
    segmentId,
    transcriptId: 1,
    analysisId: null,
    speaker: 'caller',
    start,
    end: start + 1.5,
    text,
    snippet: mark(text, word),
    score: 1,
    ...over,
  };
}

/** Runs of `text` with each occurrence of `word` marked (case-sensitive; enough for fixtures). */
export function mark(text: string, word: string): SnippetRun[] {
  const runs: SnippetRun[] = [];
  const parts = text.split(word);
  parts.forEach((p, i) => {
    if (p !== '') runs.push({ text: p, hit: false });
    if (i < parts.length - 1) runs.push({ text: word, hit: true });
  });
  return runs;
}

/** A call's group of hits. */
export function group(callId: number, hits: SearchHit[], over: Partial<SearchGroup> = {}): SearchGroup {
  return {
    callId,
    externalId: `call-${callId}`,
    startedAt: `2025-03-0${callId}T10:00:00.000Z`,
    source: 'folder',
    direction: null,
    durationSec: 60,
    hitCount: hits.length,
    hits,
    ...over,
  };
}

/** The parse of a query of plain words. */
export function parsedWords(...words: string[]): ParsedQuery {
  return { clauses: words.map((w) => [{ kind: 'word', text: w }]), exclude: [], filters: [], plainTerms: [], ignored: [] };
}

/** One page of results. */
export function response(query: string, groups: SearchGroup[], over: Partial<SearchResponse> = {}): SearchResponse {
  const hits = groups.reduce((n, g) => n + g.hits.length, 0);
  return SearchResponse.parse({
    query,
    order: 'relevance',
    offset: 0,
    limit: 50,
    groups,
    total: { hits, exact: true },
    hasMore: false,
    parsed: parsedWords(...query.split(/\s+/).filter((w) => w !== '')),
    tookMs: 1,
    ...over,
  });
}

/** A promise with its resolve at hand, to hold a fake reply back. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
