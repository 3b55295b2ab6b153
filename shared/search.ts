import { z } from 'zod';
import { SentimentLabel } from './llm-analysis.js';
import { CallSourceKind, Speaker } from './types.js';

/*
 * Transcript search (issue 7): what the renderer and the CLI send, what they get back, and the
 * reviewer's query as the parser understood it. The query language is described in README.md.
 */

/** Best match first (bm25) or newest call first. */
export const SearchOrder = z.enum(['relevance', 'newest']);
export type SearchOrder = z.infer<typeof SearchOrder>;

/** Longest query accepted; longer input is refused by the schema rather than cut silently. */
export const MAX_QUERY_LENGTH = 2000;

/** One search: the reviewer's text and how to page and scope it. */
export const SearchRequest = z
  .object({
    query: z.string().max(MAX_QUERY_LENGTH),
    order: SearchOrder.default('relevance'),
    /** Hits per page (a call's hits may span pages; groups on the next page continue it). */
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
    /** Search every transcript version, not only each call's active one. */
    allVersions: z.boolean().default(false),
    /** Also search LLM analysis text: summaries, action items, questions. */
    includeAnalysis: z.boolean().default(true),
    /** Only this call's hits (next/previous hit inside an open call). */
    callId: z.number().int().positive().optional(),
    /** The reviewer's zone, minutes east of UTC, so `from:`/`to:` days are their days. */
    utcOffsetMin: z.number().int().min(-840).max(840).default(0),
  })
  .strict();
export type SearchRequest = z.infer<typeof SearchRequest>;
export type SearchRequestInput = z.input<typeof SearchRequest>;

/** A text term: a word, an "exact phrase", a prefix* or a *substring* (trigram index). */
export const SearchTerm = z.object({
  kind: z.enum(['word', 'phrase', 'prefix', 'substring']),
  text: z.string(),
});
export type SearchTerm = z.infer<typeof SearchTerm>;

const negate = z.boolean();
/** A recognised `field:value`; `text` is what the reviewer typed. */
export const SearchFilter = z.discriminatedUnion('field', [
  z.object({ field: z.literal('speaker'), values: z.array(Speaker).min(1), negate, text: z.string() }),
  z.object({ field: z.literal('source'), values: z.array(CallSourceKind).min(1), negate, text: z.string() }),
  z.object({ field: z.literal('dir'), values: z.array(z.enum(['inbound', 'outbound'])).min(1), negate, text: z.string() }),
  z.object({ field: z.literal('sentiment'), values: z.array(SentimentLabel).min(1), negate, text: z.string() }),
  /** Calls started at or after `at` (`from:`) or before it (`to:`, the end of the day/month/year typed). */
  z.object({ field: z.enum(['from', 'to']), at: z.string(), negate, text: z.string() }),
  z.object({ field: z.literal('dur'), op: z.enum(['>', '>=', '<', '<=', '=']), seconds: z.number(), negate, text: z.string() }),
]);
export type SearchFilter = z.infer<typeof SearchFilter>;

/** The query as understood: AND of `clauses` (each an OR of terms), minus `exclude`, within `filters`. */
export const ParsedQuery = z.object({
  clauses: z.array(z.array(SearchTerm)),
  exclude: z.array(SearchTerm),
  filters: z.array(SearchFilter),
  /** What could not be understood as an operator or filter and was searched as plain text. */
  plainTerms: z.array(z.string()),
  /** Stray operators and tokens with nothing searchable in them, left out. */
  ignored: z.array(z.string()),
});
export type ParsedQuery = z.infer<typeof ParsedQuery>;

/** A piece of a snippet; `hit` pieces matched a term. Text only: the renderer never injects HTML. */
export const SnippetRun = z.object({ text: z.string(), hit: z.boolean() });
export type SnippetRun = z.infer<typeof SnippetRun>;

/** Where a hit is: a transcript segment or a line of the call's LLM analysis. */
export const SearchHitKind = z.enum(['segment', 'summary', 'action', 'question']);
export type SearchHitKind = z.infer<typeof SearchHitKind>;

/** One hit. Field names are a public interface (`search --json`). */
export const SearchHit = z.object({
  kind: SearchHitKind,
  callId: z.number().int(),
  /** The segment (kind 'segment'), or the segment an analysis line cites; null when none. */
  segmentId: z.number().int().nullable(),
  transcriptId: z.number().int().nullable(),
  /** The analysis run a summary/action/question line belongs to. */
  analysisId: z.number().int().nullable(),
  speaker: Speaker.nullable(),
  /** Seconds from the call start; null for a summary. */
  start: z.number().nullable(),
  end: z.number().nullable(),
  text: z.string(),
  snippet: z.array(SnippetRun),
  /** bm25 relevance (higher is better) when ranked; null newest-first. */
  score: z.number().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** A call's hits on this page, with how many hits the call has in all. */
export const SearchGroup = z.object({
  callId: z.number().int(),
  externalId: z.string(),
  startedAt: z.string().nullable(),
  source: CallSourceKind,
  direction: z.string().nullable(),
  durationSec: z.number().nullable(),
  hitCount: z.number().int(),
  hits: z.array(SearchHit),
});
export type SearchGroup = z.infer<typeof SearchGroup>;

/** One page of results. */
export const SearchResponse = z.object({
  query: z.string(),
  order: SearchOrder,
  offset: z.number().int(),
  limit: z.number().int(),
  /** Groups in result order; a call can reappear on a later page with more of its hits. */
  groups: z.array(SearchGroup),
  /**
   * Hits in all when the page's reads saw them all (`exact`); otherwise at least `hits`, and
   * `search:count` counts them (a separate request, so the first page never waits for it).
   */
  total: z.object({ hits: z.number().int(), exact: z.boolean() }),
  hasMore: z.boolean(),
  parsed: ParsedQuery,
  tookMs: z.number(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

/** What `search:count` answers: the hits of a request, counted up to `cap` (`exact` false past it). */
export const SearchCount = z.object({ hits: z.number().int(), exact: z.boolean(), cap: z.number().int() });
export type SearchCount = z.infer<typeof SearchCount>;

/** A search the reviewer keeps in the sidebar. */
export const SavedSearch = z.object({
  id: z.number().int(),
  name: z.string(),
  query: z.string(),
  options: z.object({ order: SearchOrder.optional(), allVersions: z.boolean().optional(), includeAnalysis: z.boolean().optional() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedSearch = z.infer<typeof SavedSearch>;

/** Saving a search: a new name adds it, an existing name replaces its query and options. */
export const SaveSearchInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'a saved search needs a name')
      .max(100)
      .regex(/^[^\p{Cc}]+$/u, 'a name has no control characters'),
    query: z.string().max(MAX_QUERY_LENGTH),
    options: SavedSearch.shape.options.strict().default({}),
  })
  .strict();
export type SaveSearchInput = z.infer<typeof SaveSearchInput>;

/** What `search:rebuild` did: each index and how long its rebuild took. */
export const RebuildReport = z.object({ indexes: z.array(z.object({ name: z.string(), ms: z.number() })) });
export type RebuildReport = z.infer<typeof RebuildReport>;
