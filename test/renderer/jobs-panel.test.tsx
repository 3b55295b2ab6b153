// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import type { JobInfo, QueueStatus } from '../../shared/jobs.js';
import { detail, FakeBridge, job, openAiStatus, queueStatus, summary, type FakeHandler } from './fake-bridge.js';

const info = { version: '0.1.0', mode: 'browser', dataDir: '/tmp/data', canPickFolders: false };

/** A queue whose jobs and status really change when the panel acts on them. */
function queueBridge(jobs: JobInfo[], extra: Record<string, FakeHandler> = {}): FakeBridge {
  let status: QueueStatus = queueStatus({}, { running: 1, queued: 1, failed: 1, succeeded: 1 });
  const find = (input: unknown): JobInfo => {
    const j = jobs.find((x) => x.id === (input as { id: number }).id);
    if (j === undefined) throw new Error('no such job');
    return j;
  };
  return new FakeBridge({
    'app:info': () => info,
    'sources:list': () => [],
    'sources:issues': () => [],
    'library:list': () => ({ total: 2, items: [summary(1, { externalId: 'sess-a1b2c3' }), summary(2, { externalId: 'sess-q4m8z2' })] }),
    'transcription:status': () => openAiStatus(),
    'jobs:list': () => ({ status, jobs }),
    'jobs:cancel': (input) => ({ ...find(input), state: 'canceled' }),
    'jobs:retry': (input) => ({ ...find(input), state: 'queued', errorCode: null, errorMessage: null }),
    'jobs:setPaused': (input) => (status = { ...status, paused: (input as { paused: boolean }).paused }),
    'jobs:setConcurrency': (input) => (status = { ...status, concurrency: (input as { concurrency: number }).concurrency }),
    ...extra,
  });
}

const sample = (): JobInfo[] => [
  job(4, 2, { state: 'running', progress: 0.5, etaSec: 30, progressNote: 'Caller side: 4 of 8 s' }),
  job(3, 1, { state: 'failed', attempts: 1, errorCode: 'unauthorized', errorMessage: 'OpenAI rejected the API key (401). Check the key in Settings.' }),
  job(2, 1, { state: 'succeeded', result: { model: 'whisper-1', language: 'en', billedSec: 18, costUsd: 0.002, chunks: 2, segments: 5 } }),
  job(1, 2),
];

function renderApp(bridge: FakeBridge): void {
  render(
    <StoreProvider store={createAppStore(new ApiClient(bridge))}>
      <App />
    </StoreProvider>,
  );
}

async function openJobs(bridge: FakeBridge): Promise<HTMLElement> {
  renderApp(bridge);
  await screen.findByText('sess-a1b2c3');
  fireEvent.click(screen.getByTestId('jobs-button'));
  return screen.findByTestId('jobs-panel');
}

const items = (): HTMLElement[] => screen.getAllByTestId('job-item');

