import { SearchOrder } from '../../../shared/search.js';
import { describeTotal } from '../search-logic.js';
import { useApp } from '../store-context.js';
import { MarkedBar } from './MarkedBar.js';
import { SearchEcho } from './SearchEcho.js';
import { SearchResultList } from './SearchResultList.js';
import './search.css';

const ORDER_LABEL: Record<SearchOrder, string> = { relevance: 'Best match', newest: 'Newest first' };

/** How many hits there are, as far as known: the first page's total, then search:count's. */
function TotalText() {
  const results = useApp((s) => s.searchResults);
  const count = useApp((s) => s.searchCount);
  if (results === null) return null;
  const calls = results.groups.length;
  if (calls === 0) {
    return (
      <span className="search-total" data-testid="search-total" aria-live="polite">
        No hits
      </span>
    );
  }
  const total = count !== null ? describeTotal(count.hits, true, !count.exact) : describeTotal(results.total.hits, results.total.exact);
  return (
    <span className="search-total" data-testid="search-total" aria-live="polite">
      {total} in {calls} call{calls === 1 ? '' : 's'}
      {results.hasMore ? ' so far' : ''}
    </span>
  );
}

/** The order, the all-versions switch and "Mark these calls". */
function SearchToolbar() {
  const order = useApp((s) => s.searchOrder);
  const setOrder = useApp((s) => s.setSearchOrder);
  const allVersions = useApp((s) => s.searchAllVersions);
  const setAllVersions = useApp((s) => s.setSearchAllVersions);
  const markAll = useApp((s) => s.markResultCalls);
  const hasGroups = useApp((s) => (s.searchResults?.groups.length ?? 0) > 0);
  return (
    <div className="search-toolbar" data-testid="search-toolbar">
      <TotalText />
      <label className="search-control">
        <span className="muted">Order</span>
        <select className="input search-order" data-testid="search-order" value={order} onChange={(e) => void setOrder(SearchOrder.parse(e.target.value))}>
          {SearchOrder.options.map((o) => (
            <option key={o} value={o}>
              {ORDER_LABEL[o]}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox search-control" title="Search every transcript version, not only each call's active one">
        <input type="checkbox" data-testid="search-all-versions" checked={allVersions} onChange={(e) => void setAllVersions(e.target.checked)} />
        All versions
      </label>
      <button
        type="button"
        className="btn btn-small search-mark-all"
        data-testid="search-mark-all"
        disabled={!hasGroups}
        title="Mark every call with a hit, for the marked calls' batch actions"
        // The marked-calls bar above says how many are marked and offers the batch actions.
        onClick={() => void markAll()}
      >
        Mark these calls
      </button>
    </div>
  );
}

/** What to type, while the box is empty. */
function SearchHelp() {
  return (
    <div className="search-help" data-testid="search-help">
      <p>Type in the search box above to search every call's transcript and analysis. Case and accents never matter.</p>
      <dl className="search-help-list">
        <dt>refund order</dt>
        <dd>both words</dd>
        <dt>"refund order"</dt>
        <dd>the exact phrase</dd>
        <dt>refun*</dt>
        <dd>words starting with it</dd>
        <dt>*4821*</dt>
        <dd>inside words too</dd>
        <dt>cleaning OR person</dt>
        <dd>either word</dd>
        <dt>-order</dt>
        <dd>without it</dd>
        <dt>speaker:caller</dt>
        <dd>said by the caller (agent, bot)</dd>
        <dt>from:2026-03-01 to:2026-03</dt>
        <dd>call dates</dd>
        <dt>source:twilio dir:inbound</dt>
        <dd>where the call came from</dd>
        <dt>dur:&gt;5m sentiment:negative</dt>
        <dd>call length, analysed mood</dd>
      </dl>
    </div>
  );
}

/** The Search view's upper half: toolbar, the query as understood, and the grouped, paged results. */
export function SearchView() {
  const results = useApp((s) => s.searchResults);
  const searching = useApp((s) => s.searching);
  const text = useApp((s) => s.searchText);
  const hasMore = useApp((s) => s.searchResults?.hasMore ?? false);
  const loadingMore = useApp((s) => s.searchLoadingMore);
  const loadMore = useApp((s) => s.loadMoreResults);

  return (
    <section className="search-panel" data-testid="search-view" aria-label="Search results" aria-busy={searching}>
      <MarkedBar />
      {results === null ? (
        text.trim() === '' ? (
          <SearchHelp />
        ) : (
          <p className="muted search-pad">Searching…</p>
        )
      ) : (
        <>
          <SearchToolbar />
          <SearchEcho parsed={results.parsed} />
          {results.groups.length === 0 ? (
            <p className="muted search-pad" data-testid="search-none">
              Nothing matches “{results.query}”.
            </p>
          ) : (
            <SearchResultList groups={results.groups} />
          )}
          {hasMore && (
            <div className="search-footer">
              <button type="button" className="btn btn-small" data-testid="search-load-more" disabled={loadingMore} onClick={() => void loadMore()}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
