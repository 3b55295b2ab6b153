// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../renderer/api/client.js';
import { SEARCH_DEBOUNCE_MS, mergeGroups, resultRows } from '../../renderer/src/search-logic.js';
import { createAppStore } from '../../renderer/src/store.js';
import type { SearchRequestInput, SearchResponse } from '../../shared/search.js';
import { FakeBridge, detail, summary } from './fake-bridge.js';
import { deferred, group, response, segHit } from './search-fixtures.js';

const CALLS = [summary(1), summary(2), summary(3)];

function bridge(search: (req: SearchRequestInput) => unknown, extra: Record<string, (input: unknown) => unknown> = {}): FakeBridge {
  return new FakeBridge({
    'library:list': () => ({ total: CALLS.length, items: CALLS }),
    'library:get': (input) => detail((input as { id: number }).id),
    'search:query': (input) => search(input as SearchRequestInput),
    ...extra,
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('search as you type', () => {
  it('sends one request once typing pauses, with the last text, and Enter sends at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const b = bridge((req) => response(req.query, []));
    const store = createAppStore(new ApiClient(b));
    const s = store.getState;
    s().setSearchText('r');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 50);
    s().setSearchText('re');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 50);
    s().setSearchText('refund');
    expect(s().view).toBe('search');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    expect(b.inputsOf('search:query')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(s().searchResults?.query).toBe('refund'));
    expect(b.inputsOf('search:query').map((r) => (r as SearchRequestInput).query)).toEqual(['refund']);

    // Enter does not wait, and the timer it replaced never fires a second request.
    s().setSearchText('refund order');
    await s().runSearch();
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2);
    expect(b.inputsOf('search:query').map((r) => (r as SearchRequestInput).query)).toEqual(['refund', 'refund order']);

    // Esc (an empty box) clears the results and goes back to the call list; nothing more is sent.
    s().clearSearch();
    expect(s().searchResults).toBeNull();
    expect(s().view).toBe('calls');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2);
    expect(b.inputsOf('search:query')).toHaveLength(2);
  });

  it('drops replies to an older query, whichever order they come back in', async () => {
    const held = new Map<string, ReturnType<typeof deferred<SearchResponse>>>();
    const b = bridge((req) => {
      const d = deferred<SearchResponse>();
      held.set(req.query, d);
      return d.promise;
    });
    const store = createAppStore(new ApiClient(b));
    const s = store.getState;
    const older = response('ref', [group(1, [segHit(1, 1, 0.4, 'a ref here', 'ref')])]);
    const newer = response('refund', [group(2, [segHit(2, 5, 3, 'refund please', 'refund')])]);

    s().setSearchText('ref');
    const first = s().runSearch();
    s().setSearchText('refund');
    const second = s().runSearch();
    // The newer answer first, then the older one: the older must not replace it.
    held.get('refund')!.resolve(newer);
    await second;
    expect(s().searchResults?.groups.map((g) => g.callId)).toEqual([2]);
    held.get('ref')!.resolve(older);
    await first;
    expect(s().searchResults?.query).toBe('refund');
    expect(s().searchResults?.groups.map((g) => g.callId)).toEqual([2]);
    expect(s().searching).toBe(false);

    // The older answer first, while the newer is still out: it is not shown even for a moment.
    s().setSearchText('zurich');
    const third = s().runSearch();
    s().setSearchText('zürich');
    const fourth = s().runSearch();
    held.get('zurich')!.resolve(response('zurich', [group(3, [segHit(3, 9, 1, 'in zurich', 'zurich')])]));
    await third;
    expect(s().searchResults?.query).toBe('refund');
    expect(s().searching).toBe(true);
    held.get('zürich')!.resolve(response('zürich', []));
    await fourth;
    expect(s().searchResults?.query).toBe('zürich');
    expect(s().searching).toBe(false);
  });

  it('asks search:count only when the first page total is a bound, and pages append with calls merged', async () => {
    const page1 = response('order', [group(1, [segHit(1, 1, 0.4, 'order one', 'order')], { hitCount: 2 }), group(2, [segHit(2, 4, 1, 'order two', 'order')])], {
      total: { hits: 2, exact: false },
      hasMore: true,
      limit: 2,
    });
    const page2 = response('order', [group(1, [segHit(1, 2, 9, 'order again', 'order')], { hitCount: 2 })], { offset: 2, hasMore: false });
    const b = bridge((req) => ((req.offset ?? 0) === 0 ? page1 : page2), { 'search:count': () => ({ hits: 3, exact: true, cap: 10_000 }) });
    const store = createAppStore(new ApiClient(b));
    const s = store.getState;
    s().setSearchText('order');
    await s().runSearch();
    expect(s().searchCount).toEqual({ hits: 3, exact: true, cap: 10_000 });
    await s().loadMoreResults();
    expect((b.inputsOf('search:query').at(-1) as SearchRequestInput).offset).toBe(2);
    const groups = s().searchResults!.groups;
    // Call 1 came back on page 2: its hit joins its group, in time order, rather than a second group.
    expect(groups.map((g) => [g.callId, g.hits.map((h) => h.segmentId)])).toEqual([
      [1, [1, 2]],
      [2, [4]],
    ]);
    expect(s().searchResults!.hasMore).toBe(false);
    expect(resultRows(groups).map((r) => r.type)).toEqual(['group', 'hit', 'hit', 'group', 'hit']);
    expect(mergeGroups(groups, [])).toEqual(groups);
  });
});

