import { useApp } from '../store-context.js';
import './views.css';

/** The call list's active filter as a chip ("Filtered: 2026-03-02 · ✕"); ✕ shows every call again. */
export function ListFilterChip() {
  const filter = useApp((s) => s.listFilter);
  const total = useApp((s) => s.total);
  const clear = useApp((s) => s.clearListFilter);
  const setView = useApp((s) => s.setView);
  if (filter === null) return null;
  return (
    <div className="filter-bar" data-testid="list-filter">
      <span className="filter-chip" data-testid="list-filter-chip">
        <span className="filter-chip-text">Filtered: {filter.label}</span>
        <button type="button" className="filter-chip-remove" data-testid="list-filter-clear" aria-label={`Remove the filter ${filter.label}`} title="Show every call" onClick={() => void clear()}>
          ✕
        </button>
      </span>
      <span className="muted small">
        {total} call{total === 1 ? '' : 's'} match
      </span>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setView('dashboard')}>
        Back to the dashboard
      </button>
    </div>
  );
}
