// @vitest-environment jsdom
/**
 * The Timeline tab and the contact drawer over a real library: the call's activities grouped under
 * its call activity, folding with aria-expanded, type and date filters sent to the core, entries
 * opening what they refer to, and "Transcript viewed" logged once per opening even under StrictMode.
 */
import { StrictMode, useEffect } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { StoreApi } from 'zustand/vanilla';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { TimelinePanel } from '../../renderer/src/components/TimelinePanel.js';
import { PlaybackProvider, usePlaybackStore } from '../../renderer/src/player/playback-context.js';
import { createAppStore, type AppState } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import type { CallDetail } from '../../shared/types.js';
import { coreBridge, type CoreBridge } from './review-bridge.js';

const A1 = 'sess-a1b2c3_20260302_091504';
const F3 = 'sess-7f3k9d_20260311_144237';
let cb: CoreBridge | null = null;

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

afterEach(() => {
  cleanup();
  cb?.close();
  cb = null;
});

function renderApp(bridge: CoreBridge['bridge']): StoreApi<AppState> {
  const store = createAppStore(new ApiClient(bridge));
  render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
  return store;
}

const entries = (root: HTMLElement) => within(root).queryAllByTestId('timeline-entry');
const typesShown = (root: HTMLElement) => entries(root).map((e) => e.dataset['type']);
const chip = (root: HTMLElement, key: string) => within(root).getAllByTestId('timeline-chip').find((c) => c.dataset['chip'] === key)!;
const viewedRows = () => cb!.core.repos.activities.forCall(cb!.ids[A1]!).filter((a) => a.type === 'transcript_viewed');

describe('Timeline tab', () => {
  it('logs one "Transcript viewed" per opening; groups, folds and filters by type and date', async () => {
    cb = await coreBridge([A1, F3]);
    renderApp(cb.bridge);
    fireEvent.click(await screen.findByText(A1));
    const pane = await screen.findByTestId('call-detail');
    await within(pane).findAllByTestId('transcript-line');
    // StrictMode runs the effects twice; the reviewer opened the transcript once.
    await waitFor(() => expect(viewedRows()).toHaveLength(1));
    expect(cb.bridge.inputsOf('review:transcriptViewed')).toEqual([{ callId: cb.ids[A1], transcriptId: expect.any(Number) }]);

    fireEvent.click(within(pane).getByRole('tab', { name: 'Timeline' }));
    const panel = within(pane).getByTestId('timeline-panel');
    await waitFor(() => expect(entries(panel).length).toBeGreaterThan(4));
    const groups = within(panel).getAllByTestId('timeline-group');
    expect(groups).toHaveLength(1);
    expect(within(groups[0]!).getByText(A1)).toBeTruthy();
    // The recorder's activities in call order (each function call echoed by a session event), the reviewer's view of the transcript three days later last.
    expect(typesShown(panel)).toEqual(['session_event', 'session_event', 'function_call', 'session_event', 'function_call', 'session_event', 'session_event', 'session_event', 'transcript_viewed']);
    expect(entries(panel).map((e) => e.querySelector('.tl-label')?.textContent)).toContain('Function call: lookup_order');
    expect(entries(panel).at(-1)!.textContent).toContain('Transcript viewed');

    // Going back to the transcript is the same opening: nothing more is logged.
    fireEvent.click(within(pane).getByRole('tab', { name: 'Transcript' }));
    fireEvent.click(within(pane).getByRole('tab', { name: 'Timeline' }));
    await waitFor(() => expect(cb!.bridge.inputsOf('timeline:call').length).toBeGreaterThanOrEqual(2));
    expect(cb.bridge.inputsOf('review:transcriptViewed')).toHaveLength(1);

    // Folding: a button with aria-expanded controls the children's list.
    const fold = within(panel).getByTestId('timeline-fold');
    expect(fold.getAttribute('aria-expanded')).toBe('true');
    const list = document.getElementById(fold.getAttribute('aria-controls')!)!;
    fireEvent.click(fold);
    expect(fold.getAttribute('aria-expanded')).toBe('false');
    expect(list.hidden).toBe(true);
    fireEvent.click(fold);
    expect(list.hidden).toBe(false);

    // Type chips: only function calls, then function calls and session events, asked of the core.
    expect(chip(panel, 'function_call').textContent).toBe('Function calls 2');
    fireEvent.click(chip(panel, 'function_call'));
    await waitFor(() => expect(typesShown(panel)).toEqual(['function_call', 'function_call']));
    expect(chip(panel, 'function_call').getAttribute('aria-pressed')).toBe('true');
    expect(cb.bridge.inputsOf('timeline:call')).toContainEqual({ callId: cb.ids[A1], types: ['function_call'] });
    fireEvent.click(chip(panel, 'session_event'));
    await waitFor(() => expect(typesShown(panel)).toHaveLength(8));
    expect(typesShown(panel)).not.toContain('transcript_viewed');
    fireEvent.click(within(panel).getByTestId('timeline-clear'));
    await waitFor(() => expect(typesShown(panel)).toHaveLength(9));

    // Dates: from the day before the review on, only the review's own activity (any time zone).
    fireEvent.change(within(panel).getByTestId('timeline-from'), { target: { value: '2026-03-04' } });
    await waitFor(() => expect(typesShown(panel)).toEqual(['transcript_viewed']));
    fireEvent.change(within(panel).getByTestId('timeline-to'), { target: { value: '2026-03-04' } });
    await waitFor(() => expect(within(panel).queryByTestId('timeline-empty')).not.toBeNull());

    // Another call, then this one again: a new opening of each transcript.
    fireEvent.click(within(panel).getByTestId('timeline-clear'));
    fireEvent.click(screen.getByRole('tab', { name: 'Transcript' }));
    cb.setNow('2026-03-05T11:00:00.000Z');
    fireEvent.click(screen.getByText(F3));
    await waitFor(() => expect(screen.getByTestId('call-detail').dataset['callId']).toBe(String(cb!.ids[F3])));
    fireEvent.click(screen.getByText(A1));
    await waitFor(() => expect(viewedRows()).toHaveLength(2));
    expect(cb.bridge.inputsOf('review:transcriptViewed').map((i) => (i as { callId: number }).callId)).toEqual([cb.ids[A1], cb.ids[F3], cb.ids[A1]]);
  });

  it('opens what an entry refers to: a comment seeks and takes focus, a function call seeks, a score opens the scorecard', async () => {
    cb = await coreBridge([A1]);
    const id = cb.ids[A1]!;
    const client = new ApiClient(cb.bridge);
    const comment = await client.call('comments:add', { callId: id, start: 6.5, text: 'Refund refused too fast' });
    const rubric = await client.call('rubrics:save', { name: 'QA', sections: [{ title: 'Basics', criteria: [{ text: 'Greets', kind: 'yesno' }] }] });
    const draft = await client.call('scores:save', { callId: id, rubricId: rubric.id, answers: [{ criterionId: rubric.sections[0]!.criteria[0]!.id, value: 'yes' }] });
    await client.call('scores:complete', { id: draft.id });
    const call: CallDetail = await client.call('library:get', { id });
    const store = createAppStore(client);
    const seek = vi.fn();
    function Ready() {
      const playback = usePlaybackStore();
      useEffect(() => playback.setState({ ready: true, seek }), [playback]);
      return null;
    }
    render(
      <StoreProvider store={store}>
        <PlaybackProvider>
          <Ready />
          <TimelinePanel call={call} active />
        </PlaybackProvider>
      </StoreProvider>,
    );
    void store.getState().loadComments(id);
    const panel = await screen.findByTestId('timeline-panel');
    await waitFor(() => expect(typesShown(panel)).toContain('score_submitted'));
    const entry = (type: string) => entries(panel).find((e) => e.dataset['type'] === type)!;

    fireEvent.click(within(entry('comment_added')).getByTestId('timeline-open'));
    expect(seek).toHaveBeenLastCalledWith(6.5, false);
    const item = await within(screen.getByTestId('comments-panel')).findByText('Refund refused too fast');
    await waitFor(() => expect(document.activeElement).toBe(item.closest('[data-testid="comment"]')));
    expect(item.closest('[data-testid="comment"]')!.getAttribute('data-comment-id')).toBe(String(comment.id));

    fireEvent.click(within(entry('function_call')).getByTestId('timeline-open'));
    const offset = Number(seek.mock.calls.at(-1)![0]);
    expect(offset).toBeGreaterThan(4);
    expect(offset).toBeLessThan(5);
    expect(within(entry('function_call')).getByText(/^0:04\.\d$/)).toBeTruthy();

    fireEvent.click(within(entry('score_submitted')).getByTestId('timeline-open'));
    expect(store.getState().detailTab).toBe('scorecard');
    await waitFor(() => expect(store.getState().scorecard?.score?.id).toBe(draft.id));
    expect(entry('score_submitted').textContent).toContain('QA v1: 100%');

  });
});

