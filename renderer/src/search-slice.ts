import type { StoreApi } from 'zustand/vanilla';
import type { ParsedQuery, SearchCount, SearchGroup, SearchHit, SearchOrder, SearchRequestInput, SnippetRun } from '../../shared/search.js';
import type { ApiClient } from '../api/client.js';
import { utcOffsetNow } from './dashboard-logic.js';
import { createSavedSearchSlice, type SavedSearchSlice } from './saved-search-slice.js';
import { CALL_HITS_MAX, CALL_HITS_PAGE, hitKey, hitTab, mergeGroups, SEARCH_DEBOUNCE_MS, SEARCH_PAGE, wholeLineRuns } from './search-logic.js';

/** The results of the query on show, merged page by page. */
export interface SearchResults {
  query: string;
  parsed: ParsedQuery;
  groups: SearchGroup[];
  /** Hits received so far: the next page's offset. */
  loadedHits: number;
  hasMore: boolean;
  /** The first page's total: exact, or a lower bound until `searchCount` arrives. */
  total: { hits: number; exact: boolean };
}

/** The hit the reviewer went to; `nonce` changes on every visit so going to the same hit again seeks again. */
export interface ActiveHit {
  callId: number;
  segmentId: number | null;
  start: number | null;
  /** hitKey of the hit, to find it among the call's hits. */
  key: string;
  nonce: number;
}

/** The current query's hits inside one call, in time order, for next/previous. */
export interface CallHits {
  callId: number;
  query: string;
  hits: SearchHit[];
  /** More hits than were fetched (past CALL_HITS_MAX). */
  more: boolean;
  /** The hit shown, or -1 before the first next/previous. */
  index: number;
  /** Whole-line snippets by segment id, so the transcript marks the terms. */
  lineRuns: Record<number, SnippetRun[]>;
}

/** Transcript search: the box, the results, the hit being read in its call, saved searches. */
export interface SearchSlice extends SavedSearchSlice {
  searchText: string;
  searchOrder: SearchOrder;
  searchAllVersions: boolean;
  searchResults: SearchResults | null;
  /** `search:count` of the results on show, when their first page's total was not exact. */
  searchCount: SearchCount | null;
  searching: boolean;
  searchLoadingMore: boolean;
  activeHit: ActiveHit | null;
  callHits: CallHits | null;

  /** The box's text changed: searches once typing pauses; an empty box clears the results. */
  setSearchText(text: string): void;
  /** Searches for the box's text now (Enter), dropping any reply to an older query. */
  runSearch(): Promise<void>;
  /** Empties the box and the results (Esc). */
  clearSearch(): void;
  setSearchOrder(order: SearchOrder): Promise<void>;
  setSearchAllVersions(on: boolean): Promise<void>;
  /** The next page of results, appended. */
  loadMoreResults(): Promise<void>;
  /** Opens a hit's call, shows it in its tab, seeks the player there and highlights it. */
  openHit(hit: SearchHit): Promise<void>;
  /** The current query's hits inside one call (the open one), for next/previous. */
  loadCallHits(callId: number): Promise<void>;
  /** Goes to the next (1) or previous (-1) hit inside the open call, wrapping around. */
  stepHit(dir: 1 | -1): void;
  /** Marks every call with a hit (all pages), for the marked-calls batch actions; resolves to how many. */
  markResultCalls(): Promise<number | null>;
}

/** What the slice needs from the rest of the store. */
interface SliceContext<S extends SearchSlice> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
  openCall: (id: number) => Promise<void>;
  openId: () => number | null;
  showTab: (tab: 'transcript' | 'analysis') => void;
  /** Shows the results ('search') or the call list ('calls') when the search started or ended there. */
  showView: (view: 'search' | 'calls') => void;
  isSearchView: () => boolean;
  mark: (ids: number[]) => void;
}

