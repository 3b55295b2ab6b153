// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import type { OpenAiStatus } from '../../shared/transcription.js';
import type { CallDetail, Segment, TranscriptInfo } from '../../shared/types.js';
import { detail, FakeBridge, job, openAiStatus, summary, type FakeHandler } from './fake-bridge.js';

const info = { version: '0.1.0', mode: 'browser', dataDir: '/tmp/data', canPickFolders: false };
const line = (id: number, speaker: Segment['speaker'], start: number, text: string): Segment => ({ id, speaker, channel: null, start, end: start + 1.5, text, confidence: null });

/** One call with versions that really change: add() is what a finished job does, setActive switches. */
class FakeCall {
  versions: TranscriptInfo[] = [
    { id: 1, version: 1, source: 'recorder', engine: 'recorder', model: null, createdAt: '2026-03-02T09:15:04.000Z', active: true, params: {}, segments: [line(1, 'caller', 0.3, 'Refund order 48213 please.'), line(2, 'bot', 4.8, 'Sorry, I cannot refund that.')] },
  ];

  add(model: string, segments: Segment[]): void {
    for (const v of this.versions) v.active = false;
    const n = this.versions.length + 1;
    this.versions.push({ id: n * 10, version: n, source: 'openai', engine: 'openai', model, createdAt: '2026-03-02T09:30:00.000Z', active: true, params: { language: 'en' }, segments });
  }

  detail(): CallDetail {
    return { ...detail(1), transcript: this.versions.find((v) => v.active) ?? null, transcriptVersions: this.versions.length };
  }

  handlers(status: OpenAiStatus, extra: Record<string, FakeHandler> = {}): Record<string, FakeHandler> {
    return {
      'app:info': () => info,
      'sources:list': () => [],
      'sources:issues': () => [],
      'library:list': () => ({ total: 1, items: [summary(1)] }),
      'library:get': () => this.detail(),
      'transcription:status': () => status,
      'transcripts:list': () => [...this.versions].reverse().map(({ segments, ...v }) => ({ ...v, segmentCount: segments.length })),
      'transcripts:get': (input) => this.versions.find((v) => v.id === (input as { id: number }).id),
      'transcripts:setActive': (input) => {
        const { id } = input as { id: number };
        for (const v of this.versions) v.active = v.id === id;
        return this.detail();
      },
      'transcription:request': () => ({ queued: [{ callId: 1, jobId: 7 }], alreadyQueued: [], skipped: [] }),
      ...extra,
    };
  }
}

async function openCall(bridge: FakeBridge): Promise<HTMLElement> {
  render(
    <StoreProvider store={createAppStore(new ApiClient(bridge))}>
      <App />
    </StoreProvider>,
  );
  fireEvent.click(await screen.findByText('call-1'));
  return screen.findByTestId('call-detail');
}

const button = (id: string): HTMLButtonElement => screen.getByTestId(id);
const picker = (): HTMLSelectElement => screen.getByTestId('version-picker');
const optionTexts = (): string[] => Array.from(picker().options).map((o) => o.textContent ?? '');

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

afterEach(cleanup);