describe('contact timeline', () => {
  it('lists every call of a number newest first, folded; a call opens from it', async () => {
    cb = await coreBridge([A1, F3]);
    cb.core.repos.contacts.setParty(cb.ids[A1]!, 'from', '+14155550123');
    cb.core.repos.contacts.setParty(cb.ids[F3]!, 'from', '+14155550123');
    renderApp(cb.bridge);
    fireEvent.click(await screen.findByText(A1));
    const button = await screen.findByTestId('contact-timeline-button');
    expect(button.textContent).toBe('All calls of +14155550123');
    fireEvent.click(button);
    const drawer = await screen.findByTestId('contact-timeline');
    await waitFor(() => expect(within(drawer).getAllByTestId('timeline-group')).toHaveLength(2));
    expect(within(drawer).getByTestId('contact-count').textContent).toContain('2 calls, newest first');
    const groups = within(drawer).getAllByTestId('timeline-group');
    expect(groups.map((g) => g.querySelector('.tl-group-ext')?.textContent)).toEqual([F3, A1]);
    // Folded until asked; the open call is marked.
    expect(groups.map((g) => g.dataset['expanded'])).toEqual(['false', 'false']);
    expect(groups[1]!.classList.contains('is-open-call')).toBe(true);
    fireEvent.click(within(groups[0]!).getByTestId('timeline-fold'));
    expect(groups[0]!.dataset['expanded']).toBe('true');
    expect(entries(groups[0]!).map((e) => e.dataset['type'])).toContain('function_call');

    fireEvent.click(within(groups[0]!).getAllByTestId('timeline-open')[0]!);
    await waitFor(() => expect(screen.getByTestId('call-detail').dataset['callId']).toBe(String(cb!.ids[F3])));
    expect(screen.queryByTestId('contact-timeline')).toBeNull();
  });
});
