import {
  RebuildReport,
  SearchRequest,
  type SaveSearchInput,
  type SavedSearch,
  type ParsedQuery,
  type SearchCount,
  type SearchGroup,
  type SearchHit,
  type SearchRequestInput,
  type SearchResponse,
  type SearchTerm,
} from '../../../shared/search.js';
import { Speaker } from '../../../shared/types.js';
import type { AnalysisRow, AnalysisScope } from '../db/repos/analysis-search.js';
import type { Repos } from '../db/repos/index.js';
import type { PlainTerm, TermQuery } from '../db/repos/segment-rank.js';
import type { SegmentRow, SegmentScope } from '../db/repos/segment-search.js';
import { analysisMatch, matchPlan } from './fts-match.js';
import { snippetRuns } from './highlight.js';
import { parseQuery } from './query-parser.js';
import { segmentPage, segmentScope } from './segment-hits.js';

/** search:count counts hits up to this many; past it the count says "10,000+". */
export const COUNT_CAP = 10_000;

/** A hit before snippets, with what merging two sources in one order needs. */
interface Merged {
  hit: Omit<SearchHit, 'snippet'>;
  startedAt: string | null;
  /** Analysis lines come before a call's segments, in summary/action/question order. */
  within: [number, number, number];
}

const KIND_RANK = { summary: 0, action: 1, question: 2 } as const;

function fromSegment(r: SegmentRow): Merged {
  return {
    hit: { kind: 'segment', callId: r.callId, segmentId: r.segmentId, transcriptId: r.transcriptId, analysisId: null, speaker: r.speaker, start: r.start, end: r.end, text: r.text, score: r.score },
    startedAt: r.startedAt,
    within: [3, r.start, r.segmentId],
  };
}

function fromAnalysis(r: AnalysisRow): Merged {
  const speaker = Speaker.safeParse(r.speaker);
  return {
    hit: {
      kind: r.kind,
      callId: r.callId,
      segmentId: r.segmentId,
      transcriptId: r.transcriptId,
      analysisId: r.analysisId,
      speaker: speaker.success ? speaker.data : null,
      start: typeof r.start === 'number' ? r.start : null,
      end: typeof r.end === 'number' ? r.end : null,
      text: r.text,
      score: r.score,
    },
    startedAt: r.startedAt,
    within: [KIND_RANK[r.kind], r.ord, r.analysisId],
  };
}

/** Newest call first (calls without a start last), then within the call. */
function newestFirst(a: Merged, b: Merged): number {
  if (a.startedAt !== b.startedAt) {
    if (a.startedAt === null) return 1;
    if (b.startedAt === null) return -1;
    return a.startedAt < b.startedAt ? 1 : -1;
  }
  if (a.hit.callId !== b.hit.callId) return b.hit.callId - a.hit.callId;
  for (let i = 0; i < 3; i++) if (a.within[i] !== b.within[i]) return a.within[i]! - b.within[i]!;
  return 0;
}

/**
 * Best score first; equal scores in the order the repos read them (segments by id, analysis lines by
 * run and position), so that page n+1, which reads more rows, keeps page n's order: breaking ties
 * newest first here would re-sort a different set of tied rows on every page (repeats and gaps).
 */
function bestFirst(a: Merged, b: Merged): number {
  const byScore = (b.hit.score ?? 0) - (a.hit.score ?? 0);
  if (byScore !== 0) return byScore;
  const aSeg = a.hit.kind === 'segment';
  if (aSeg !== (b.hit.kind === 'segment')) return aSeg ? -1 : 1;
  if (aSeg) return (a.hit.segmentId ?? 0) - (b.hit.segmentId ?? 0);
  return (a.hit.analysisId ?? 0) - (b.hit.analysisId ?? 0) || a.within[0] - b.within[0] || a.within[1] - b.within[1];
}

/** A request made ready to run: parsed, split by index, scoped. */
interface Prepared {
  req: SearchRequest;
  parsed: ParsedQuery;
  scope: SegmentScope;
  /** Null when analysis text is not searched (asked not to, or the query has nothing for it). */
  aScope: AnalysisScope | null;
  /** No terms, no exclusions, no filters: nothing to look for. */
  empty: boolean;
}

/** A word or prefix of ASCII letters and digits (one token, which the tokenizer only lowercases), or null. */
function plainTerm(t: SearchTerm): PlainTerm | null {
  return (t.kind === 'word' || t.kind === 'prefix') && /^[A-Za-z0-9]+$/.test(t.text) ? { token: t.text.toLowerCase(), prefix: t.kind === 'prefix' } : null;
}

/** The query's terms when every one is a plain term (no phrase, substring or non-ASCII word): bm25 can then be scored outside FTS5 (plain-rank.ts). */
function termQuery(q: ParsedQuery): TermQuery | null {
  if (q.clauses.length === 0) return null;
  const clauses = q.clauses.map((c) => c.map(plainTerm));
  const exclude = q.exclude.map(plainTerm);
  if (clauses.some((c) => c.includes(null)) || exclude.includes(null)) return null;
  return { clauses: clauses as PlainTerm[][], exclude: exclude as PlainTerm[] };
}

/** Plain words ANDed (no phrase, prefix or OR): the index can be asked per transcript cheaply (see segment-hits.ts). */
function plainWords(q: ParsedQuery): boolean {
  return q.clauses.every((c) => c.length === 1 && c[0]!.kind === 'word' && /^[\p{L}\p{N}]+$/u.test(c[0]!.text));
}

/** Transcript search, saved searches and index upkeep over the library. */
export class SearchService {
  constructor(
    private readonly repos: Repos,
    private readonly now: () => string,
  ) {}

