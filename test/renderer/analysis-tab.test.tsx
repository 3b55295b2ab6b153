// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { StoreApi } from 'zustand/vanilla';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { AnalysisLists } from '../../renderer/src/components/AnalysisLists.js';
import { IDLE, usePlaybackStore, type PlaybackState } from '../../renderer/src/player/playback-context.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import type { CallAnalysisView } from '../../shared/llm-analysis.js';
import type { OpenAiStatus } from '../../shared/transcription.js';
import { testLlm, testView } from './analysis-fixtures.js';
import { analysisSettings, detail, FakeBridge, job, openAiStatus, summary, type FakeHandler } from './fake-bridge.js';

const info = { version: '0.1.0', mode: 'browser', dataDir: '/tmp/data', canPickFolders: false };

/** A bridge for one call whose analysis view a test changes as jobs finish. */
function bridgeFor(state: { view: CallAnalysisView }, status: OpenAiStatus = openAiStatus(), extra: Record<string, FakeHandler> = {}): FakeBridge {
  return new FakeBridge({
    'app:info': () => info,
    'sources:list': () => [],
    'sources:issues': () => [],
    'library:list': () => ({ total: 1, items: [summary(1)] }),
    'library:get': () => detail(1),
    'transcription:status': () => status,
    'analysis:get': () => state.view,
    'analysis:request': () => ({ queued: [{ callId: 1, jobId: 7 }], alreadyQueued: [], skipped: [] }),
    ...extra,
  });
}

/** Renders the app, opens call 1 and shows its Analysis tab with the keyboard. */
async function openAnalysis(bridge: FakeBridge): Promise<HTMLElement> {
  render(
    <StoreProvider store={createAppStore(new ApiClient(bridge))}>
      <App />
    </StoreProvider>,
  );
  fireEvent.click(await screen.findByText('call-1'));
  const transcriptTab = await screen.findByRole('tab', { name: 'Transcript' });
  expect(transcriptTab.getAttribute('aria-selected')).toBe('true');
  fireEvent.keyDown(transcriptTab, { key: 'ArrowRight' });
  // The tab's first showing loads its code (and the charting library) as a chunk of its own.
  return screen.findByTestId('analysis-panel', {}, { timeout: 15_000 });
}

