import { RubricSaveInput, type CriterionKind, type Rubric } from '../../shared/review.js';

/*
 * The rubric editor's form model: what the fields hold (weights as typed text), made from a stored
 * version and turned back into a save request. Section and criterion ids are kept across edits, so
 * the answers of a new version still find their criterion; new rows get theirs from the core.
 */

/** One criterion as the editor holds it. */
export interface CriterionForm {
  key: string;
  id?: string;
  text: string;
  kind: CriterionKind;
  weight: string;
  autoFail: boolean;
  naAllowed: boolean;
}

/** One section as the editor holds it. */
export interface SectionForm {
  key: string;
  id?: string;
  title: string;
  weight: string;
  criteria: CriterionForm[];
}

/** The whole rubric as the editor holds it. */
export interface RubricForm {
  id?: number;
  name: string;
  sections: SectionForm[];
}

let nextKey = 1;
/** A key for a new row, so React keeps each row's fields with it when rows are added or removed. */
const key = (): string => `k${nextKey++}`;

/** An empty criterion (yes/no, weight 1). */
export function blankCriterion(): CriterionForm {
  return { key: key(), text: '', kind: 'yesno', weight: '1', autoFail: false, naAllowed: false };
}

/** An empty section with one empty criterion. */
export function blankSection(): SectionForm {
  return { key: key(), title: '', weight: '1', criteria: [blankCriterion()] };
}

/** The form of a stored rubric version, or of a new rubric. */
export function formOf(rubric: Rubric | null): RubricForm {
  if (rubric === null) return { name: '', sections: [blankSection()] };
  return {
    id: rubric.id,
    name: rubric.name,
    sections: rubric.sections.map((s) => ({
      key: key(),
      id: s.id,
      title: s.title,
      weight: String(s.weight),
      criteria: s.criteria.map((c) => ({ key: key(), id: c.id, text: c.text, kind: c.kind, weight: String(c.weight), autoFail: c.autoFail, naAllowed: c.naAllowed })),
    })),
  };
}

/** Where a problem is, for the message: "Section 2, criterion 1: …". */
function where(path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    if (path[i] === 'sections' && typeof path[i + 1] === 'number') parts.push(`Section ${(path[i + 1] as number) + 1}`);
    if (path[i] === 'criteria' && typeof path[i + 1] === 'number') parts.push(`criterion ${(path[i + 1] as number) + 1}`);
    if (path[i] === 'name') parts.push('Name');
  }
  return parts.join(', ');
}

/** The save request of a form, or the first thing wrong with it in words. */
export function toSaveInput(form: RubricForm): { input: RubricSaveInput } | { error: string } {
  const raw = {
    ...(form.id === undefined ? {} : { id: form.id }),
    name: form.name,
    sections: form.sections.map((s) => ({
      ...(s.id === undefined ? {} : { id: s.id }),
      title: s.title,
      weight: Number(s.weight),
      criteria: s.criteria.map((c) => ({
        ...(c.id === undefined ? {} : { id: c.id }),
        text: c.text,
        kind: c.kind,
        weight: Number(c.weight),
        autoFail: c.autoFail,
        naAllowed: c.naAllowed,
      })),
    })),
  };
  const parsed = RubricSaveInput.safeParse(raw);
  if (parsed.success) return { input: raw };
  const issue = parsed.error.issues[0];
  if (issue === undefined) return { error: 'The rubric is not complete.' };
  const at = where(issue.path);
  const last = issue.path[issue.path.length - 1];
  const what =
    last === 'weight' ? 'weights are numbers above 0 (1 is normal)' : last === 'text' || last === 'title' || last === 'name' ? 'needs some text' : issue.message;
  return { error: `${at === '' ? 'The rubric' : at}: ${what}.` };
}
