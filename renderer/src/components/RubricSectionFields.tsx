import type { CriterionKind } from '../../../shared/review.js';
import { blankCriterion, type CriterionForm, type SectionForm } from '../rubric-form.js';

/** One criterion's fields: question, kind, weight, N/A allowed, auto-fail, remove. */
function CriterionFields({ c, n, onChange, onRemove }: { c: CriterionForm; n: string; onChange: (patch: Partial<CriterionForm>) => void; onRemove: (() => void) | null }) {
  return (
    <li className="rubric-criterion" data-testid="rubric-criterion">
      <input className="input input-small rubric-criterion-text" data-testid="criterion-text" aria-label={`Criterion ${n}`} placeholder="What should the call do?" value={c.text} onChange={(e) => onChange({ text: e.target.value })} />
      <select className="input input-small" data-testid="criterion-kind" aria-label={`Criterion ${n}: answer kind`} value={c.kind} onChange={(e) => onChange({ kind: e.target.value as CriterionKind })}>
        <option value="yesno">Yes / No</option>
        <option value="scale">1–5 scale</option>
      </select>
      <label className="rubric-weight" title="How much this criterion counts within its section">
        <span>Weight</span>
        <input className="input input-small" data-testid="criterion-weight" type="number" min={0.1} step={0.5} value={c.weight} onChange={(e) => onChange({ weight: e.target.value })} />
      </label>
      <label className="checkbox" title="The reviewer may answer N/A, which leaves the criterion out of the score">
        <input type="checkbox" data-testid="criterion-na" checked={c.naAllowed} onChange={(e) => onChange({ naAllowed: e.target.checked })} />
        N/A allowed
      </label>
      <label className="checkbox" title={c.kind === 'yesno' ? 'Answering No makes the whole score 0 %' : 'Answering 1 makes the whole score 0 %'}>
        <input type="checkbox" data-testid="criterion-autofail" checked={c.autoFail} onChange={(e) => onChange({ autoFail: e.target.checked })} />
        Auto-fail
      </label>
      {onRemove !== null && (
        <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove criterion ${n}`} onClick={onRemove}>
          ✕
        </button>
      )}
    </li>
  );
}

/** What a section's fields show and change. */
export interface RubricSectionFieldsProps {
  section: SectionForm;
  index: number;
  onChange: (next: SectionForm) => void;
  /** Null when it is the only section (a rubric needs one). */
  onRemove: (() => void) | null;
}

/** A section: its title and weight, its criteria, and adding or removing criteria. */
export function RubricSectionFields({ section: s, index, onChange, onRemove }: RubricSectionFieldsProps) {
  const n = index + 1;
  const setCriterion = (i: number, patch: Partial<CriterionForm>): void => onChange({ ...s, criteria: s.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <fieldset className="rubric-section" data-testid="rubric-section">
      <legend className="sr-only">Section {n}</legend>
      <div className="rubric-section-head">
        <input className="input input-small rubric-section-title" data-testid="section-title" aria-label={`Section ${n} title`} placeholder={`Section ${n} title`} value={s.title} onChange={(e) => onChange({ ...s, title: e.target.value })} />
        <label className="rubric-weight" title="How much this section counts in the whole score">
          <span>Weight</span>
          <input className="input input-small" data-testid="section-weight" type="number" min={0.1} step={0.5} value={s.weight} onChange={(e) => onChange({ ...s, weight: e.target.value })} />
        </label>
        {onRemove !== null && (
          <button type="button" className="btn btn-small btn-ghost" onClick={onRemove}>
            Remove section
          </button>
        )}
      </div>
      <ol className="rubric-criteria">
        {s.criteria.map((c, i) => (
          <CriterionFields
            key={c.key}
            c={c}
            n={`${n}.${i + 1}`}
            onChange={(patch) => setCriterion(i, patch)}
            onRemove={s.criteria.length > 1 ? () => onChange({ ...s, criteria: s.criteria.filter((_, j) => j !== i) }) : null}
          />
        ))}
      </ol>
      <button type="button" className="btn btn-small" data-testid="add-criterion" onClick={() => onChange({ ...s, criteria: [...s.criteria, blankCriterion()] })}>
        Add criterion
      </button>
    </fieldset>
  );
}
