import type { Answer, AnswerValue, Criterion, RubricDefinition } from './review.js';

/*
 * QA scoring, pure.
 *
 * Each answered criterion earns a fraction of its marks: yes = 1, no = 0; a 1–5 scale v earns
 * (v − 1) / 4 (1 → 0, 3 → 0.5, 5 → 1). N/A earns nothing and costs nothing: it leaves both the
 * numerator and the denominator. A criterion's weight inside the whole rubric is its section's
 * weight times its own, so
 *
 *   percent = 100 × Σ (sectionWeight × criterionWeight × earned) / Σ (sectionWeight × criterionWeight)
 *
 * over the criteria that are answered and not N/A. A section's percent is the same sum inside the
 * section with criterion weights only. Unanswered criteria (a draft) count like N/A, so a draft
 * shows the percent of what has been answered so far. Percents are rounded half-up to 2 decimals
 * (5/6 → 83.33); null when nothing counted (all N/A, or nothing answered).
 *
 * Auto-fail: an auto-fail criterion answered 'no' — or 1, the bottom of a scale — makes the overall
 * percent 0 and sets autoFailed. Section percents are left as answered, so the dashboard still
 * shows where a failed call did well or badly.
 */

/** What a set of answers scores against a rubric version. */
export interface ScoreResult {
  percent: number | null;
  sectionPercents: Record<string, number | null>;
  autoFailed: boolean;
  /** Criteria without an answer (N/A counts as an answer), in rubric order. */
  unanswered: string[];
}

/** The fraction of marks an answer earns (0..1), or null for N/A. */
export function earned(value: AnswerValue): number | null {
  if (value === 'na') return null;
  if (value === 'yes') return 1;
  if (value === 'no') return 0;
  return (value - 1) / 4;
}

/** A 0..1 ratio as a percent rounded half-up to 2 decimals. */
export function toPercent(ratio: number): number {
  return Math.round(ratio * 10_000) / 100;
}

/** True when the answer trips an auto-fail criterion. */
export function failsCriterion(c: Criterion, value: AnswerValue): boolean {
  return c.autoFail && (value === 'no' || value === 1);
}

/** Why answers cannot be stored against a rubric (unknown or repeated criteria, values of the wrong kind, N/A where not allowed); empty when they can. */
export function answerProblems(rubric: RubricDefinition, answers: readonly Answer[]): string[] {
  const criteria = new Map(rubric.sections.flatMap((s) => s.criteria.map((c) => [c.id, c] as const)));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const a of answers) {
    const c = criteria.get(a.criterionId);
    if (!c) problems.push(`${a.criterionId} is not a criterion of this rubric`);
    else if (seen.has(a.criterionId)) problems.push(`${a.criterionId} is answered twice`);
    else if (a.value === 'na' && !c.naAllowed) problems.push(`${a.criterionId} cannot be answered N/A`);
    else if (c.kind === 'yesno' && typeof a.value === 'number') problems.push(`${a.criterionId} is answered yes, no${c.naAllowed ? ' or na' : ''}, not ${a.value}`);
    else if (c.kind === 'scale' && (a.value === 'yes' || a.value === 'no')) problems.push(`${a.criterionId} is answered on a 1–5 scale, not ${a.value}`);
    seen.add(a.criterionId);
  }
  return problems;
}

/** Scores answers against a rubric version (answers assumed valid: see answerProblems). */
export function scoreAnswers(rubric: RubricDefinition, answers: readonly Answer[]): ScoreResult {
  const byCriterion = new Map(answers.map((a) => [a.criterionId, a.value] as const));
  let num = 0;
  let den = 0;
  let autoFailed = false;
  const sectionPercents: Record<string, number | null> = {};
  const unanswered: string[] = [];
  for (const section of rubric.sections) {
    let sNum = 0;
    let sDen = 0;
    for (const c of section.criteria) {
      const value = byCriterion.get(c.id);
      if (value === undefined) {
        unanswered.push(c.id);
        continue;
      }
      if (failsCriterion(c, value)) autoFailed = true;
      const e = earned(value);
      if (e === null) continue;
      sNum += c.weight * e;
      sDen += c.weight;
    }
    sectionPercents[section.id] = sDen > 0 ? toPercent(sNum / sDen) : null;
    num += section.weight * sNum;
    den += section.weight * sDen;
  }
  const percent = autoFailed ? 0 : den > 0 ? toPercent(num / den) : null;
  return { percent, sectionPercents, autoFailed, unanswered };
}
