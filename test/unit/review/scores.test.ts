/**
 * Rubrics and scores through the IPC handlers on a real library: versioning (an edit is version 2,
 * an old score keeps version 1 and its percent), drafts then complete (score_submitted), the
 * scored-calls list and its filters, and the per-section averages the dashboard shows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../shared/ipc/contract.js';
import { Rubric, type Score } from '../../../shared/review.js';
import { reviewRig, type ReviewRig } from './review-rig.js';

let rig: ReviewRig;

beforeEach(async () => {
  rig = await reviewRig('cr-review-scores-');
});
afterEach(() => {
  rig?.close();
});

/** The rubric of scoring.test.ts, with fixed ids. */
const SUPPORT: ChannelInput<'rubrics:save'> = {
  name: 'Support QA',
  sections: [
    {
      id: 'opening',
      title: 'Opening',
      weight: 2,
      criteria: [
        { id: 'greet', text: 'Greets the caller', kind: 'yesno' },
        { id: 'disclose', text: 'Says the call is recorded', kind: 'yesno', autoFail: true },
        { id: 'empathy', text: 'Empathy', kind: 'scale', weight: 2 },
      ],
    },
    {
      id: 'resolution',
      title: 'Resolution',
      criteria: [
        { id: 'solved', text: 'Solves the problem', kind: 'yesno', naAllowed: true },
        { id: 'clarity', text: 'Explains clearly', kind: 'scale', naAllowed: true },
      ],
    },
  ],
};

const FULL = [
  { criterionId: 'greet', value: 'yes' },
  { criterionId: 'disclose', value: 'yes' },
  { criterionId: 'empathy', value: 4, citeSec: 5.2, note: 'Apologised' },
  { criterionId: 'solved', value: 'na' },
  { criterionId: 'clarity', value: 5 },
] as const;

async function completeScore(answers: ChannelInput<'scores:save'>['answers'], rubricId: number): Promise<Score> {
  const draft = await rig.call('scores:save', { callId: rig.callId, rubricId, answers });
  return rig.call('scores:complete', { id: draft.id });
}

describe('rubrics', () => {
  it('creates version 1, fills in missing ids, and makes a new version only when the definition changes', async () => {
    const v1 = Rubric.parse(await rig.call('rubrics:save', { name: 'Short', sections: [{ title: 'All', criteria: [{ text: 'Polite', kind: 'yesno' }, { text: 'Tone', kind: 'scale' }] }] }));
    expect(v1).toMatchObject({ name: 'Short', version: 1, latestVersion: 1 });
    const ids = [v1.sections[0]!.id, ...v1.sections[0]!.criteria.map((c) => c.id)];
    expect(new Set(ids).size).toBe(3);
    expect(v1.sections[0]!.criteria[0]).toMatchObject({ weight: 1, autoFail: false, naAllowed: false });

    const { id, name, sections } = v1;
    expect(await rig.call('rubrics:save', { id, name, sections })).toEqual(v1);
    const v2 = await rig.call('rubrics:save', { id, name: 'Short (strict)', sections: [{ ...sections[0]!, weight: 3 }] });
    expect(v2).toMatchObject({ id, version: 2, latestVersion: 2, name: 'Short (strict)' });
    expect(await rig.call('rubrics:get', { id, version: 1 })).toEqual({ ...v1, latestVersion: 2 });
    expect(await rig.call('rubrics:list', {})).toEqual([{ id, name: 'Short (strict)', version: 2, sectionCount: 1, criterionCount: 2, scoreCount: 0, updatedAt: v2.createdAt }]);
  });

  it('refuses ids used twice, empty sections and unknown rubrics', async () => {
    const twice = { name: 'Bad', sections: [{ id: 'x', title: 'A', criteria: [{ id: 'x', text: 'Q', kind: 'yesno' as const }] }] };
    expect(await rig.fail('rubrics:save', twice)).toMatchObject({ code: 'bad-request', message: expect.stringContaining('The id x is used twice') });
    expect(await rig.fail('rubrics:save', { name: 'Empty', sections: [{ title: 'A', criteria: [] }] })).toMatchObject({ code: 'bad-request' });
    expect(await rig.fail('rubrics:save', { id: 77, ...SUPPORT })).toMatchObject({ code: 'not-found' });
    expect(await rig.fail('rubrics:get', { id: 77 })).toMatchObject({ code: 'not-found' });
  });
});