/** Builds the search part of the app store over one API client. */
export function createSearchSlice<S extends SearchSlice>(api: ApiClient, ctx: SliceContext<S>): SearchSlice {
  const { get, fail } = ctx;
  const set = (patch: Partial<SearchSlice>): void => ctx.set(patch as Partial<S>);
  // Every new query takes a number; replies to an older number are dropped (the client cannot abort a request).
  let seq = 0;
  let callSeq = 0;
  let nonce = 0;
  // The call whose hits are on their way, so the hit bar and openHit do not ask twice.
  let loadingCall: { callId: number; query: string; seq: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancelTimer = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const request = (query: string, over: Partial<SearchRequestInput> = {}): SearchRequestInput => ({
    query,
    order: get().searchOrder,
    allVersions: get().searchAllVersions,
    utcOffsetMin: utcOffsetNow(),
    limit: SEARCH_PAGE,
    ...over,
  });
  // The query the results (and so next/previous) are for: what was last searched, not what is half-typed.
  const shownQuery = (): string | null => get().searchResults?.query ?? null;

  const go = (hit: SearchHit): void => {
    set({ activeHit: { callId: hit.callId, segmentId: hit.segmentId, start: hit.start, key: hitKey(hit), nonce: ++nonce } });
    ctx.showTab(hitTab(hit));
  };

  return {
    searchText: '',
    searchOrder: 'relevance',
    searchAllVersions: false,
    searchResults: null,
    searchCount: null,
    searching: false,
    searchLoadingMore: false,
    activeHit: null,
    callHits: null,
    ...createSavedSearchSlice(api, {
      set,
      fail,
      current: () => ({ query: get().searchText, options: { order: get().searchOrder, allVersions: get().searchAllVersions } }),
      run: async (saved) => {
        cancelTimer();
        set({ searchText: saved.query, searchOrder: saved.options.order ?? 'relevance', searchAllVersions: saved.options.allVersions ?? false });
        ctx.showView('search');
        await get().runSearch();
      },
    }),

    setSearchText(text) {
      set({ searchText: text });
      cancelTimer();
      if (text.trim() === '') {
        get().clearSearch();
        set({ searchText: text });
        return;
      }
      if (!ctx.isSearchView()) ctx.showView('search');
      timer = setTimeout(() => {
        timer = null;
        void get().runSearch();
      }, SEARCH_DEBOUNCE_MS);
    },

    async runSearch() {
      cancelTimer();
      const query = get().searchText;
      const n = ++seq;
      if (query.trim() === '') {
        set({ searchResults: null, searchCount: null, searching: false, callHits: null, activeHit: null });
        return;
      }
      if (!ctx.isSearchView()) ctx.showView('search');
      set({ searching: true });
      const req = request(query);
      try {
        const res = await api.call('search:query', req);
        if (n !== seq) return;
        set({
          searchResults: { query, parsed: res.parsed, groups: mergeGroups([], res.groups), loadedHits: res.offset + countHits(res.groups), hasMore: res.hasMore, total: res.total },
          searchCount: null,
          searchLoadingMore: false,
        });
        // The open call's hits follow the new query.
        const open = ctx.openId();
        set({ callHits: null, activeHit: null });
        if (open !== null) void get().loadCallHits(open);
        // The first page does not wait for the full count; it follows when the total was only a bound.
        if (!res.total.exact) {
          const count = await api.call('search:count', req);
          if (n === seq) set({ searchCount: count });
        }
      } catch (err) {
        if (n === seq) fail(err);
      } finally {
        if (n === seq) set({ searching: false });
      }
    },

    clearSearch() {
      cancelTimer();
      seq++;
      callSeq++;
      set({ searchText: '', searchResults: null, searchCount: null, searching: false, searchLoadingMore: false, callHits: null, activeHit: null });
      if (ctx.isSearchView()) ctx.showView('calls');
    },

    async setSearchOrder(order) {
      set({ searchOrder: order });
      if (get().searchText.trim() !== '') await get().runSearch();
    },

    async setSearchAllVersions(on) {
      set({ searchAllVersions: on });
      if (get().searchText.trim() !== '') await get().runSearch();
    },

    async loadMoreResults() {
      const shown = get().searchResults;
      if (shown === null || !shown.hasMore || get().searchLoadingMore) return;
      const n = seq;
      set({ searchLoadingMore: true });
      try {
        const res = await api.call('search:query', request(shown.query, { offset: shown.loadedHits }));
        const now = get().searchResults;
        if (n !== seq || now === null) return;
        set({ searchResults: { ...now, groups: mergeGroups(now.groups, res.groups), loadedHits: now.loadedHits + countHits(res.groups), hasMore: res.hasMore } });
      } catch (err) {
        if (n === seq) fail(err);
      } finally {
        if (n === seq) set({ searchLoadingMore: false });
      }
    },

    async openHit(hit) {
      go(hit);
      const calls = get().callHits;
      if (calls !== null && calls.callId === hit.callId && calls.query === shownQuery()) {
        const index = calls.hits.findIndex((h) => hitKey(h) === hitKey(hit));
        set({ callHits: { ...calls, index } });
      } else {
        set({ callHits: null });
        void get().loadCallHits(hit.callId);
      }
      if (ctx.openId() !== hit.callId) await ctx.openCall(hit.callId);
    },

    async loadCallHits(callId) {
      const query = shownQuery();
      if (query === null) return;
      if (loadingCall !== null && loadingCall.callId === callId && loadingCall.query === query && loadingCall.seq === seq) return;
      const n = ++callSeq;
      const s = seq;
      loadingCall = { callId, query, seq };
      try {
        const hits: SearchHit[] = [];
        let more = true;
        // Within one call the service answers in time order, whatever the order asked for.
        while (more && hits.length < CALL_HITS_MAX) {
          const res = await api.call('search:query', request(query, { callId, limit: CALL_HITS_PAGE, offset: hits.length }));
          if (n !== callSeq || s !== seq) return;
          for (const g of res.groups) hits.push(...g.hits);
          more = res.hasMore;
        }
        const active = get().activeHit;
        const index = active !== null && active.callId === callId ? hits.findIndex((h) => hitKey(h) === active.key) : -1;
        set({ callHits: { callId, query, hits, more, index, lineRuns: wholeLineRuns(hits) } });
      } catch (err) {
        if (n === callSeq) fail(err);
      } finally {
        if (n === callSeq) loadingCall = null;
      }
    },

    stepHit(dir) {
      const calls = get().callHits;
      if (calls === null || calls.hits.length === 0 || calls.callId !== ctx.openId()) return;
      const len = calls.hits.length;
      const index = calls.index < 0 ? (dir === 1 ? 0 : len - 1) : (calls.index + dir + len) % len;
      set({ callHits: { ...calls, index } });
      go(calls.hits[index]!);
    },

    async markResultCalls() {
      const shown = get().searchResults;
      if (shown === null) return null;
      const n = seq;
      const ids = new Set(shown.groups.map((g) => g.callId));
      try {
        // Pages not yet scrolled to hold calls too: read them (large pages, ids only matter).
        let offset = shown.loadedHits;
        let more = shown.hasMore;
        while (more) {
          const res = await api.call('search:query', request(shown.query, { offset, limit: CALL_HITS_PAGE }));
          if (n !== seq) return null;
          for (const g of res.groups) ids.add(g.callId);
          offset += countHits(res.groups);
          more = res.hasMore && offset < 100_000;
        }
      } catch (err) {
        fail(err);
        return null;
      }
      ctx.mark([...ids]);
      return ids.size;
    },
  };
}

function countHits(groups: readonly SearchGroup[]): number {
  return groups.reduce((n, g) => n + g.hits.length, 0);
}