beforeAll(() => {
  // jsdom has no layout: give elements the size a window would, so charts draw.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});

afterEach(cleanup);

describe('Analysis tab', () => {
  it('is a keyboard tab beside Transcript; metrics show before any LLM analysis', async () => {
    const bridge = bridgeFor({ view: testView() });
    const panel = await openAnalysis(bridge);
    const analysisTab = screen.getByRole('tab', { name: 'Analysis' });
    expect(analysisTab.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(analysisTab);
    expect((document.getElementById(analysisTab.getAttribute('aria-controls')!) as HTMLElement).hidden).toBe(false);
    expect((document.getElementById(screen.getByRole('tab', { name: 'Transcript' }).getAttribute('aria-controls')!) as HTMLElement).hidden).toBe(true);
    expect(bridge.inputsOf('analysis:get')).toEqual([{ callId: 1 }]);

    expect(within(panel).getByTestId('analysis-empty').textContent).toContain('No LLM analysis yet');
    expect(within(panel).getByTestId('talk-legend').textContent).toMatch(/Caller 20\.0 s \(33% of the call\)Bot 25\.0 s \(42% of the call\)Silence 15\.0 s \(25% of the call\)/);
    await waitFor(() => expect(panel.querySelectorAll('[data-testid="talk-time"] path.recharts-rectangle').length).toBe(3));
    expect(within(panel).getByTestId('latency-median').textContent).toBe('0.5 s');
    expect(panel.querySelectorAll('[data-testid="latency-chart"] path.recharts-rectangle').length).toBe(2);
    expect(within(panel).getByTestId('analyze-button').textContent).toBe('Run analysis');

    fireEvent.keyDown(analysisTab, { key: 'Home' });
    expect(screen.getByRole('tab', { name: 'Transcript' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getAllByTestId('transcript-line')[0]!.closest('[role="tabpanel"]')!.hasAttribute('hidden')).toBe(false);
  });

  it('is disabled with the reason when there is no key', async () => {
    const panel = await openAnalysis(bridgeFor({ view: testView() }, openAiStatus({ configured: false, maskedKey: null })));
    expect(within(panel).getByTestId('analyze-blocked').textContent).toContain('set OPENAI_API_KEY');
    expect((within(panel).getByTestId('analyze-button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('queues a run, shows its progress, then the summary, sentiment over time and the lists', async () => {
    const state = { view: testView() };
    const bridge = bridgeFor(state);
    const panel = await openAnalysis(bridge);
    fireEvent.click(within(panel).getByTestId('analyze-button'));
    await waitFor(() => expect(bridge.inputsOf('analysis:request')).toEqual([{ callIds: [1] }]));
    bridge.emit('jobs:changed', job(7, 1, { type: 'analyze' }));
    expect((await within(panel).findByTestId('analyze-status')).textContent).toContain('Queued…');
    bridge.emit('jobs:changed', job(7, 1, { type: 'analyze', state: 'running', progress: 0.5, updatedAt: '2026-03-02T09:21:00.000Z' }));
    await waitFor(() => expect(within(panel).getByTestId('analyze-status').textContent).toContain('Analysing 50%'));

    state.view = testView([testLlm()]);
    bridge.emit('jobs:changed', job(7, 1, { type: 'analyze', state: 'succeeded', updatedAt: '2026-03-02T09:22:00.000Z' }));
    expect((await within(panel).findByTestId('analysis-summary')).textContent).toBe('The caller wants to book a table; the bot offers one.');
    expect(within(panel).queryByTestId('analyze-status')).toBeNull();
    expect(within(panel).getByTestId('analyze-button').textContent).toBe('Re-run analysis');
    expect(within(panel).getByTestId('analysis-run').textContent).toMatch(/^Run 1 of 1 · gpt-4\.1-mini · /);
    expect(within(panel).getByTestId('sentiment-overall').textContent).toBe('positive +0.40');
    expect(within(panel).getAllByTestId('sentiment-speaker').map((e) => e.textContent)).toEqual(['Caller neutral +0.10', 'Bot positive +0.60']);

    const chart = within(panel).getByTestId('sentiment-chart');
    expect(chart.getAttribute('data-points')).toBe('4');
    await waitFor(() => expect(chart.querySelector('path.recharts-area-area')?.getAttribute('d')).toMatch(/^M/));
    expect(within(panel).getAllByTestId('action-item').map((e) => e.textContent)).toEqual(["0:02.5I'll book the tableBot · due tonight"]);
    expect(within(panel).getByTestId('question-answered').textContent).toBe('answered');
    expect(within(panel).getAllByTestId('qa-flag-state').map((e) => e.textContent)).toEqual(['absent', 'present']);
    // The present flag plays from its cited line; the absent one has no moment.
    expect(within(panel).getAllByTestId('qa-flag').map((e) => [e.tagName, e.getAttribute('data-at')])).toEqual([
      ['DIV', null],
      ['BUTTON', '0.4'],
    ]);
  });

  it('shows which run is current and lets the reviewer read an earlier one', async () => {
    const earlier = testLlm('An earlier summary.');
    const bridge = bridgeFor({ view: testView([earlier, testLlm()]) }, openAiStatus(), {
      'analysis:run': () => ({ id: 10, callId: 1, transcriptId: 1, kind: 'llm', model: 'gpt-4.1-mini', run: 1, createdAt: '2026-05-01T10:00:00.000Z', payload: earlier }),
    });
    const panel = await openAnalysis(bridge);
    const picker = (await within(panel).findByTestId('analysis-run-picker')) as HTMLSelectElement;
    expect(Array.from(picker.options).map((o) => o.textContent)).toEqual([expect.stringMatching(/^Run 2 of 2 · .* · current$/), expect.stringMatching(/^Run 1 of 2 · /)]);
    fireEvent.change(picker, { target: { value: '10' } });
    await waitFor(() => expect(within(panel).getByTestId('analysis-summary').textContent).toBe('An earlier summary.'));
    expect(bridge.inputsOf('analysis:run')).toEqual([{ id: 10 }]);
    expect(within(panel).getByTestId('analysis-viewing').textContent).toBe('An earlier run');
    fireEvent.change(within(panel).getByTestId('analysis-run-picker'), { target: { value: '11' } });
    await waitFor(() => expect(within(panel).queryByTestId('analysis-viewing')).toBeNull());
    expect(bridge.inputsOf('analysis:run')).toHaveLength(1);
  });
});

describe('analysis lists', () => {
  it('play the call from an item’s moment, like a transcript line, once the player is ready', () => {
    let store: StoreApi<PlaybackState> | null = null;
    function Grab() {
      store = usePlaybackStore();
      return null;
    }
    render(
      <>
        <Grab />
        <AnalysisLists llm={testLlm()} segments={detail(1).transcript!.segments} />
      </>,
    );
    const item = screen.getByTestId('action-item') as HTMLButtonElement;
    expect(item.disabled).toBe(true);
    const seek = vi.fn();
    try {
      act(() => store!.setState({ ready: true, seek }));
      fireEvent.click(screen.getByTestId('action-item'));
      fireEvent.click(screen.getAllByTestId('question')[0]!);
      fireEvent.click(screen.getAllByTestId('qa-flag')[1]!);
      expect(seek.mock.calls).toEqual([
        [2.5, true],
        [0.4, true],
        [0.4, true],
      ]);
    } finally {
      // The fallback store is shared by every test of this file.
      act(() => store!.setState({ ...IDLE }));
    }
  });
});

describe('Analysis settings', () => {
  it('edits the model and QA flags, refuses duplicates, and toggles auto-analysis', async () => {
    let saved = analysisSettings();
    const bridge = bridgeFor({ view: testView() }, openAiStatus(), {
      'analysis:settings': () => saved,
      'analysis:setSettings': (patch) => (saved = { ...saved, ...(patch as object) }),
    });
    render(
      <StoreProvider store={createAppStore(new ApiClient(bridge))}>
        <App />
      </StoreProvider>,
    );
    const form = await screen.findByTestId('analysis-settings');
    const flags = within(form).getByTestId('analysis-flags') as HTMLTextAreaElement;
    expect(flags.value).toBe('escalation requested\nrecording disclosure given\ncustomer frustration\ncompliance phrase');
    const save = within(form).getByTestId('save-analysis-settings') as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    fireEvent.change(flags, { target: { value: 'refund offered\nRefund offered' } });
    expect(within(form).getByText('QA flags must differ')).toBeTruthy();
    expect(save.disabled).toBe(true);
    fireEvent.change(flags, { target: { value: 'refund offered\nescalation requested' } });
    fireEvent.change(within(form).getByTestId('analysis-model'), { target: { value: 'gpt-4.1' } });
    fireEvent.click(save);
    await waitFor(() => expect(bridge.inputsOf('analysis:setSettings')).toEqual([{ model: 'gpt-4.1', qaFlags: ['refund offered', 'escalation requested'] }]));
    const form2 = await screen.findByTestId('analysis-settings');
    expect((within(form2).getByTestId('analysis-flags') as HTMLTextAreaElement).value).toBe('refund offered\nescalation requested');

    fireEvent.click(within(form2).getByTestId('auto-analyze'));
    await waitFor(() => expect(bridge.inputsOf('analysis:setSettings').at(-1)).toEqual({ autoAnalyze: true }));
    await waitFor(() => expect((within(screen.getByTestId('analysis-settings')).getByTestId('auto-analyze') as HTMLInputElement).checked).toBe(true));
  });
});