describe('Transcribe on a call', () => {
  it('is disabled with the reason when no key is set', async () => {
    const call = new FakeCall();
    await openCall(new FakeBridge(call.handlers(openAiStatus({ configured: false, maskedKey: null }))));
    await waitFor(() => expect(screen.getByTestId('transcribe-blocked').textContent).toContain('set OPENAI_API_KEY'));
    expect(button('transcribe-button').disabled).toBe(true);
    expect(button('retranscribe-button').disabled).toBe(true);
  });

  it('queues a run, shows its progress and ETA, then shows the new version with its speakers', async () => {
    const call = new FakeCall();
    const bridge = new FakeBridge(call.handlers(openAiStatus()));
    await openCall(bridge);
    await waitFor(() => expect(button('transcribe-button').disabled).toBe(false));
    expect(optionTexts()).toEqual([expect.stringMatching(/^v1 · recorder · .+ · active$/)]);

    fireEvent.click(button('transcribe-button'));
    await waitFor(() => expect(bridge.inputsOf('transcription:request')).toEqual([{ callIds: [1], reason: 'manual' }]));
    bridge.emit('jobs:changed', job(7, 1));
    expect((await screen.findByTestId('transcribe-status')).textContent).toContain('Queued…');
    bridge.emit('jobs:changed', job(7, 1, { state: 'running', progress: 0.42, etaSec: 12 }));
    await waitFor(() => expect(screen.getByTestId('transcribe-status').textContent).toContain('Transcribing 42%'));
    expect(screen.getByTestId('job-eta').textContent).toBe('about 12 s left');
    expect((screen.getByLabelText('Transcription progress') as HTMLProgressElement).value).toBeCloseTo(0.42);

    const gets = bridge.inputsOf('library:get').length;
    const lists = bridge.inputsOf('library:list').length;
    call.add('whisper-1', [line(11, 'caller', 0.3, 'Refund order 48213, please.'), line(12, 'bot', 4.8, 'Sorry, I can not refund that.')]);
    bridge.emit('jobs:changed', job(7, 1, { state: 'succeeded', progress: 1 }));
    await waitFor(() => expect(screen.queryByTestId('transcribe-status')).toBeNull());
    await waitFor(() => expect(optionTexts()).toHaveLength(2));
    expect(optionTexts()[0]).toMatch(/^v2 · whisper-1 · en · .+ · active$/);
    expect(bridge.inputsOf('library:get').length).toBeGreaterThan(gets);
    expect(bridge.inputsOf('library:list').length).toBeGreaterThan(lists);
    await waitFor(() => expect(screen.getAllByTestId('transcript-line').map((l) => l.textContent)).toEqual(['0:00.3CallerRefund order 48213, please.', '0:04.8BotSorry, I can not refund that.']));
    expect(screen.getByTestId('version-active')).toBeTruthy();
  });

  it('shows a failed run with its message, and Retry queues it again', async () => {
    const call = new FakeCall();
    const bridge = new FakeBridge(call.handlers(openAiStatus(), { 'jobs:retry': () => job(7, 1) }));
    await openCall(bridge);
    bridge.emit('jobs:changed', job(7, 1, { state: 'failed', errorCode: 'unauthorized', errorMessage: 'OpenAI rejected the API key (401). Check the key in Settings.' }));
    const failure = await screen.findByTestId('transcribe-failure');
    expect(failure.textContent).toBe('Transcription failed: OpenAI rejected the API key (401). Check the key in Settings.Retry');
    fireEvent.click(within(failure).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(bridge.inputsOf('jobs:retry')).toEqual([{ id: 7 }]));
    await waitFor(() => expect(screen.queryByTestId('transcribe-failure')).toBeNull());
    expect(screen.getByTestId('transcribe-status').textContent).toContain('Queued…');
  });
});

