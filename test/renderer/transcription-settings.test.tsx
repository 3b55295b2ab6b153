// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import type { OpenAiStatus, TranscriptionSettings } from '../../shared/transcription.js';
import { FakeBridge, openAiStatus, type FakeHandler } from './fake-bridge.js';

const info = { version: '0.1.0', mode: 'electron', dataDir: '/tmp/data', canPickFolders: true };
const KEY = 'sk-proj-0123456789abcdefWXYZ';

/** An empty library and a transcription service whose key and settings really change. */
function bridgeWith(initial: OpenAiStatus, extra: Record<string, FakeHandler> = {}): FakeBridge {
  let status = initial;
  return new FakeBridge({
    'app:info': () => info,
    'sources:list': () => [],
    'sources:issues': () => [],
    'library:list': () => ({ total: 0, items: [] }),
    'transcription:status': () => status,
    'transcription:setSettings': (patch) => (status = { ...status, settings: { ...status.settings, ...(patch as Partial<TranscriptionSettings>) } }),
    'transcription:saveKey': (input) => {
      const { apiKey } = input as { apiKey: string };
      return (status = { ...status, configured: true, maskedKey: `sk-…${apiKey.slice(-4)}` });
    },
    'transcription:clearKey': () => (status = { ...status, configured: false, maskedKey: null }),
    'transcription:testConnection': () => ({ result: 'rejected', message: 'OpenAI rejected the API key (401).' }),
    ...extra,
  });
}

async function panel(bridge: FakeBridge): Promise<HTMLElement> {
  render(
    <StoreProvider store={createAppStore(new ApiClient(bridge))}>
      <App />
    </StoreProvider>,
  );
  await screen.findByTestId('openai-key-status');
  return screen.getByTestId('transcription-panel');
}

afterEach(cleanup);

describe('Transcription settings', () => {
  it('in browser mode shows the masked key from OPENAI_API_KEY, why it cannot be stored, and the connection test', async () => {
    const bridge = bridgeWith(openAiStatus({ apiBaseUrl: 'http://127.0.0.1:4010/v1' }));
    const p = within(await panel(bridge));
    expect(p.getByTestId('openai-key-status').textContent).toBe('Keysk-…abcdFromOPENAI_API_KEYAPIhttp://127.0.0.1:4010/v1');
    expect(p.getByTestId('openai-env-help').textContent).toContain('never stored');
    expect(p.queryByTestId('openai-key-form')).toBeNull();
    expect(p.queryByRole('button', { name: 'Forget key' })).toBeNull();
    fireEvent.click(p.getByTestId('openai-test'));
    const result = await p.findByTestId('openai-test-result');
    expect(result.dataset['result']).toBe('rejected');
    expect(result.textContent).toBe('Key rejected OpenAI rejected the API key (401).');
  });

  it('under Electron stores a key from a password field that is emptied once saved, and forgets it', async () => {
    const bridge = bridgeWith(openAiStatus({ configured: false, maskedKey: null, origin: 'safeStorage', storeProblem: null }));
    const p = within(await panel(bridge));
    const input = p.getByLabelText('OpenAI API key') as HTMLInputElement;
    expect(input.type).toBe('password');
    expect((p.getByTestId('openai-test') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(input, { target: { value: 'sk-short' } });
    expect(p.getByText(/starts with sk- and is longer/)).toBeTruthy();
    expect((p.getByRole('button', { name: 'Save key' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(input, { target: { value: ` ${KEY} ` } });
    fireEvent.click(p.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(p.getByTestId('openai-key-status').textContent).toContain('sk-…WXYZ'));
    expect(bridge.inputsOf('transcription:saveKey')).toEqual([{ apiKey: KEY }]);
    expect(p.queryByTestId('openai-key-form')).toBeNull();
    // Nothing on the page shows the key itself.
    expect(document.body.innerHTML).not.toContain(KEY);
    fireEvent.click(p.getByRole('button', { name: 'Forget key' }));
    await waitFor(() => expect((p.getByLabelText('OpenAI API key') as HTMLInputElement).value).toBe(''));
    expect(bridge.inputsOf('transcription:clearKey')).toEqual([{}]);
  });

  it('shows why the keychain cannot store a key instead of a form', async () => {
    const problem = 'The OS keychain stores secrets as plain text here (basic_text); CallReview will not keep a key in it.';
    const p = within(await panel(bridgeWith(openAiStatus({ configured: false, maskedKey: null, origin: 'safeStorage', storeProblem: problem }))));
    expect(p.getByTestId('openai-problem').textContent).toBe(problem);
    expect(p.queryByTestId('openai-key-form')).toBeNull();
  });

  it('saves the vocabulary, the default model and language, and auto-transcription', async () => {
    const bridge = bridgeWith(openAiStatus());
    const p = within(await panel(bridge));
    const save = p.getByTestId('save-vocabulary') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(p.getByLabelText(/Vocabulary/), { target: { value: 'CallReview\nZürich' } });
    fireEvent.click(save);
    await waitFor(() => expect(p.getByText('Vocabulary saved.')).toBeTruthy());
    expect(save.disabled).toBe(true);

    fireEvent.change(p.getByLabelText('Default model'), { target: { value: 'gpt-4o-transcribe-diarize' } });
    await waitFor(() => expect((p.getByLabelText('Default model') as HTMLSelectElement).value).toBe('gpt-4o-transcribe-diarize'));
    fireEvent.change(p.getByLabelText('Default language'), { target: { value: 'de' } });
    await waitFor(() => expect((p.getByLabelText('Default language') as HTMLSelectElement).value).toBe('de'));
    fireEvent.click(p.getByLabelText(/Transcribe new recordings automatically/));
    await waitFor(() => expect((p.getByLabelText(/Transcribe new recordings automatically/) as HTMLInputElement).checked).toBe(true));

    const defaults = { model: 'whisper-1', language: 'auto', useVocabulary: true, prompt: '', temperature: 0, wordTimestamps: false };
    expect(bridge.inputsOf('transcription:setSettings')).toEqual([
      { vocabulary: 'CallReview\nZürich' },
      { defaults: { ...defaults, model: 'gpt-4o-transcribe-diarize' } },
      { defaults: { ...defaults, model: 'gpt-4o-transcribe-diarize', language: 'de' } },
      { autoTranscribe: true },
    ]);
  });
});
