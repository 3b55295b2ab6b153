import { useCallback, useEffect, useRef } from 'react';
import { formatPercent, shortDateTime } from '../review-logic.js';
import { useApp } from '../store-context.js';
import { useEscapeToClose } from '../use-modal.js';

/** The filters of the scored-calls list: rubric, state, percent range, dates (of completion; drafts: last save). */
function ScoredFilters() {
  const f = useApp((s) => s.scoredFilter);
  const set = useApp((s) => s.setScoredFilter);
  const rubrics = useApp((s) => s.rubrics);
  return (
    <form className="scored-filters" aria-label="Filter scored calls" onSubmit={(e) => e.preventDefault()}>
      <label className="review-field">
        <span>Rubric</span>
        <select className="input input-small" data-testid="scored-rubric" value={f.rubricId} onChange={(e) => void set({ rubricId: e.target.value })}>
          <option value="">Any</option>
          {rubrics.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="review-field">
        <span>State</span>
        <select className="input input-small" data-testid="scored-state" value={f.state} onChange={(e) => void set({ state: e.target.value as '' | 'draft' | 'complete' })}>
          <option value="">Any</option>
          <option value="complete">Complete</option>
          <option value="draft">Draft</option>
        </select>
      </label>
      <label className="review-field">
        <span>Min %</span>
        <input className="input input-small scored-percent" data-testid="scored-min" type="number" min={0} max={100} value={f.minPercent} onChange={(e) => void set({ minPercent: e.target.value })} />
      </label>
      <label className="review-field">
        <span>Max %</span>
        <input className="input input-small scored-percent" data-testid="scored-max" type="number" min={0} max={100} value={f.maxPercent} onChange={(e) => void set({ maxPercent: e.target.value })} />
      </label>
      <label className="review-field">
        <span>From</span>
        <input className="input input-small" data-testid="scored-from" type="date" value={f.from} max={f.to || undefined} onChange={(e) => void set({ from: e.target.value })} />
      </label>
      <label className="review-field">
        <span>To</span>
        <input className="input input-small" data-testid="scored-to" type="date" value={f.to} min={f.from || undefined} onChange={(e) => void set({ to: e.target.value })} />
      </label>
    </form>
  );
}

/** The scored-calls drawer: every score newest first with its call, filtered; a row opens the call on its scorecard. */
export function ScoredCallsDrawer() {
  const items = useApp((s) => s.scored);
  const loading = useApp((s) => s.scoredLoading);
  const load = useApp((s) => s.loadScored);
  const version = useApp((s) => s.scoresVersion);
  const setOpen = useApp((s) => s.setScoredOpen);
  const openCall = useApp((s) => s.openScoredCall);
  const otherDrawer = useApp((s) => s.jobsOpen || s.warningsOpen);
  const closeRef = useRef<HTMLButtonElement>(null);

  const close = useCallback(() => setOpen(false), [setOpen]);
  useEscapeToClose(close);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);
  useEffect(() => {
    void load();
  }, [load, version]);
  // Another drawer took the right edge.
  useEffect(() => {
    if (otherDrawer) close();
  }, [otherDrawer, close]);

  return (
    <aside className="drawer scored-drawer" aria-labelledby="scored-title" data-testid="scored-calls">
      <div className="drawer-head">
        <h2 id="scored-title">Scored calls</h2>
        <button ref={closeRef} type="button" className="btn btn-small" onClick={close}>
          Close
        </button>
      </div>
      <ScoredFilters />
      {items === null ? (
        <p className="muted">{loading ? 'Loading…' : ''}</p>
      ) : items.length === 0 ? (
        <p className="muted" data-testid="scored-empty">
          No scores match.
        </p>
      ) : (
        <ul className="scored-list" aria-busy={loading}>
          {items.map((s) => (
            <li key={s.id}>
              <button type="button" className="scored-item" data-testid="scored-item" data-score-id={s.id} onClick={() => void openCall(s)}>
                <span className="scored-call">{s.callExternalId}</span>
                <span className="scored-percent-value">{formatPercent(s.percent)}</span>
                <span className="scored-meta">
                  {s.rubricName} v{s.rubricVersion} · <span className={s.state === 'complete' ? 'scored-complete' : 'muted'}>{s.state}</span>
                  {s.autoFailed && <span className="badge badge-bad">auto-fail</span>}
                </span>
                <span className="scored-when muted">
                  call {shortDateTime(s.callStartedAt)} · {s.state === 'complete' ? 'completed' : 'saved'} {shortDateTime(s.completedAt ?? s.updatedAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