describe('Re-transcribe dialog', () => {
  it('takes the focus, closes on Escape and gives the focus back', async () => {
    await openCall(new FakeBridge(new FakeCall().handlers(openAiStatus())));
    await waitFor(() => expect(button('retranscribe-button').disabled).toBe(false));
    button('retranscribe-button').focus();
    fireEvent.click(button('retranscribe-button'));
    const dialog = await screen.findByRole('dialog', { name: /Re-transcribe call-1/ });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Model'));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('retranscribe-dialog')).toBeNull();
    expect(document.activeElement).toBe(button('retranscribe-button'));
  });

  it('sends the chosen options as a re-transcription, refusing a bad language code until fixed', async () => {
    const call = new FakeCall();
    const bridge = new FakeBridge(call.handlers(openAiStatus({}, { vocabulary: 'Zürich\nCallReview' })));
    await openCall(bridge);
    await waitFor(() => expect(button('retranscribe-button').disabled).toBe(false));
    fireEvent.click(button('retranscribe-button'));
    const dialog = await screen.findByTestId('retranscribe-dialog');
    const d = within(dialog);
    expect(dialog.textContent).toContain('2 terms');

    // The diarizing model is for mono calls; this one has a channel per side.
    fireEvent.change(d.getByLabelText('Model'), { target: { value: 'gpt-4o-transcribe-diarize' } });
    expect(d.getByTestId('model-hint').textContent).toContain('Only useful for mono calls');
    expect((d.getByLabelText('Extra prompt for this run') as HTMLTextAreaElement).disabled).toBe(true);
    fireEvent.change(d.getByLabelText('Model'), { target: { value: 'whisper-1' } });

    fireEvent.change(d.getByLabelText('Language'), { target: { value: 'other' } });
    fireEvent.change(d.getByLabelText('ISO-639-1 language code'), { target: { value: 'c' } });
    expect((d.getByTestId('retranscribe-submit') as HTMLButtonElement).disabled).toBe(true);
    expect(dialog.textContent).toContain('Two letters');
    fireEvent.change(d.getByLabelText('ISO-639-1 language code'), { target: { value: 'CA' } });
    fireEvent.change(d.getByLabelText('Extra prompt for this run'), { target: { value: 'Names of Barcelona streets.' } });
    fireEvent.change(d.getByLabelText('Temperature (0–1)'), { target: { value: '1.5' } });
    expect((d.getByTestId('retranscribe-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(d.getByLabelText('Temperature (0–1)'), { target: { value: '0.2' } });
    fireEvent.click(d.getByLabelText('Word timestamps'));
    fireEvent.click(d.getByTestId('retranscribe-submit'));

    await waitFor(() => expect(screen.queryByTestId('retranscribe-dialog')).toBeNull());
    expect(bridge.inputsOf('transcription:request')).toEqual([
      {
        callIds: [1],
        reason: 'retranscribe',
        options: { model: 'whisper-1', language: 'ca', useVocabulary: true, prompt: 'Names of Barcelona streets.', temperature: 0.2, wordTimestamps: true },
      },
    ]);
  });
});

describe('Transcript versions', () => {
  it('views an older version, makes it active, and compares two with the differences marked', async () => {
    const call = new FakeCall();
    call.add('whisper-1', [line(11, 'caller', 0.3, 'Refund order 48218 please.'), line(12, 'bot', 4.8, 'Sorry, I cannot refund that.')]);
    const bridge = new FakeBridge(call.handlers(openAiStatus()));
    await openCall(bridge);
    await waitFor(() => expect(optionTexts()).toHaveLength(2));

    fireEvent.change(picker(), { target: { value: '1' } });
    await waitFor(() => expect(screen.getByTestId('transcript-viewing').textContent).toContain('version 1'));
    expect(screen.getAllByTestId('transcript-line')[0]?.textContent).toContain('48213');
    fireEvent.click(button('make-active'));
    await waitFor(() => expect(bridge.inputsOf('transcripts:setActive')).toEqual([{ callId: 1, id: 1 }]));
    await waitFor(() => expect(optionTexts()[1]).toMatch(/^v1 · recorder · .+ · active$/));
    expect(optionTexts()[0]).not.toContain('active');
    expect(screen.queryByTestId('transcript-viewing')).toBeNull();

    fireEvent.click(button('compare-button'));
    const dialog = await screen.findByTestId('compare-dialog');
    await waitFor(() => expect(within(dialog).getByTestId('compare-summary').textContent).toBe('1 word only in v1 · recorder (struck through), 1 only in v2 · whisper-1 · en (underlined).'));
    expect(Array.from(dialog.querySelectorAll('del')).map((e) => e.textContent)).toEqual(['48213']);
    expect(Array.from(dialog.querySelectorAll('ins')).map((e) => e.textContent)).toEqual(['48218']);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('compare-dialog')).toBeNull();
  });
});