describe('hits inside a call', () => {
  const hits = [segHit(1, 1, 0.4, 'refund now', 'refund'), segHit(1, 2, 2.5, 'the refund', 'refund'), segHit(1, 3, 7, 'refund later', 'refund')];

  it('opens the hit in the transcript tab and steps next/previous through the call, wrapping', async () => {
    const b = bridge((req) => (req.callId === 1 ? response('refund', [group(1, hits)]) : response('refund', [group(1, [hits[1]!], { hitCount: 3 })])));
    const store = createAppStore(new ApiClient(b));
    const s = store.getState;
    s().setDetailTab('analysis');
    s().setSearchText('refund');
    await s().runSearch();
    await s().openHit(hits[1]!);
    await vi.waitFor(() => expect(s().callHits?.hits).toHaveLength(3));
    expect(s().openId).toBe(1);
    expect(s().detailTab).toBe('transcript');
    expect(s().callHits?.index).toBe(1);
    expect(s().activeHit).toMatchObject({ callId: 1, segmentId: 2, start: 2.5 });
    // Only whole-line snippets mark the transcript.
    expect(Object.keys(s().callHits!.lineRuns)).toEqual(['1', '2', '3']);

    s().stepHit(1);
    expect(s().activeHit).toMatchObject({ segmentId: 3, start: 7 });
    s().stepHit(1);
    expect(s().activeHit).toMatchObject({ segmentId: 1, start: 0.4 });
    s().stepHit(-1);
    expect(s().activeHit).toMatchObject({ segmentId: 3 });
    expect(s().callHits?.index).toBe(2);
    // The same hit visited again is a new visit (it seeks again).
    const nonce = s().activeHit!.nonce;
    await s().openHit(hits[2]!);
    expect(s().activeHit!.nonce).toBeGreaterThan(nonce);
    // The call's own hits were fetched once, in one request scoped to the call.
    expect(b.inputsOf('search:query').filter((r) => (r as SearchRequestInput).callId === 1)).toHaveLength(1);
  });

  it('marks every call with a hit, reading the pages not yet shown', async () => {
    const b = bridge((req) =>
      (req.offset ?? 0) === 0
        ? response('refund', [group(1, [hits[0]!])], { hasMore: true, limit: 1, total: { hits: 1, exact: false } })
        : response('refund', [group(2, [segHit(2, 8, 1, 'refund', 'refund')]), group(3, [segHit(3, 9, 1, 'refund', 'refund')])], { offset: 1 }),
    { 'search:count': () => ({ hits: 3, exact: true, cap: 10_000 }) });
    const store = createAppStore(new ApiClient(b));
    const s = store.getState;
    store.setState({ marked: [3] });
    s().setSearchText('refund');
    await s().runSearch();
    expect(await s().markResultCalls()).toBe(3);
    expect([...s().marked].sort()).toEqual([1, 2, 3]);
  });
});
