import { TYPE_CHIPS, type CountedChip } from '../review-logic.js';
import type { TimelineFilterState } from '../review-slice.js';

/** What the filter bar shows and changes. */
export interface TimelineFilterBarProps {
  /** The kinds present in the unfiltered timeline, with their counts. */
  chips: readonly CountedChip[];
  filter: TimelineFilterState;
  onChange: (patch: Partial<TimelineFilterState>) => void;
  /** Prefix of the bar's element ids (two bars may be on screen: the call's and the contact's). */
  idPrefix: string;
}

/** Type chips (toggle buttons: none pressed = every type) and a date range of the reviewer's days. */
export function TimelineFilterBar({ chips, filter, onChange, idPrefix }: TimelineFilterBarProps) {
  const pressed = new Set(filter.chips);
  // A chosen kind stays offered even when the unfiltered timeline no longer has it, so it can be unpressed.
  const absent = filter.chips.filter((k) => !chips.some((c) => c.key === k));
  const shown = [...chips, ...absent.map((k) => ({ key: k, label: TYPE_CHIPS.find((c) => c.key === k)?.label ?? k, types: [k], count: 0 }))];
  const toggle = (key: string): void => onChange({ chips: pressed.has(key) ? filter.chips.filter((k) => k !== key) : [...filter.chips, key] });
  const any = filter.chips.length > 0 || filter.from !== '' || filter.to !== '';
  return (
    <div className="tl-filters" role="group" aria-label="Filter the timeline" data-testid="timeline-filters">
      <div className="tl-chips" role="group" aria-label="Types">
        {shown.length === 0 && <span className="muted small">No activities to filter yet.</span>}
        {shown.map((c) => (
          <button
            key={c.key}
            type="button"
            className="tl-chip"
            data-testid="timeline-chip"
            data-chip={c.key}
            aria-pressed={pressed.has(c.key)}
            onClick={() => toggle(c.key)}
            title={pressed.has(c.key) ? `Stop showing only ${c.label.toLowerCase()}` : `Show ${c.label.toLowerCase()}`}
          >
            {c.label} <span className="tl-chip-count">{c.count}</span>
          </button>
        ))}
      </div>
      <div className="tl-dates">
        <label htmlFor={`${idPrefix}-from`}>From</label>
        <input
          id={`${idPrefix}-from`}
          type="date"
          className="input input-small"
          data-testid="timeline-from"
          value={filter.from}
          max={filter.to || undefined}
          onChange={(e) => onChange({ from: e.target.value })}
        />
        <label htmlFor={`${idPrefix}-to`}>to</label>
        <input
          id={`${idPrefix}-to`}
          type="date"
          className="input input-small"
          data-testid="timeline-to"
          value={filter.to}
          min={filter.from || undefined}
          onChange={(e) => onChange({ to: e.target.value })}
        />
        {any && (
          <button type="button" className="btn btn-small btn-ghost" data-testid="timeline-clear" onClick={() => onChange({ chips: [], from: '', to: '' })}>
            Show all
          </button>
        )}
      </div>
    </div>
  );
}
