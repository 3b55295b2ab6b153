import type { Handlers } from '../../../shared/ipc/contract.js';
import type { searchContract } from '../../../shared/ipc/search-contract.js';
import type { Repos } from '../db/repos/index.js';
import { SearchService } from './search-service.js';

/** The search channels. */
export type SearchChannel = keyof typeof searchContract;

/** The search channels' handlers (spread into createHandlers); each is a line over the search service. */
export function createSearchHandlers(core: { repos: Repos; now: () => string }) {
  const search = new SearchService(core.repos, core.now);
  return {
    'search:query': async (req) => search.search(req),
    'search:count': async (req) => search.count(req),
    'search:rebuild': async () => search.rebuild(),
    'search:saved:list': async () => search.listSaved(),
    'search:saved:save': async (input) => search.save(input),
    'search:saved:delete': async ({ id }) => ({ deleted: search.deleteSaved(id) }),
  } satisfies Pick<Handlers, SearchChannel>;
}