describe('scores', () => {
  it('saves a draft over the answered criteria, completes it once with a score_submitted activity', async () => {
    const rubric = await rig.call('rubrics:save', SUPPORT);
    rig.setNow('2026-03-05T11:00:00.000Z');
    const draft = await rig.call('scores:save', { callId: rig.callId, rubricId: rubric.id, answers: [{ criterionId: 'greet', value: 'yes' }, { criterionId: 'empathy', value: 2 }] });
    expect(draft).toMatchObject({ state: 'draft', rubricVersion: 1, percent: 50, sectionPercents: { opening: 50, resolution: null }, autoFailed: false, completedAt: null });
    // Completing with criteria left open is refused and changes nothing.
    expect(await rig.fail('scores:complete', { id: draft.id })).toMatchObject({ code: 'bad-request', message: expect.stringContaining('3 criteria are not answered yet (disclose, solved, clarity)') });
    // N/A where the rubric does not allow it.
    expect(await rig.fail('scores:save', { id: draft.id, answers: [{ criterionId: 'greet', value: 'na' }] })).toMatchObject({ code: 'bad-request', message: expect.stringContaining('greet cannot be answered N/A') });

    rig.setNow('2026-03-05T11:05:00.000Z');
    const done = await rig.call('scores:complete', { id: draft.id, answers: [...FULL] });
    expect(done).toMatchObject({ id: draft.id, state: 'complete', percent: 88.89, sectionPercents: { opening: 87.5, resolution: 100 }, completedAt: '2026-03-05T11:05:00.000Z' });
    expect(done.answers.find((a) => a.criterionId === 'empathy')).toEqual({ criterionId: 'empathy', value: 4, citeSec: 5.2, note: 'Apologised' });
    expect(await rig.fail('scores:save', { id: draft.id, answers: [] })).toMatchObject({ code: 'conflict' });
    expect(await rig.fail('scores:complete', { id: draft.id })).toMatchObject({ code: 'conflict' });

    const submitted = rig.core.repos.activities.forCall(rig.callId).filter((a) => a.type === 'score_submitted');
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ at: '2026-03-05T11:05:00.000Z', groupId: 'sess-a1b2c3', payload: { scoreId: draft.id, rubricId: rubric.id, rubricVersion: 1, percent: 88.89, autoFailed: false } });
  });

  it('keeps an old score on its rubric version and percent after the rubric is edited', async () => {
    const v1 = await rig.call('rubrics:save', SUPPORT);
    const old = await completeScore([...FULL], v1.id);
    expect(old).toMatchObject({ rubricVersion: 1, percent: 88.89 });

    // Version 2: Resolution weighs 3 and "solved" may no longer be N/A.
    const sections = v1.sections.map((s) => (s.id === 'resolution' ? { ...s, weight: 3, criteria: s.criteria.map((c) => (c.id === 'solved' ? { ...c, naAllowed: false } : c)) } : s));
    const v2 = await rig.call('rubrics:save', { id: v1.id, name: v1.name, sections });
    expect(v2.version).toBe(2);

    expect(await rig.call('scores:get', { id: old.id })).toEqual(old);
    // The same answers are not even valid under version 2.
    expect(await rig.fail('scores:save', { callId: rig.callId, rubricId: v1.id, answers: [...FULL] })).toMatchObject({ code: 'bad-request' });
    // With "solved" answered: (2 × 3.5 + 3 × (1 + 1)) / (2 × 4 + 3 × 2) = 13 / 14.
    const fresh = await completeScore([...FULL.filter((a) => a.criterionId !== 'solved'), { criterionId: 'solved', value: 'yes' }], v1.id);
    expect(fresh).toMatchObject({ rubricVersion: 2, percent: 92.86 });
    // A new score may still be started on version 1 on purpose.
    expect(await rig.call('scores:save', { callId: rig.callId, rubricId: v1.id, rubricVersion: 1, answers: [...FULL] })).toMatchObject({ rubricVersion: 1, percent: 88.89 });
  });

  it('lists scored calls by rubric, state, percent range and date, and averages complete ones per section', async () => {
    const support = await rig.call('rubrics:save', SUPPORT);
    const other = await rig.call('rubrics:save', { name: 'Other', sections: [{ id: 'only', title: 'Only', criteria: [{ id: 'q', text: 'Q', kind: 'yesno' }] }] });
    rig.setNow('2026-03-05T09:00:00.000Z');
    const a = await completeScore([...FULL], support.id); // 88.89
    rig.setNow('2026-03-06T09:00:00.000Z');
    const failed = await completeScore([...FULL.filter((x) => x.criterionId !== 'disclose'), { criterionId: 'disclose', value: 'no' }], support.id); // 0, Opening 62.5
    rig.setNow('2026-03-07T09:00:00.000Z');
    const draft = await rig.call('scores:save', { callId: rig.callId, rubricId: support.id, answers: [{ criterionId: 'greet', value: 'no' }] });
    const o = await completeScore([{ criterionId: 'q', value: 'yes' }], other.id);

    const ids = async (filters: ChannelInput<'scores:list'>) => (await rig.call('scores:list', filters)).map((s) => s.id);
    expect(await ids({})).toEqual([o.id, draft.id, failed.id, a.id]);
    expect(await ids({ rubricId: support.id })).toEqual([draft.id, failed.id, a.id]);
    expect(await ids({ rubricId: support.id, state: 'complete' })).toEqual([failed.id, a.id]);
    expect(await ids({ state: 'draft' })).toEqual([draft.id]);
    expect(await ids({ minPercent: 50 })).toEqual([o.id, a.id]);
    expect(await ids({ maxPercent: 10 })).toEqual([draft.id, failed.id]);
    expect(await ids({ minPercent: 80, maxPercent: 90 })).toEqual([a.id]);
    expect(await ids({ from: '2026-03-06', to: '2026-03-06' })).toEqual([failed.id]);
    expect(await ids({ to: '2026-03-06T08:59:59Z' })).toEqual([a.id]);
    const [first] = await rig.call('scores:list', { rubricId: other.id });
    expect(first).toMatchObject({ callId: rig.callId, callExternalId: 'sess-a1b2c3_20260302_091504', rubricName: 'Other', percent: 100 });

    // Two complete Support scores: 88.89 and 0 average 44.45 (44.445 rounded); Opening (87.5 + 62.5) / 2; the draft does not count.
    const stats = await rig.call('review:scoreStats', { rubricId: support.id });
    expect(stats).toEqual([
      {
        rubricId: support.id,
        rubricName: 'Support QA',
        scoreCount: 2,
        autoFailedCount: 1,
        averagePercent: 44.45,
        sections: [
          { sectionId: 'opening', title: 'Opening', averagePercent: 75, count: 2 },
          { sectionId: 'resolution', title: 'Resolution', averagePercent: 100, count: 2 },
        ],
      },
    ]);
    const all = await rig.call('review:scoreStats', { from: '2026-03-06' });
    expect(all.map((s) => [s.rubricName, s.scoreCount, s.averagePercent])).toEqual([
      ['Other', 1, 100],
      ['Support QA', 1, 0],
    ]);
  });
});
