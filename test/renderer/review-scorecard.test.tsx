// @vitest-environment jsdom
/**
 * QA scorecards over a real library: a rubric made in the editor (sections, yes/no and 1–5
 * criteria, weights, N/A, auto-fail) whose every save is a new version, said so in the dialog; a
 * call scored as a draft with the percent shown live, completed once all is answered; auto-fail
 * made plain; the scored-calls drawer and its filters; the dashboard's averages per section.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import { coreBridge, type CoreBridge } from './review-bridge.js';

const A1 = 'sess-a1b2c3_20260302_091504';
let cb: CoreBridge | null = null;

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});

afterEach(() => {
  cleanup();
  cb?.close();
  cb = null;
});

const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

/** Fills the editor: Opening (Greets; Confirms identity, auto-fail) and Resolution ×2 (Resolves, 1–5 ×2; Offers more help, N/A allowed). */
function fillRubric(editor: HTMLElement): void {
  type(within(editor).getByTestId('rubric-name'), 'Support QA');
  type(within(editor).getByTestId('section-title'), 'Opening');
  type(within(editor).getByTestId('criterion-text'), 'Greets the caller');
  fireEvent.click(within(editor).getByTestId('add-criterion'));
  const second = within(editor).getAllByTestId('rubric-criterion')[1]!;
  type(within(second).getByTestId('criterion-text'), 'Confirms identity');
  fireEvent.click(within(second).getByTestId('criterion-autofail'));
  fireEvent.click(within(editor).getByTestId('add-section'));
  const resolution = within(editor).getAllByTestId('rubric-section')[1]!;
  type(within(resolution).getByTestId('section-title'), 'Resolution');
  type(within(resolution).getByTestId('section-weight'), '2');
  const resolves = within(resolution).getByTestId('rubric-criterion');
  type(within(resolves).getByTestId('criterion-text'), 'Resolves the issue');
  fireEvent.change(within(resolves).getByTestId('criterion-kind'), { target: { value: 'scale' } });
  type(within(resolves).getByTestId('criterion-weight'), '2');
  fireEvent.click(within(resolution).getByTestId('add-criterion'));
  const offers = within(resolution).getAllByTestId('rubric-criterion')[1]!;
  type(within(offers).getByTestId('criterion-text'), 'Offers more help');
  fireEvent.click(within(offers).getByTestId('criterion-na'));
}

/** Answers a criterion of the open scorecard by its text. */
function answer(text: string, value: string): void {
  const row = screen.getAllByTestId('criterion').find((c) => c.textContent?.includes(text))!;
  fireEvent.click(within(row).getByTestId(`answer-${value}`));
}

const percent = () => screen.getByTestId('score-percent').textContent;

