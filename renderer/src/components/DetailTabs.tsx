import { useRef, type KeyboardEvent } from 'react';
import type { DetailTab } from '../analysis-slice.js';
import './views.css';

const TABS: ReadonlyArray<{ id: DetailTab; label: string }> = [
  { id: 'transcript', label: 'Transcript' },
  { id: 'analysis', label: 'Analysis' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'scorecard', label: 'Scorecard' },
];

/** The id of a tab's button and of its panel, for aria-controls / aria-labelledby. */
export const tabId = (tab: DetailTab): string => `detail-tab-${tab}`;
export const panelId = (tab: DetailTab): string => `detail-panel-${tab}`;

/**
 * The tabs of the call detail's lower area (WAI-ARIA tabs with automatic activation): arrow keys,
 * Home and End move between tabs and show them; only the selected tab is in the tab order.
 */
export function DetailTabs({ tab, onSelect }: { tab: DetailTab; onSelect: (tab: DetailTab) => void }) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const at = TABS.findIndex((t) => t.id === tab);
    let next: number;
    if (e.key === 'ArrowRight') next = (at + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (at - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    else return;
    e.preventDefault();
    // The player's shortcuts listen on the window; arrow keys here belong to the tabs.
    e.stopPropagation();
    const t = TABS[next];
    if (t === undefined) return;
    onSelect(t.id);
    refs.current[next]?.focus();
  };
  return (
    <div className="detail-tabs" role="tablist" aria-label="Call detail" onKeyDown={onKeyDown}>
      {TABS.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={tabId(t.id)}
          className="detail-tab"
          data-testid={`tab-${t.id}`}
          aria-selected={tab === t.id}
          aria-controls={panelId(t.id)}
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
