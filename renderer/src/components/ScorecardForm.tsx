import { useMemo } from 'react';
import { failsCriterion, scoreAnswers } from '../../../shared/review-scoring.js';
import { formatPercent, shortDateTime } from '../review-logic.js';
import { answeredOf, type Scorecard } from '../scoring-slice.js';
import { useApp } from '../store-context.js';
import { ScoreCriterion } from './ScoreCriterion.js';

/**
 * A scorecard: every criterion of the rubric version by section, the score as it stands (computed
 * here with the core's own rules while the reviewer answers, the stored one once complete), auto-fail
 * made plain, Save draft and Complete (only once every criterion has an answer; N/A where allowed).
 */
export function ScorecardForm({ card, onClose }: { card: Scorecard; onClose: () => void }) {
  const setAnswer = useApp((s) => s.setAnswer);
  const saveDraft = useApp((s) => s.saveDraft);
  const complete = useApp((s) => s.completeScore);
  const { rubric, score } = card;
  const live = useMemo(() => scoreAnswers(rubric, answeredOf(card.answers)), [rubric, card.answers]);
  const done = score?.state === 'complete';
  const percent = done ? score.percent : live.percent;
  const autoFailed = done ? score.autoFailed : live.autoFailed;
  const byId = new Map(card.answers.map((a) => [a.criterionId, a]));
  const criteria = rubric.sections.flatMap((s) => s.criteria);
  const failing = criteria.filter((c) => {
    const v = byId.get(c.id)?.value;
    return v !== undefined && v !== null && failsCriterion(c, v);
  });
  const answered = criteria.length - live.unanswered.length;
  const name = `score-${score?.id ?? 'new'}-${rubric.versionId}`;

  return (
    <div className="scorecard" data-testid="scorecard" data-state={score?.state ?? 'new'}>
      <div className="scorecard-head">
        <div className="scorecard-title">
          <h3>
            {rubric.name} <span className="muted">v{rubric.version}</span>
          </h3>
          <span className={`badge ${done ? 'badge-ok' : 'badge-muted'}`} data-testid="scorecard-state">
            {done ? 'complete' : score === null ? 'new' : 'draft'}
          </span>
          {done && <span className="muted small">Completed {shortDateTime(score.completedAt)}</span>}
          {rubric.version < rubric.latestVersion && (
            <span className="muted small" data-testid="scorecard-old-version">
              Scored with version {rubric.version}; the rubric is now at version {rubric.latestVersion}.
            </span>
          )}
        </div>
        <div className={`score-figure${autoFailed ? ' is-failed' : ''}`} aria-live="polite">
          <span className="score-figure-label">{done ? 'Score' : 'Score so far'}</span>
          <span className="score-figure-value" data-testid="score-percent">
            {formatPercent(percent)}
          </span>
        </div>
      </div>
      {autoFailed && (
        <p className="score-autofail" role="status" data-testid="score-autofail">
          Auto-fail: {failing.length > 0 ? failing.map((c) => `“${c.text}”`).join(', ') : 'an auto-fail criterion'} — the whole score is 0 %.
        </p>
      )}
      {rubric.sections.map((section) => (
        <section key={section.id} className="score-section" aria-labelledby={`${name}-${section.id}`} data-testid="score-section">
          <div className="score-section-head">
            <h4 id={`${name}-${section.id}`}>{section.title}</h4>
            {section.weight !== 1 && <span className="badge badge-muted">weight ×{section.weight}</span>}
            <span className="score-section-percent" data-testid="section-percent">
              {formatPercent((done ? score.sectionPercents[section.id] : live.sectionPercents[section.id]) ?? null)}
            </span>
          </div>
          <ol className="criteria">
            {section.criteria.map((c) => (
              <ScoreCriterion
                key={c.id}
                criterion={c}
                answer={byId.get(c.id)}
                failing={failing.includes(c)}
                readOnly={done}
                name={`${name}-${c.id}`}
                onChange={(patch) => setAnswer(c.id, patch)}
              />
            ))}
          </ol>
        </section>
      ))}
      <div className="scorecard-foot">
        <span className="muted small" data-testid="scorecard-answered">
          {answered} of {criteria.length} answered
        </span>
        {!done && (
          <>
            <button type="button" className="btn btn-small" data-testid="score-save" disabled={card.saving || (!card.dirty && score !== null)} onClick={() => void saveDraft()}>
              Save draft
            </button>
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid="score-complete"
              disabled={card.saving || live.unanswered.length > 0}
              title={live.unanswered.length > 0 ? 'Answer every criterion first (N/A where allowed)' : 'Submit the score; it can no longer be changed'}
              onClick={() => void complete()}
            >
              Complete
            </button>
          </>
        )}
        {card.note !== null && (
          <span className="scorecard-note" role="status" data-testid="scorecard-note">
            {card.note}
          </span>
        )}
        <button type="button" className="btn btn-small btn-ghost scorecard-close" onClick={onClose}>
          {card.dirty ? 'Close without saving' : 'Close'}
        </button>
      </div>
    </div>
  );
}
