import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SearchGroup, SearchHit } from '../../../shared/search.js';
import { formatDuration, formatTimestamp } from '../../../shared/format.js';
import { formatDateTime } from '../format-date.js';
import { hitKey, hitLabel, resultRows } from '../search-logic.js';
import { useApp } from '../store-context.js';
import { SnippetText } from './SnippetText.js';

const GROUP_HEIGHT = 34;
const HIT_HEIGHT = 30;
/** Rows from the end at which the next page is asked for, so scrolling rarely waits. */
const PREFETCH_ROWS = 12;

/** A call's header in the results: which call, when, from where, and how many hits it has. */
function GroupHeader({ group, open }: { group: SearchGroup; open: boolean }) {
  return (
    <div className={`search-group${open ? ' is-open' : ''}`} data-testid="search-group" data-call-id={group.callId}>
      <span className="search-group-id" title={group.externalId}>
        {group.externalId}
      </span>
      <span className="search-group-meta">
        {formatDateTime(group.startedAt)} · {group.source === 'twilio' ? 'Twilio' : 'Folder'}
        {group.direction !== null ? ` · ${group.direction}` : ''} · {formatDuration(group.durationSec)}
      </span>
      <span className="badge badge-info search-group-count" data-testid="search-group-count">
        {group.hitCount} hit{group.hitCount === 1 ? '' : 's'}
      </span>
    </div>
  );
}

/** One hit: its time, who said it (or which analysis part), and the snippet with the terms marked. */
function HitRow({ hit, current, onOpen }: { hit: SearchHit; current: boolean; onOpen: () => void }) {
  return (
    <button
      type="button"
      className={`search-hit speaker-${hit.speaker ?? 'unknown'} kind-${hit.kind}`}
      data-testid="search-hit"
      data-call-id={hit.callId}
      data-kind={hit.kind}
      data-segment-id={hit.segmentId ?? undefined}
      data-start={hit.start ?? undefined}
      aria-current={current ? 'true' : undefined}
      onClick={onOpen}
    >
      <span className="search-hit-time">{hit.start !== null ? formatTimestamp(hit.start) : ''}</span>
      <span className="search-hit-who">{hitLabel(hit)}</span>
      <span className="search-hit-text" data-testid="search-snippet">
        <SnippetText runs={hit.snippet} />
      </span>
    </button>
  );
}

/** The results, grouped by call, virtualized; the next page loads as the end comes into view. */
export function SearchResultList({ groups }: { groups: SearchGroup[] }) {
  const hasMore = useApp((s) => s.searchResults?.hasMore ?? false);
  const loadingMore = useApp((s) => s.searchLoadingMore);
  const loadMore = useApp((s) => s.loadMoreResults);
  const openHit = useApp((s) => s.openHit);
  const openId = useApp((s) => s.openId);
  const active = useApp((s) => s.activeHit);
  const rows = useMemo(() => resultRows(groups), [groups]);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.type === 'group' ? GROUP_HEIGHT : HIT_HEIGHT),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= rows.length - PREFETCH_ROWS) void loadMore();
  }, [hasMore, loadingMore, lastShown, rows.length, loadMore]);

  // Up/Down move between hits (headers are skipped); the list scrolls the next one into view first.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const dir = e.key === 'ArrowDown' ? 1 : -1;
    const at = Number((document.activeElement?.closest('[data-index]') as HTMLElement | null)?.dataset['index'] ?? -1);
    let next = at + dir;
    while (next >= 0 && next < rows.length && rows[next]?.type !== 'hit') next += dir;
    if (next < 0 || next >= rows.length) return;
    e.preventDefault();
    // The player's arrow keys seek; here they move through the results.
    e.stopPropagation();
    virtualizer.scrollToIndex(next, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] button`)?.focus());
  };

  return (
    <div ref={scrollRef} className="search-scroll" data-testid="search-results" onKeyDown={onKeyDown}>
      <div className="search-inner" role="list" aria-label="Search results" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (row === undefined) return null;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              role="listitem"
              className="search-row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.type === 'group' ? (
                <GroupHeader group={row.group} open={row.group.callId === openId} />
              ) : (
                <HitRow
                  hit={row.hit}
                  current={active !== null && active.callId === row.group.callId && active.key === hitKey(row.hit)}
                  onOpen={() => void openHit(row.hit)}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
