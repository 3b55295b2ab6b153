import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CallSort } from '../../../shared/ipc/contract.js';
import type { CallSummary, Source } from '../../../shared/types.js';
import { formatDuration } from '../../../shared/format.js';
import { formatDateTime } from '../format-date.js';
import { useApp } from '../store-context.js';
import { ListFilterChip } from './ListFilterChip.js';
import { MarkedBar } from './MarkedBar.js';
import { StatusBadges } from './StatusBadges.js';

const ROW_HEIGHT = 36;

/** Column header that sorts the list when clicked, and says how it is sorted. */
function SortHeader({ label, sortKey }: { label: string; sortKey: CallSort }) {
  const sort = useApp((s) => s.sort);
  const dir = useApp((s) => s.dir);
  const sortBy = useApp((s) => s.sortBy);
  const active = sort === sortKey;
  return (
    <div
      role="columnheader"
      className="cell"
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort-button" onClick={() => void sortBy(sortKey)}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </div>
  );
}

/** Names a call's source: "Twilio" for Twilio calls, else the folder's label while it is still configured. */
function sourceName(call: CallSummary, sources: Source[]): string {
  if (call.source === 'twilio') return 'Twilio';
  const src = sources.find((s) => s.id === call.sourceId);
  return src?.label ?? call.source;
}

/** The full source label as a tooltip (a Twilio source's label names the masked account). */
function sourceTitle(call: CallSummary, sources: Source[]): string | undefined {
  return sources.find((s) => s.id === call.sourceId)?.label;
}

/** The virtualized, sortable, keyboard-driven list of calls. */
export function CallList() {
  const calls = useApp((s) => s.calls);
  const sources = useApp((s) => s.sources);
  const selectedId = useApp((s) => s.selectedId);
  const openId = useApp((s) => s.openId);
  const select = useApp((s) => s.select);
  const open = useApp((s) => s.open);
  const marked = useApp((s) => s.marked);
  const toggleMark = useApp((s) => s.toggleMark);
  const markRange = useApp((s) => s.markRange);
  const markAll = useApp((s) => s.markAll);
  const clearMarks = useApp((s) => s.clearMarks);
  const markedSet = new Set(marked);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: calls.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  const selectedIndex = calls.findIndex((c) => c.id === selectedId);

  // Keep the selected row in view when the keyboard moves it or the list is re-sorted.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (calls.length === 0) return;
    const last = calls.length - 1;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    let next: number;
    switch (e.key) {
      case 'ArrowDown':
        next = selectedIndex < 0 ? 0 : Math.min(last, selectedIndex + 1);
        break;
      case 'ArrowUp':
        next = selectedIndex < 0 ? 0 : Math.max(0, selectedIndex - 1);
        break;
      case 'PageDown':
        next = Math.min(last, Math.max(0, selectedIndex) + page);
        break;
      case 'PageUp':
        next = Math.max(0, selectedIndex - page);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Enter':
        if (selectedId !== null) void open(selectedId);
        e.preventDefault();
        return;
      case ' ':
        // Space marks the row for a batch action (and so does not reach the player).
        if (selectedId !== null) toggleMark(selectedId);
        e.preventDefault();
        return;
      case 'a':
      case 'A':
        if (!(e.ctrlKey || e.metaKey)) return;
        markAll();
        e.preventDefault();
        return;
      case 'Escape':
        if (marked.length === 0) return;
        clearMarks();
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    const call = calls[next];
    if (call !== undefined) select(call.id);
  };

  return (
    <div className="call-list">
      <MarkedBar />
      <ListFilterChip />
      <div className="call-grid" role="grid" aria-label="Calls" aria-multiselectable="true" aria-rowcount={calls.length + 1}>
        <div className="call-row call-header" role="row" aria-rowindex={1}>
          <SortHeader label="Started" sortKey="startedAt" />
          <div role="columnheader" className="cell">
            External id
          </div>
          <SortHeader label="Source" sortKey="source" />
          <SortHeader label="Duration" sortKey="durationSec" />
          <div role="columnheader" className="cell">
            Ch.
          </div>
          <div role="columnheader" className="cell">
            Status
          </div>
        </div>
        <div
          ref={scrollRef}
          className="call-list-scroll"
          tabIndex={0}
          role="rowgroup"
          aria-activedescendant={selectedId !== null ? `call-row-${selectedId}` : undefined}
          onKeyDown={onKeyDown}
        >
          {calls.length === 0 && (
            <p className="muted call-list-none" data-testid="call-list-none">
              No call matches the filter.
            </p>
          )}
          <div className="call-list-inner" role="presentation" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const call = calls[item.index];
              if (call === undefined) return null;
              const classes = ['call-row'];
              if (call.id === selectedId) classes.push('is-selected');
              if (call.id === openId) classes.push('is-open');
              const isMarked = markedSet.has(call.id);
              if (isMarked) classes.push('is-marked');
              return (
                <div
                  key={call.id}
                  id={`call-row-${call.id}`}
                  className={classes.join(' ')}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={call.id === selectedId || isMarked}
                  data-testid="call-row"
                  data-call-id={call.id}
                  data-marked={isMarked}
                  style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                  onClick={(e) => {
                    scrollRef.current?.focus({ preventScroll: true });
                    // Ctrl/⌘-click marks one call, Shift-click a range from the selected one; a plain click opens.
                    if (e.ctrlKey || e.metaKey) toggleMark(call.id);
                    else if (e.shiftKey && selectedId !== null) markRange(selectedId, call.id);
                    else {
                      void open(call.id);
                      return;
                    }
                    select(call.id);
                  }}
                >
                  <div role="gridcell" className="cell cell-started">
                    {formatDateTime(call.startedAt)}
                  </div>
                  <div role="gridcell" className="cell cell-ext" title={call.externalId}>
                    {call.externalId}
                  </div>
                  <div role="gridcell" className="cell" data-testid="call-source" title={sourceTitle(call, sources)}>
                    {sourceName(call, sources)}
                  </div>
                  <div role="gridcell" className="cell cell-num">
                    {formatDuration(call.durationSec)}
                  </div>
                  <div role="gridcell" className="cell cell-num">
                    {call.channels ?? '—'}
                  </div>
                  <div role="gridcell" className="cell">
                    <StatusBadges call={call} />
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