describe('rubrics and scorecards', () => {
  it('versions rubrics, scores a call live, completes it, lists and charts the scores', async () => {
    cb = await coreBridge([A1]);
    const callId = cb.ids[A1]!;
    render(
      <StoreProvider store={createAppStore(new ApiClient(cb.bridge))}>
        <App />
      </StoreProvider>,
    );

    // A new rubric: version 1, said before and after saving; a save with no change makes no version.
    fireEvent.click(await screen.findByTestId('new-rubric'));
    let editor = await screen.findByTestId('rubric-editor');
    expect(within(editor).getByTestId('rubric-version-note').textContent).toBe('Saving creates version 1 of this rubric.');
    fireEvent.click(within(editor).getByTestId('rubric-save'));
    expect(within(editor).getByTestId('rubric-error').textContent).toBe('Name: needs some text.');
    fillRubric(editor);
    fireEvent.click(within(editor).getByTestId('rubric-save'));
    await waitFor(() => expect(within(editor).getByTestId('rubric-saved').textContent).toBe('Saved “Support QA” as version 1.'));
    expect(within(editor).getByTestId('rubric-version-note').textContent).toBe('You are editing version 1. Saving a change makes version 2; no score uses it yet.');
    fireEvent.click(within(editor).getByTestId('rubric-save'));
    await waitFor(() => expect(within(editor).getByTestId('rubric-saved').textContent).toBe('Nothing changed: “Support QA” stays at version 1.'));
    fireEvent.click(within(editor).getByTestId('rubric-close'));
    await waitFor(() => expect(screen.getAllByTestId('rubric-item')[0]!.textContent).toContain('Support QA v12 sections · 4 criteria · 0 scores'));

    // Score the call: the percent as answers come in, by the core's rules.
    fireEvent.click(await screen.findByText(A1));
    const pane = await screen.findByTestId('call-detail');
    fireEvent.click(within(pane).getByRole('tab', { name: 'Scorecard' }));
    fireEvent.click(await within(pane).findByTestId('scorecard-start-button'));
    await within(pane).findByTestId('scorecard');
    expect(percent()).toBe('—');
    expect((screen.getByTestId('score-complete') as HTMLButtonElement).disabled).toBe(true);
    answer('Greets the caller', 'yes');
    expect(percent()).toBe('100 %');
    answer('Confirms identity', 'yes');
    answer('Resolves the issue', '4');
    // (1×(1 + 1) + 2×(2 × 0.75)) / (1×2 + 2×2) = 5/6.
    expect(percent()).toBe('83.33 %');
    expect(screen.getAllByTestId('section-percent').map((s) => s.textContent)).toEqual(['100 %', '75 %']);
    expect(screen.getByTestId('scorecard-answered').textContent).toBe('3 of 4 answered');
    expect((screen.getByTestId('score-complete') as HTMLButtonElement).disabled).toBe(true);
    // N/A leaves the criterion out and counts as answered.
    answer('Offers more help', 'na');
    expect(percent()).toBe('83.33 %');
    expect((screen.getByTestId('score-complete') as HTMLButtonElement).disabled).toBe(false);

    fireEvent.click(screen.getByTestId('score-save'));
    await waitFor(() => expect(screen.getByTestId('scorecard-note').textContent).toBe('Draft saved.'));
    expect(screen.getByTestId('scorecard-state').textContent).toBe('draft');
    fireEvent.click(screen.getByTestId('score-complete'));
    await waitFor(() => expect(screen.getByTestId('scorecard-state').textContent).toBe('complete'));
    expect(percent()).toBe('83.33 %');
    expect(screen.queryByTestId('score-save')).toBeNull();
    expect(within(pane).getAllByTestId('call-score').map((s) => s.textContent)).toEqual([expect.stringMatching(/^Support QA v1complete83\.33 %/)]);
    const stored = cb.core.repos.scores.list({ callId, limit: 10, offset: 0 });
    expect(stored.map((s) => [s.state, s.percent, s.rubricVersion])).toEqual([['complete', 83.33, 1]]);

    // The timeline has it.
    fireEvent.click(within(pane).getByRole('tab', { name: 'Timeline' }));
    await waitFor(() => expect(within(pane).getAllByTestId('timeline-entry').some((e) => e.textContent?.includes('Support QA v1: 83.33%'))).toBe(true));

    // A second scorecard: "No" on an auto-fail criterion is 0 % whatever else, and says why.
    fireEvent.click(within(pane).getByRole('tab', { name: 'Scorecard' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.click(await within(pane).findByTestId('scorecard-start-button'));
    await waitFor(() => expect(screen.getByTestId('scorecard-state').textContent).toBe('new'));
    answer('Greets the caller', 'yes');
    answer('Confirms identity', 'no');
    expect(percent()).toBe('0 %');
    expect(screen.getByTestId('score-autofail').textContent).toBe('Auto-fail: “Confirms identity” — the whole score is 0 %.');
    fireEvent.click(screen.getByTestId('score-save'));
    await waitFor(() => expect(within(pane).getAllByTestId('call-score')).toHaveLength(2));

    // Editing the rubric makes version 2; the completed score keeps version 1.
    fireEvent.click(screen.getAllByTestId('rubric-item')[0]!);
    editor = await screen.findByTestId('rubric-editor');
    expect(within(editor).getByTestId('rubric-version-note').textContent).toBe(
      'You are editing version 1. Saving a change makes version 2; the 2 scores made so far keep the version they were made with.',
    );
    type(within(editor).getAllByTestId('criterion-text')[0]!, 'Greets the caller by name');
    fireEvent.click(within(editor).getByTestId('rubric-save'));
    await waitFor(() => expect(within(editor).getByTestId('rubric-saved').textContent).toBe('Saved as version 2. Scores made with version 1 or earlier keep their version.'));
    fireEvent.click(within(editor).getByTestId('rubric-close'));
    fireEvent.click(within(pane).getAllByTestId('call-score').find((s) => s.textContent?.includes('complete'))!);
    await waitFor(() => expect(screen.getByTestId('scorecard-old-version').textContent).toBe('Scored with version 1; the rubric is now at version 2.'));
    expect(screen.getAllByTestId('criterion')[0]!.textContent).toContain('Greets the caller');
    expect(screen.getAllByTestId('criterion')[0]!.textContent).not.toContain('by name');

    // Scored calls: filtered by state and percent; a row opens the call on its scorecard.
    fireEvent.click(screen.getByTestId('scored-calls-button'));
    const drawer = await screen.findByTestId('scored-calls');
    await waitFor(() => expect(within(drawer).getAllByTestId('scored-item')).toHaveLength(2));
    fireEvent.change(within(drawer).getByTestId('scored-state'), { target: { value: 'complete' } });
    await waitFor(() => expect(within(drawer).getAllByTestId('scored-item')).toHaveLength(1));
    expect(within(drawer).getByTestId('scored-item').textContent).toContain('83.33 %');
    type(within(drawer).getByTestId('scored-min'), '90');
    await waitFor(() => expect(within(drawer).getByTestId('scored-empty')).toBeTruthy());
    expect(cb.bridge.inputsOf('scores:list').at(-1)).toEqual({ state: 'complete', minPercent: 90 });
    type(within(drawer).getByTestId('scored-min'), '');
    fireEvent.click(await within(drawer).findByTestId('scored-item'));
    await waitFor(() => expect(screen.queryByTestId('scored-calls')).toBeNull());
    expect(within(pane).getByRole('tab', { name: 'Scorecard' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(screen.getByTestId('scorecard-state').textContent).toBe('complete'));

    // The dashboard: average per section of the rubric's complete scores.
    fireEvent.click(screen.getByTestId('view-dashboard'));
    const card = await screen.findByTestId('dash-section-scores', {}, { timeout: 15_000 });
    await waitFor(() => expect(within(card).getByTestId('section-scores-rubric').textContent).toContain('Support QA: 83.33 % on average over 1 complete score'));
    await waitFor(() => expect(card.querySelectorAll('path.recharts-rectangle')).toHaveLength(2));
    expect(card.textContent).toContain('Opening');
    expect(card.textContent).toContain('75 %');
  });
});
