import type { AnswerValue, Criterion } from '../../../shared/review.js';
import { formatTimestamp } from '../../../shared/format.js';
import { usePlayback, usePlaybackStore } from '../player/playback-context.js';
import type { AnswerDraft } from '../scoring-slice.js';

/** The choices of a criterion, as the radio buttons show them. */
function choices(c: Criterion): Array<{ value: AnswerValue; label: string; title: string }> {
  const base: Array<{ value: AnswerValue; label: string; title: string }> =
    c.kind === 'yesno'
      ? [
          { value: 'yes', label: 'Yes', title: 'Yes: full marks' },
          { value: 'no', label: 'No', title: c.autoFail ? 'No: fails the whole call (auto-fail)' : 'No: no marks' },
        ]
      : [1, 2, 3, 4, 5].map((v) => ({ value: v, label: String(v), title: v === 1 && c.autoFail ? '1: fails the whole call (auto-fail)' : `${v} of 5` }));
  return c.naAllowed ? [...base, { value: 'na', label: 'N/A', title: 'Not applicable: left out of the score' }] : base;
}

/** What one criterion's row shows and changes. */
export interface ScoreCriterionProps {
  criterion: Criterion;
  answer: AnswerDraft | undefined;
  /** True when this answer trips the criterion's auto-fail. */
  failing: boolean;
  readOnly: boolean;
  /** Makes the radio names unique per scorecard. */
  name: string;
  onChange: (patch: Partial<Omit<AnswerDraft, 'criterionId'>>) => void;
}

/** One criterion: its question, the answer (radio buttons), a cited moment of the call and a note. */
export function ScoreCriterion({ criterion: c, answer, failing, readOnly, name, onChange }: ScoreCriterionProps) {
  const ready = usePlayback((s) => s.ready);
  const playback = usePlaybackStore();
  const value = answer?.value ?? null;
  const cite = answer?.citeSec ?? null;
  const note = answer?.note ?? '';
  return (
    <li className={`criterion${failing ? ' is-failing' : ''}`} data-testid="criterion" data-criterion-id={c.id} data-answered={value !== null}>
      <div className="criterion-text" id={`${name}-q`}>
        {c.text}
        {c.weight !== 1 && <span className="badge badge-muted criterion-weight">×{c.weight}</span>}
        {c.autoFail && (
          <span className="badge badge-bad" title={c.kind === 'yesno' ? 'Answering No makes the whole score 0 %' : 'Answering 1 makes the whole score 0 %'}>
            auto-fail
          </span>
        )}
      </div>
      <div className="criterion-answers" role="radiogroup" aria-labelledby={`${name}-q`}>
        {choices(c).map((ch) => (
          <label key={String(ch.value)} className={`answer-pill${value === ch.value ? ' is-on' : ''}`} title={ch.title}>
            <input type="radio" name={name} value={String(ch.value)} checked={value === ch.value} disabled={readOnly} data-testid={`answer-${String(ch.value)}`} onChange={() => onChange({ value: ch.value })} />
            {ch.label}
          </label>
        ))}
      </div>
      <div className="criterion-extra">
        {cite !== null ? (
          <span className="criterion-cite">
            <button type="button" className="btn btn-small" data-testid="cite-seek" disabled={!ready} title="Move the playhead to the cited moment" onClick={() => playback.getState().seek(cite, false)}>
              ▶ {formatTimestamp(cite)}
            </button>
            {!readOnly && (
              <button type="button" className="btn btn-small btn-ghost" aria-label="Remove the cited moment" onClick={() => onChange({ citeSec: null })}>
                ✕
              </button>
            )}
          </span>
        ) : (
          !readOnly && (
            <button type="button" className="btn btn-small btn-ghost" data-testid="cite-moment" disabled={!ready} title="Cite the playhead's moment as evidence" onClick={() => onChange({ citeSec: Math.round(playback.getState().time * 10) / 10 })}>
              Cite this moment
            </button>
          )
        )}
        {readOnly ? (
          note !== '' && <span className="criterion-note">{note}</span>
        ) : (
          <input className="input input-small criterion-note-input" aria-label={`Note on “${c.text}”`} placeholder="Note (optional)" value={note} maxLength={4000} onChange={(e) => onChange({ note: e.target.value })} />
        )}
      </div>
    </li>
  );
}