  private prepare(input: SearchRequestInput): Prepared {
    const req = SearchRequest.parse(input);
    const parsed = parseQuery(req.query, { utcOffsetMin: req.utcOffsetMin });
    const plan = matchPlan(parsed);
    const callId = req.callId ?? null;
    const scope = segmentScope(plan, { allVersions: req.allVersions, callId, filters: parsed.filters, plainWords: plainWords(parsed), terms: termQuery(parsed) });
    const aMatch = req.includeAnalysis ? analysisMatch(plan) : null;
    const aScope = aMatch === null ? null : { match: aMatch, filters: parsed.filters, allVersions: req.allVersions, callId };
    const empty = parsed.clauses.length === 0 && parsed.exclude.length === 0 && parsed.filters.length === 0;
    return { req, parsed, scope, aScope, empty };
  }

  /** Runs one search request (validated here too, so the CLI and tests can pass raw input). Never throws for any query text. */
  search(input: SearchRequestInput): SearchResponse {
    const t0 = performance.now();
    const { req, parsed, scope, aScope, empty } = this.prepare(input);
    const response = (groups: SearchGroup[], total: SearchResponse['total'], hasMore: boolean): SearchResponse => ({
      query: req.query,
      order: req.order,
      offset: req.offset,
      limit: req.limit,
      groups,
      total,
      hasMore,
      parsed,
      tookMs: Math.round((performance.now() - t0) * 100) / 100,
    });
    if (empty) return response([], { hits: 0, exact: true }, false);

    // One row more than the page, to know whether another page follows.
    const n = req.offset + req.limit + 1;
    const segRepo = this.repos.search.segmentSearch;
    const anaRepo = this.repos.search.analysisSearch;
    const page = segmentPage(segRepo, scope, req.order, n, this.repos.search.segmentRank);
    // Within one call hits are in time order whatever the order asked for (next/previous hit).
    const order = scope.callId !== null || scope.driver === null ? 'newest' : req.order;
    // Newest first, a full page of segments ends at some call: no analysis line of an older call can make the page.
    const last = page.rows.length >= n ? page.rows.at(-1)!.startedAt : null;
    const analysisRows = aScope ? anaRepo.hits(aScope, order, n, order === 'newest' ? last : null) : [];

    const merged = [...page.rows.map(fromSegment), ...analysisRows.map(fromAnalysis)].sort(order === 'relevance' ? bestFirst : newestFirst);
    const pageHits = merged.slice(req.offset, req.offset + req.limit);
    const callIds = [...new Set(pageHits.map((m) => m.hit.callId))];

    // Hit counts: free for calls the segment read covered whole, one grouped query for the rest.
    // Newest first, every call on the page sorts before the last segment row, so the read covered it.
    const segCounts = new Map(page.counts);
    const missing = page.countsComplete ? [] : callIds.filter((id) => !segCounts.has(id));
    for (const [id, c] of (page.countsOf ?? ((ids) => segRepo.countsByCall(scope, ids)))(missing)) segCounts.set(id, c);
    const anaCounts = aScope ? anaRepo.countsByCall(aScope, callIds) : new Map<number, number>();

    // Exact when both sources were read to the end; otherwise what is known is a lower bound.
    const analysisAll = analysisRows.length < n && (order !== 'newest' || last === null);
    const total =
      page.total !== null && analysisAll ? { hits: page.total + analysisRows.length, exact: true } : { hits: merged.length, exact: false };

    const terms: SearchTerm[] = parsed.clauses.flat();
    const info = this.repos.search.callInfo(callIds);
    const groups: SearchGroup[] = [];
    for (const m of pageHits) {
      const hit: SearchHit = { ...m.hit, snippet: snippetRuns(m.hit.text, terms) };
      const last = groups.at(-1);
      if (last && last.callId === hit.callId) {
        last.hits.push(hit);
        continue;
      }
      const c = info.get(hit.callId);
      groups.push({
        callId: hit.callId,
        externalId: c?.externalId ?? String(hit.callId),
        startedAt: c?.startedAt ?? null,
        source: c?.source ?? 'folder',
        direction: c?.direction ?? null,
        durationSec: c?.durationSec ?? null,
        hitCount: (segCounts.get(hit.callId) ?? 0) + (anaCounts.get(hit.callId) ?? 0),
        hits: [hit],
      });
    }
    return response(groups, total, merged.length > req.offset + req.limit);
  }

  /** Counts a request's hits up to COUNT_CAP (order, limit and offset do not matter). */
  count(input: SearchRequestInput): SearchCount {
    const { scope, aScope, empty } = this.prepare(input);
    if (empty) return { hits: 0, exact: true, cap: COUNT_CAP };
    const seg = this.repos.search.segmentSearch.count(scope, COUNT_CAP + 1);
    const ana = aScope && seg <= COUNT_CAP ? this.repos.search.analysisSearch.count(aScope, COUNT_CAP + 1) : 0;
    return { hits: Math.min(seg + ana, COUNT_CAP), exact: seg + ana <= COUNT_CAP, cap: COUNT_CAP };
  }

  /** Remakes every search index from its content (FTS5 'rebuild'). */
  rebuild(): RebuildReport {
    return RebuildReport.parse({ indexes: this.repos.search.rebuild().map((r) => ({ name: r.name, ms: Math.round(r.ms * 10) / 10 })) });
  }

  /** Saved searches, by name. */
  listSaved(): SavedSearch[] {
    return this.repos.search.saved.list();
  }

  /** Saves (or replaces by name) a search. */
  save(input: SaveSearchInput): SavedSearch {
    return this.repos.search.saved.save(input, this.now());
  }

  /** Deletes a saved search; false when there was none. */
  deleteSaved(id: number): boolean {
    return this.repos.search.saved.delete(id);
  }
}