beforeAll(() => {
  // The call list is virtualised: it draws rows only into a measured viewport.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

afterEach(cleanup);

describe('Jobs panel', () => {
  it('is reached from the sidebar, whose button counts running, queued and failed jobs', async () => {
    renderApp(queueBridge(sample()));
    await waitFor(() => expect(screen.getByTestId('jobs-badge').textContent).toBe('1 running · 1 queued'));
    expect(screen.getByTestId('jobs-failed-badge').textContent).toBe('1 failed');
    screen.getByTestId('jobs-button').focus();
    fireEvent.click(screen.getByTestId('jobs-button'));
    const drawer = await screen.findByRole('dialog', { name: 'Jobs' });
    expect(document.activeElement).toBe(within(drawer).getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('jobs-panel')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('jobs-button'));
  });

  it('lists jobs newest first with their call, state, progress, ETA, result and readable errors', async () => {
    await openJobs(queueBridge(sample()));
    expect(items().map((el) => [el.dataset['jobId'], el.dataset['state']])).toEqual([
      ['4', 'running'],
      ['3', 'failed'],
      ['2', 'succeeded'],
      ['1', 'queued'],
    ]);
    const [running, failed, done, queued] = items() as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    expect(running.textContent).toContain('sess-q4m8z2');
    expect(within(running).getByTestId('job-percent').textContent).toBe('50%');
    expect(within(running).getByTestId('job-eta').textContent).toBe('about 30 s left');
    expect(running.textContent).toContain('Caller side: 4 of 8 s');
    expect(within(failed).getByTestId('job-error').textContent).toBe('OpenAI rejected the API key (401). Check the key in Settings.unauthorized');
    expect(within(done).getByTestId('job-result').textContent).toBe('whisper-1 · en · 5 segments · 18 s billed · ≈ $0.002');
    expect(within(queued).queryByTestId('job-percent')).toBeNull();
    // Cancel only for jobs that may still run, Retry only for ended ones that did not succeed.
    expect(items().map((el) => [within(el).queryByTestId('job-cancel') !== null, within(el).queryByTestId('job-retry') !== null])).toEqual([
      [true, false],
      [false, true],
      [false, false],
      [true, false],
    ]);
  });

  it('follows job events live and cancels and retries jobs', async () => {
    const bridge = queueBridge(sample());
    await openJobs(bridge);
    bridge.emit('jobs:changed', job(4, 2, { state: 'running', progress: 0.75, etaSec: 10 }));
    await waitFor(() => expect(within(items()[0]!).getByTestId('job-percent').textContent).toBe('75%'));
    bridge.emit('jobs:changed', job(5, 1));
    await waitFor(() => expect(items()[0]?.dataset['jobId']).toBe('5'));

    fireEvent.click(within(items()[1]!).getByTestId('job-cancel'));
    await waitFor(() => expect(items()[1]?.dataset['state']).toBe('canceled'));
    expect(bridge.inputsOf('jobs:cancel')).toEqual([{ id: 4 }]);
    fireEvent.click(within(items()[2]!).getByTestId('job-retry'));
    await waitFor(() => expect(items()[2]?.dataset['state']).toBe('queued'));
    expect(bridge.inputsOf('jobs:retry')).toEqual([{ id: 3 }]);
    expect(within(items()[2]!).queryByTestId('job-error')).toBeNull();
  });

  it("opens a job's call and gets out of the way", async () => {
    const bridge = queueBridge(sample(), { 'library:get': () => ({ ...detail(2), externalId: 'sess-q4m8z2' }) });
    await openJobs(bridge);
    fireEvent.click(within(items()[0]!).getByRole('button', { name: 'sess-q4m8z2' }));
    await waitFor(() => expect(screen.getByTestId('call-detail').dataset['callId']).toBe('2'));
    expect(screen.queryByTestId('jobs-panel')).toBeNull();
    expect(bridge.inputsOf('library:get')).toEqual([{ id: 2 }]);
  });

  it('pauses and resumes the queue and changes how many jobs run at once', async () => {
    const bridge = queueBridge(sample());
    const panel = await openJobs(bridge);
    const pause = within(panel).getByTestId('queue-pause');
    await waitFor(() => expect(pause.textContent).toBe('Pause queue'));
    fireEvent.click(pause);
    await waitFor(() => expect(pause.textContent).toBe('Resume queue'));
    expect(panel.textContent).toContain('The queue is paused');
    expect(within(items()[3]!).getByTestId('job-state').textContent).toBe('Queued (queue paused)');
    fireEvent.click(pause);
    await waitFor(() => expect(pause.textContent).toBe('Pause queue'));
    expect(bridge.inputsOf('jobs:setPaused')).toEqual([{ paused: true }, { paused: false }]);

    const select = within(panel).getByLabelText('At once') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    fireEvent.change(select, { target: { value: '4' } });
    await waitFor(() => expect(select.value).toBe('4'));
    expect(bridge.inputsOf('jobs:setConcurrency')).toEqual([{ concurrency: 4 }]);
  });

  it('queues every call without a transcript and says what it did', async () => {
    const bridge = queueBridge([], {
      'transcription:request': () => ({ queued: [{ callId: 1, jobId: 9 }, { callId: 2, jobId: 10 }], alreadyQueued: [], skipped: [{ callId: 3, reason: 'no audio on disk' }] }),
    });
    const panel = await openJobs(bridge);
    expect(panel.textContent).toContain('No jobs yet');
    fireEvent.click(within(panel).getByTestId('transcribe-missing'));
    await waitFor(() => expect(within(panel).getByTestId('batch-note').textContent).toBe('Queued 2 calls; 1 skipped (no audio on disk).'));
    expect(bridge.inputsOf('transcription:request')).toEqual([{ missing: true, reason: 'batch' }]);
  });
});
