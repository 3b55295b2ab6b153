import { z } from 'zod';
import { RebuildReport, SaveSearchInput, SavedSearch, SearchCount, SearchRequest, SearchResponse } from '../search.js';

/** Transcript search's request channels (issue 7); spread into the contract. */
export const searchContract = {
  /** One page of hits grouped by call, with snippets and the query as understood; never an error for any query text. */
  'search:query': { input: SearchRequest, output: SearchResponse },
  /** How many hits a request has in all (up to a cap); asked after the first page so that page never waits. */
  'search:count': { input: SearchRequest, output: SearchCount },
  /** Rebuilds every search index from the stored text (FTS5 'rebuild'). */
  'search:rebuild': { input: z.object({}).strict(), output: RebuildReport },
  /** Saved searches for the sidebar, by name. */
  'search:saved:list': { input: z.object({}).strict(), output: z.array(SavedSearch) },
  /** Saves a search (an existing name is replaced). */
  'search:saved:save': { input: SaveSearchInput, output: SavedSearch },
  /** Deletes a saved search. */
  'search:saved:delete': { input: z.object({ id: z.number().int().positive() }).strict(), output: z.object({ deleted: z.boolean() }) },
} as const;
