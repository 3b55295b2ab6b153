import { useEffect } from 'react';
import type { DashboardResult } from '../../../shared/dashboard.js';
import { formatDuration } from '../../../shared/format.js';
import { useApp } from '../store-context.js';
import { CallsPerDay, LatencyHistogram, SentimentBuckets, SentimentByDay, TalkRatio, type OnPick } from './DashboardCharts.js';
import { SectionScoresCard } from './SectionScoresCard.js';
import './dashboard.css';

/** The dashboard's filter controls: dates, source, direction and a tag in use. */
function DashboardFilterBar() {
  const c = useApp((s) => s.dashControls);
  const set = useApp((s) => s.setDashControls);
  const tags = useApp((s) => s.tagOptions);
  const loadTags = useApp((s) => s.loadTagOptions);
  useEffect(() => void loadTags(), [loadTags]);
  return (
    <form className="dash-filters" aria-label="Dashboard filters" onSubmit={(e) => e.preventDefault()}>
      <label className="dash-field">
        <span>From</span>
        <input type="date" className="input input-small" data-testid="dash-from" value={c.from ?? ''} max={c.to} onChange={(e) => void set({ from: e.target.value || undefined })} />
      </label>
      <label className="dash-field">
        <span>To</span>
        <input type="date" className="input input-small" data-testid="dash-to" value={c.to ?? ''} min={c.from} onChange={(e) => void set({ to: e.target.value || undefined })} />
      </label>
      <label className="dash-field">
        <span>Source</span>
        <select className="input input-small" data-testid="dash-source" value={c.source ?? ''} onChange={(e) => void set({ source: e.target.value === '' ? undefined : (e.target.value as 'folder' | 'twilio') })}>
          <option value="">Any</option>
          <option value="folder">Folders</option>
          <option value="twilio">Twilio</option>
        </select>
      </label>
      <label className="dash-field">
        <span>Direction</span>
        <select
          className="input input-small"
          data-testid="dash-direction"
          value={c.direction ?? ''}
          onChange={(e) => void set({ direction: e.target.value === '' ? undefined : (e.target.value as 'inbound' | 'outbound') })}
        >
          <option value="">Any</option>
          <option value="inbound">Inbound</option>
          <option value="outbound">Outbound</option>
        </select>
      </label>
      <label className="dash-field">
        <span>Tag</span>
        <select className="input input-small" data-testid="dash-tag" value={c.tag ?? ''} onChange={(e) => void set({ tag: e.target.value === '' ? undefined : e.target.value })}>
          <option value="">Any</option>
          {/* A chosen tag no call carries any more stays choosable, so the select never lies about the filter. */}
          {c.tag !== undefined && !tags.some((t) => t.tag === c.tag) && <option value={c.tag}>{c.tag} (0)</option>}
          {tags.map((t) => (
            <option key={t.tag} value={t.tag}>
              {t.tag} ({t.calls})
            </option>
          ))}
        </select>
      </label>
      {Object.keys(c).length > 0 && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => void set({ from: undefined, to: undefined, source: undefined, direction: undefined, tag: undefined })}>
          Clear filters
        </button>
      )}
    </form>
  );
}

/** Key phrases by how many calls mention them; a row lists those calls. */
function PhraseRows({ d, onPick }: { d: DashboardResult; onPick: OnPick }) {
  const top = d.keyPhrases[0]?.calls ?? 1;
  return (
    <section className="dash-card" data-testid="dash-phrases" aria-labelledby="dash-phrases-title">
      <h3 id="dash-phrases-title">Top key phrases</h3>
      {d.keyPhrases.length === 0 ? (
        <p className="muted small">No analysed calls yet.</p>
      ) : (
        <ul className="dash-rows">
          {d.keyPhrases.map((k) => (
            <li key={k.text}>
              <button type="button" className="dash-row" data-testid="dash-phrase" onClick={() => onPick({ phrase: k.text }, `phrase “${k.text}”`)}>
                <span className="dash-row-label">{k.text}</span>
                <span className="dash-row-bar" aria-hidden="true">
                  <span style={{ width: `${(k.calls / top) * 100}%` }} />
                </span>
                <span className="dash-row-count">{k.calls}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** QA flags: in how many analysed calls each was present; a row lists those calls. */
function FlagRows({ d, onPick }: { d: DashboardResult; onPick: OnPick }) {
  return (
    <section className="dash-card" data-testid="dash-flags" aria-labelledby="dash-flags-title">
      <h3 id="dash-flags-title">QA flags</h3>
      {d.qaFlags.length === 0 ? (
        <p className="muted small">No analysed calls yet.</p>
      ) : (
        <ul className="dash-rows">
          {d.qaFlags.map((f) => (
            <li key={f.flag}>
              <button type="button" className="dash-row" data-testid="dash-flag" disabled={f.present === 0} onClick={() => onPick({ hasFlag: f.flag }, `flag “${f.flag}”`)}>
                <span className="dash-row-label">{f.flag}</span>
                <span className="dash-row-bar is-flag" aria-hidden="true">
                  <span style={{ width: `${f.total === 0 ? 0 : (f.present / f.total) * 100}%` }} />
                </span>
                <span className="dash-row-count">
                  {f.present} of {f.total}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The cross-call dashboard: filters, totals and charts; clicking a day, bucket, phrase or flag filters the call list and shows it. */
export function DashboardView() {
  const d = useApp((s) => s.dashboard);
  const loading = useApp((s) => s.dashboardLoading);
  const load = useApp((s) => s.loadDashboard);
  const filterCalls = useApp((s) => s.filterCalls);
  useEffect(() => void load(), [load]);
  const onPick: OnPick = (pick, label) => void filterCalls(pick, label);

  return (
    <section className="dashboard" data-testid="dashboard" aria-label="Dashboard" aria-busy={loading}>
      <DashboardFilterBar />
      {d === null ? (
        <p className="muted dash-pad">{loading ? 'Loading the dashboard…' : 'No figures yet.'}</p>
      ) : (
        <div className="dash-body">
          <p className="dash-totals" data-testid="dash-totals">
            <strong>{d.totals.calls}</strong> call{d.totals.calls === 1 ? '' : 's'} · {formatDuration(d.totals.durationSec)} in all · <strong>{d.totals.analysed}</strong> analysed ·{' '}
            {d.totals.withMetrics} with metrics
          </p>
          <div className="dash-grid">
            <CallsPerDay data={d.callsPerDay} onPick={onPick} />
            <SentimentByDay s={d.sentiment} onPick={onPick} />
            <SentimentBuckets s={d.sentiment} onPick={onPick} />
            <LatencyHistogram l={d.latency} onPick={onPick} />
            <TalkRatio t={d.talkRatio} />
            <PhraseRows d={d} onPick={onPick} />
            <FlagRows d={d} onPick={onPick} />
            <SectionScoresCard />
          </div>
        </div>
      )}
    </section>
  );
}
