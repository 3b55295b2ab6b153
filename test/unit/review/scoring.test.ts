/**
 * QA scoring as a pure function: yes/no and 1–5 scales, N/A out of numerator and denominator,
 * section × criterion weights, auto-fail, drafts scored over what is answered, rounding to two
 * decimals — each with its exact expected percent.
 */
import { describe, expect, it } from 'vitest';
import { answerProblems, earned, scoreAnswers, toPercent } from '../../../electron/core/review/scoring.js';
import type { Answer, AnswerValue, RubricDefinition } from '../../../shared/review.js';

/** Opening (weight 2): greeting, disclosure (auto-fail), empathy 1–5 (weight 2). Resolution (weight 1): solved (N/A ok), clarity 1–5 (N/A ok). */
const RUBRIC: RubricDefinition = {
  name: 'Support QA',
  sections: [
    {
      id: 'opening',
      title: 'Opening',
      weight: 2,
      criteria: [
        { id: 'greet', text: 'Greets the caller', kind: 'yesno', weight: 1, autoFail: false, naAllowed: false },
        { id: 'disclose', text: 'Says the call is recorded', kind: 'yesno', weight: 1, autoFail: true, naAllowed: false },
        { id: 'empathy', text: 'Empathy', kind: 'scale', weight: 2, autoFail: false, naAllowed: false },
      ],
    },
    {
      id: 'resolution',
      title: 'Resolution',
      weight: 1,
      criteria: [
        { id: 'solved', text: 'Solves the problem', kind: 'yesno', weight: 1, autoFail: false, naAllowed: true },
        { id: 'clarity', text: 'Explains clearly', kind: 'scale', weight: 1, autoFail: false, naAllowed: true },
      ],
    },
  ],
};

const answers = (values: Record<string, AnswerValue>): Answer[] => Object.entries(values).map(([criterionId, value]) => ({ criterionId, value, citeSec: null, note: '' }));

describe('scoring', () => {
  it('maps answers to marks: yes 1, no 0, scale (v − 1) / 4, N/A none', () => {
    expect([earned('yes'), earned('no'), earned('na'), earned(1), earned(2), earned(3), earned(4), earned(5)]).toEqual([1, 0, null, 0, 0.25, 0.5, 0.75, 1]);
  });

  it('weights each criterion by section weight × its own weight', () => {
    // Opening (1 + 1 + 2 × 0.75) / 4 = 87.5; Resolution 1 / 1; overall (2 × 3.5 + 1 × 1) / (2 × 4 + 1 × 1) = 8 / 9.
    const r = scoreAnswers(RUBRIC, answers({ greet: 'yes', disclose: 'yes', empathy: 4, solved: 'na', clarity: 5 }));
    expect(r).toEqual({ percent: 88.89, sectionPercents: { opening: 87.5, resolution: 100 }, autoFailed: false, unanswered: [] });
  });

  it('leaves N/A out of both sides: answering no instead lowers the score', () => {
    // solved 'no' counts: Resolution (0 + 1) / 2 = 50; overall (7 + 1) / (8 + 2) = 80.
    expect(scoreAnswers(RUBRIC, answers({ greet: 'yes', disclose: 'yes', empathy: 4, solved: 'no', clarity: 5 })).percent).toBe(80);
    // A whole section N/A: it has no percent and the overall is the other section's, 7 / 8.
    const allNa = scoreAnswers(RUBRIC, answers({ greet: 'yes', disclose: 'yes', empathy: 4, solved: 'na', clarity: 'na' }));
    expect(allNa).toMatchObject({ percent: 87.5, sectionPercents: { opening: 87.5, resolution: null } });
  });

  it('auto-fails: a "no" on an auto-fail criterion makes the score 0 %, sections stay as answered', () => {
    const r = scoreAnswers(RUBRIC, answers({ greet: 'yes', disclose: 'no', empathy: 4, solved: 'yes', clarity: 5 }));
    // Opening would be (1 + 0 + 1.5) / 4 = 62.5 and the overall (5 + 2) / 10 = 70 without the auto-fail.
    expect(r).toEqual({ percent: 0, sectionPercents: { opening: 62.5, resolution: 100 }, autoFailed: true, unanswered: [] });
  });

  it('auto-fails a scale criterion at 1 only', () => {
    const rubric: RubricDefinition = {
      name: 'Scale',
      sections: [{ id: 's', title: 'S', weight: 1, criteria: [{ id: 'tone', text: 'Tone', kind: 'scale', weight: 1, autoFail: true, naAllowed: false }, { id: 'x', text: 'X', kind: 'yesno', weight: 1, autoFail: false, naAllowed: false }] }],
    };
    expect(scoreAnswers(rubric, answers({ tone: 1, x: 'yes' }))).toMatchObject({ percent: 0, autoFailed: true, sectionPercents: { s: 50 } });
    // 2 earns 0.25: (0.25 + 1) / 2.
    expect(scoreAnswers(rubric, answers({ tone: 2, x: 'yes' }))).toMatchObject({ percent: 62.5, autoFailed: false });
  });

  it('rounds half-up to two decimals', () => {
    const rubric: RubricDefinition = {
      name: 'Weights',
      sections: [
        {
          id: 's',
          title: 'S',
          weight: 1,
          criteria: [1, 2, 3].map((weight) => ({ id: `w${weight}`, text: `Weight ${weight}`, kind: 'yesno' as const, weight, autoFail: false, naAllowed: false })),
        },
      ],
    };
    expect(scoreAnswers(rubric, answers({ w1: 'no', w2: 'yes', w3: 'yes' })).percent).toBe(83.33); // 5 / 6
    expect(scoreAnswers(rubric, answers({ w1: 'yes', w2: 'no', w3: 'yes' })).percent).toBe(66.67); // 4 / 6
    expect(scoreAnswers(rubric, answers({ w1: 'yes', w2: 'yes', w3: 'no' })).percent).toBe(50);
    expect([toPercent(1 / 3), toPercent(2 / 3), toPercent(0.12345), toPercent(1)]).toEqual([33.33, 66.67, 12.35, 100]);
  });

  it('scores a draft over what is answered so far and lists what is not', () => {
    // Opening (1 + 2 × 0.25) / 3 = 50; Resolution nothing yet.
    const r = scoreAnswers(RUBRIC, answers({ greet: 'yes', empathy: 2 }));
    expect(r).toEqual({ percent: 50, sectionPercents: { opening: 50, resolution: null }, autoFailed: false, unanswered: ['disclose', 'solved', 'clarity'] });
    expect(scoreAnswers(RUBRIC, [])).toMatchObject({ percent: null, autoFailed: false });
  });

  it('says what is wrong with answers that do not fit the rubric', () => {
    expect(answerProblems(RUBRIC, answers({ greet: 'yes', empathy: 3, solved: 'na' }))).toEqual([]);
    expect(
      answerProblems(RUBRIC, [
        ...answers({ nope: 'yes', greet: 'na', empathy: 'yes', solved: 4 }),
        { criterionId: 'clarity', value: 3, citeSec: 10, note: '' },
        { criterionId: 'clarity', value: 4, citeSec: null, note: '' },
      ]),
    ).toEqual([
      'nope is not a criterion of this rubric',
      'greet cannot be answered N/A',
      'empathy is answered on a 1–5 scale, not yes',
      'solved is answered yes, no or na, not 4',
      'clarity is answered twice',
    ]);
  });
});
