import type { SavedSearch, SaveSearchInput } from '../../shared/search.js';
import type { ApiClient } from '../api/client.js';

/** The sidebar's saved searches. */
export interface SavedSearchSlice {
  savedSearches: SavedSearch[];
  loadSavedSearches(): Promise<void>;
  /** Saves the current query and options under a name (an existing name is replaced). */
  saveSearch(name: string): Promise<boolean>;
  deleteSavedSearch(id: number): Promise<void>;
  /** Puts a saved search in the box with its options and runs it. */
  runSavedSearch(saved: SavedSearch): Promise<void>;
}

/** What the saved searches need from the search slice. */
interface SavedContext {
  set: (patch: Partial<SavedSearchSlice>) => void;
  fail: (err: unknown) => void;
  /** The query and options a save keeps. */
  current: () => Pick<SaveSearchInput, 'query' | 'options'>;
  run: (saved: SavedSearch) => Promise<void>;
}

/** Builds the saved-search part of the search slice; the list is read again after every change. */
export function createSavedSearchSlice(api: ApiClient, ctx: SavedContext): SavedSearchSlice {
  const { set, fail } = ctx;
  const load = async (): Promise<void> => {
    try {
      set({ savedSearches: await api.call('search:saved:list', {}) });
    } catch (err) {
      fail(err);
    }
  };
  return {
    savedSearches: [],
    loadSavedSearches: load,

    async saveSearch(name) {
      try {
        await api.call('search:saved:save', { name, ...ctx.current() });
        await load();
        return true;
      } catch (err) {
        fail(err);
        return false;
      }
    },

    async deleteSavedSearch(id) {
      try {
        await api.call('search:saved:delete', { id });
        await load();
      } catch (err) {
        fail(err);
      }
    },

    runSavedSearch: (saved) => ctx.run(saved),
  };
}
