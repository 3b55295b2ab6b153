import { useEffect, useState } from 'react';
import type { ScoreListItem } from '../../../shared/review.js';
import type { CallDetail } from '../../../shared/types.js';
import { formatPercent, shortDateTime } from '../review-logic.js';
import { useApp } from '../store-context.js';
import { ScorecardForm } from './ScorecardForm.js';

/** Picking a rubric to score the call with (or a way to make the first rubric). */
function StartScoring({ callId }: { callId: number }) {
  const rubrics = useApp((s) => s.rubrics);
  const start = useApp((s) => s.startScorecard);
  const openEditor = useApp((s) => s.openRubricEditor);
  const [picked, setPicked] = useState('');
  const chosen = rubrics.find((r) => String(r.id) === picked) ?? rubrics[0];
  if (rubrics.length === 0) {
    return (
      <div className="scorecard-start" data-testid="scorecard-start">
        <p className="muted">No rubric yet. A rubric lists what a good call does, in weighted sections.</p>
        <button type="button" className="btn btn-primary" data-testid="scorecard-new-rubric" onClick={() => void openEditor(null)}>
          Create a rubric
        </button>
      </div>
    );
  }
  return (
    <div className="scorecard-start" data-testid="scorecard-start">
      <label className="field-label" htmlFor="scorecard-rubric">
        Score this call with
      </label>
      <div className="scorecard-start-row">
        <select id="scorecard-rubric" className="input input-small" data-testid="scorecard-rubric" value={chosen === undefined ? '' : String(chosen.id)} onChange={(e) => setPicked(e.target.value)}>
          {rubrics.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} (v{r.version})
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-primary btn-small" data-testid="scorecard-start-button" disabled={chosen === undefined} onClick={() => chosen !== undefined && void start(callId, chosen.id)}>
          Start scorecard
        </button>
      </div>
    </div>
  );
}

// One empty list, so the selector below returns the same value while nothing is loaded (a new [] each time would re-render forever).
const NO_SCORES: ScoreListItem[] = [];

/** The call's scores, newest first: each opens in the scorecard. */
function CallScores({ callId }: { callId: number }) {
  const scores = useApp((s) => (s.callScoresCallId === callId ? s.callScores : NO_SCORES));
  const open = useApp((s) => s.openScore);
  const shownId = useApp((s) => (s.scorecard?.callId === callId ? (s.scorecard.score?.id ?? null) : null));
  return (
    <section className="detail-section" aria-labelledby="call-scores-title">
      <h3 id="call-scores-title">Scores of this call ({scores.length})</h3>
      {scores.length === 0 ? (
        <p className="muted small">Not scored yet.</p>
      ) : (
        <ul className="call-scores">
          {scores.map((s) => (
            <li key={s.id}>
              <button type="button" className={`call-score${s.id === shownId ? ' is-shown' : ''}`} data-testid="call-score" data-score-id={s.id} onClick={() => void open(s.id)}>
                <span className="call-score-name">
                  {s.rubricName} v{s.rubricVersion}
                </span>
                <span className={`badge ${s.state === 'complete' ? 'badge-ok' : 'badge-muted'}`}>{s.state === 'complete' ? 'complete' : 'draft'}</span>
                <span className="call-score-percent">{formatPercent(s.percent)}</span>
                {s.autoFailed && <span className="badge badge-bad">auto-fail</span>}
                <span className="call-score-when muted">{shortDateTime(s.completedAt ?? s.updatedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The Scorecard tab: score the call against a rubric (draft, then complete), and the call's earlier scores. */
export function ScorecardPanel({ call, active }: { call: CallDetail; active: boolean }) {
  const card = useApp((s) => (s.scorecard?.callId === call.id ? s.scorecard : null));
  const loadScores = useApp((s) => s.loadCallScores);
  const loadRubrics = useApp((s) => s.loadRubrics);
  const close = useApp((s) => s.closeScorecard);

  useEffect(() => {
    if (!active) return;
    void loadScores(call.id);
    void loadRubrics();
  }, [active, call.id, loadScores, loadRubrics]);

  return (
    <div className="review-columns">
      <section className="scorecard-main" aria-label="Scorecard" data-testid="scorecard-panel">
        {card === null ? <StartScoring callId={call.id} /> : <ScorecardForm card={card} onClose={close} />}
      </section>
      <aside className="timeline-side">
        <CallScores callId={call.id} />
      </aside>
    </div>
  );
}
