import { useRef, useState, type FormEvent } from 'react';
import type { Rubric, RubricSummary } from '../../../shared/review.js';
import { blankSection, formOf, toSaveInput, type RubricForm } from '../rubric-form.js';
import { useApp } from '../store-context.js';
import { useModal } from '../use-modal.js';
import { RubricSectionFields } from './RubricSectionFields.js';

/** What saving will do, said before the reviewer saves. */
function versionNote(rubric: Rubric | null, summary: RubricSummary | undefined): string {
  if (rubric === null) return 'Saving creates version 1 of this rubric.';
  const scores = summary?.scoreCount ?? 0;
  const kept = scores === 0 ? 'no score uses it yet' : `the ${scores} score${scores === 1 ? '' : 's'} made so far keep the version they were made with`;
  return `You are editing version ${rubric.version}. Saving a change makes version ${rubric.version + 1}; ${kept}.`;
}

/** The fields of one rubric version; keyed by the version, so a save starts it afresh from what was stored. */
function RubricFields({ rubric, onSaved }: { rubric: Rubric | null; onSaved: (message: string) => void }) {
  const save = useApp((s) => s.saveRubric);
  const summary = useApp((s) => s.rubrics.find((r) => r.id === rubric?.id));
  const [form, setForm] = useState<RubricForm>(() => formOf(rubric));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const checked = toSaveInput(form);
    if ('error' in checked) {
      setError(checked.error);
      return;
    }
    setError(null);
    setSaving(true);
    const saved = await save(checked.input);
    setSaving(false);
    if (saved === null) return;
    if (rubric === null) onSaved(`Saved “${saved.name}” as version 1.`);
    else if (saved.version === rubric.version) onSaved(`Nothing changed: “${saved.name}” stays at version ${saved.version}.`);
    else onSaved(`Saved as version ${saved.version}. Scores made with version ${rubric.version} or earlier keep their version.`);
  };

  return (
    <form className="rubric-form" onSubmit={(e) => void submit(e)} noValidate>
      <p className="rubric-version-note" data-testid="rubric-version-note">
        {versionNote(rubric, summary)}
      </p>
      <label className="field-label" htmlFor="rubric-name">
        Name
      </label>
      <input id="rubric-name" className="input" data-testid="rubric-name" value={form.name} placeholder="e.g. Support call quality" onChange={(e) => setForm({ ...form, name: e.target.value })} />
      <div className="rubric-sections">
        {form.sections.map((s, i) => (
          <RubricSectionFields
            key={s.key}
            section={s}
            index={i}
            onChange={(next) => setForm({ ...form, sections: form.sections.map((x, j) => (j === i ? next : x)) })}
            onRemove={form.sections.length > 1 ? () => setForm({ ...form, sections: form.sections.filter((_, j) => j !== i) }) : null}
          />
        ))}
      </div>
      <button type="button" className="btn btn-small" data-testid="add-section" onClick={() => setForm({ ...form, sections: [...form.sections, blankSection()] })}>
        Add section
      </button>
      {error !== null && (
        <p className="rubric-error" role="alert" data-testid="rubric-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="submit" className="btn btn-primary" data-testid="rubric-save" disabled={saving}>
          {saving ? 'Saving…' : rubric === null ? 'Create rubric' : 'Save new version'}
        </button>
      </div>
    </form>
  );
}

/** The rubric editor dialog: sections with weights, yes/no or 1–5 criteria with weights, N/A and auto-fail; every save is a new version. */
export function RubricEditor({ rubric }: { rubric: Rubric | null }) {
  const close = useApp((s) => s.closeRubricEditor);
  const boxRef = useRef<HTMLDivElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const onKeyDown = useModal(boxRef, close);
  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <div ref={boxRef} className="modal modal-wide rubric-editor" role="dialog" aria-modal="true" aria-labelledby="rubric-editor-title" data-testid="rubric-editor">
        <div className="rubric-editor-head">
          <h2 id="rubric-editor-title" className="modal-title">
            {rubric === null ? 'New rubric' : `${rubric.name} · version ${rubric.version}`}
          </h2>
          <button type="button" className="btn btn-small" data-testid="rubric-close" onClick={close}>
            Close
          </button>
        </div>
        {message !== null && (
          <p className="rubric-saved" role="status" data-testid="rubric-saved">
            {message}
          </p>
        )}
        <RubricFields key={rubric?.versionId ?? 'new'} rubric={rubric} onSaved={setMessage} />
      </div>
    </div>
  );
}
