// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import type { TranscriptionSettings } from '../../shared/transcription.js';
import type { SyncReport, TwilioSettings, TwilioStatus } from '../../shared/twilio-types.js';
import { detail, FakeBridge, openAiStatus, summary, twilioStatus, type FakeHandler } from './fake-bridge.js';

const SID = twilioStatus().accountSid ?? '';
const info = { version: '0.1.0', mode: 'browser', dataDir: '/tmp/data', canPickFolders: false };

const status = twilioStatus;

/** A bridge with an empty library and a Twilio service whose settings really change. */
function bridgeWith(initial: TwilioStatus, extra: Record<string, FakeHandler> = {}): FakeBridge {
  let current = initial;
  return new FakeBridge({
    'app:info': () => info,
    'sources:list': () => [],
    'sources:issues': () => [],
    'library:list': () => ({ total: 0, items: [] }),
    'twilio:status': () => current,
    'twilio:setSettings': (patch) => {
      current = { ...current, settings: { ...current.settings, ...(patch as Partial<TwilioSettings>) } };
      return current;
    },
    ...extra,
  });
}

function renderApp(bridge: FakeBridge): void {
  render(
    <StoreProvider store={createAppStore(new ApiClient(bridge))}>
      <App />
    </StoreProvider>,
  );
}

const deleteBox = (): HTMLInputElement => screen.getByLabelText('Delete recordings from Twilio after a verified download');

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

afterEach(cleanup);

describe('Twilio panel', () => {
  it('asks in the app before deleting recordings from Twilio after download', async () => {
    const bridge = bridgeWith(status());
    renderApp(bridge);
    await screen.findByTestId('twilio-account');

    fireEvent.click(deleteBox());
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('cannot restore');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(deleteBox().checked).toBe(false);
    expect(bridge.inputsOf('twilio:setSettings')).toEqual([]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(bridge.inputsOf('twilio:setSettings')).toEqual([]);

    fireEvent.click(deleteBox());
    fireEvent.keyDown(await screen.findByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(bridge.inputsOf('twilio:setSettings')).toEqual([]);

    fireEvent.click(deleteBox());
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete after download' }));
    await waitFor(() => expect(deleteBox().checked).toBe(true));
    expect(bridge.inputsOf('twilio:setSettings')).toEqual([{ deleteAfterDownload: true }]);

    // Turning it off is safe and needs no confirmation.
    fireEvent.click(deleteBox());
    await waitFor(() => expect(deleteBox().checked).toBe(false));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(bridge.inputsOf('twilio:setSettings')).toEqual([{ deleteAfterDownload: true }, { deleteAfterDownload: false }]);
  });

  it('changes auto-sync and auto-transcription without asking; auto-transcription is the one transcription setting', async () => {
    let openai = openAiStatus();
    const bridge = bridgeWith(status(), {
      'transcription:status': () => openai,
      'transcription:setSettings': (patch) => {
        openai = { ...openai, settings: { ...openai.settings, ...(patch as Partial<TranscriptionSettings>) } };
        return openai;
      },
    });
    renderApp(bridge);
    fireEvent.change(await screen.findByLabelText('Auto-sync'), { target: { value: '15' } });
    const twilioBox = (): HTMLInputElement => screen.getByLabelText(/Queue transcription for new recordings/);
    await waitFor(() => expect(twilioBox().disabled).toBe(false));
    fireEvent.click(twilioBox());
    await waitFor(() => expect(twilioBox().checked).toBe(true));
    expect(bridge.inputsOf('twilio:setSettings')).toEqual([{ autoSyncMinutes: 15 }]);
    expect(bridge.inputsOf('transcription:setSettings')).toEqual([{ autoTranscribe: true }]);
    // The Transcription section shows the same switch, now on.
    expect((screen.getByLabelText(/Transcribe new recordings automatically/) as HTMLInputElement).checked).toBe(true);
  });

  it('shows the masked account, the API address when unusual, and how to configure env mode', async () => {
    renderApp(bridgeWith(status({ apiBaseUrl: 'http://127.0.0.1:4010' })));
    const account = await screen.findByTestId('twilio-account');
    expect(account.textContent).toContain('AC01…cdef');
    expect(account.textContent).not.toContain(SID);
    expect(account.textContent).toContain('Auth Token from environment variables');
    expect(screen.getByTestId('twilio-api-url').textContent).toBe('http://127.0.0.1:4010');
    cleanup();

    renderApp(bridgeWith(status({ configured: false, accountSid: null, credentialKind: null })));
    expect((await screen.findByTestId('twilio-env-help')).textContent).toContain('TWILIO_AUTH_TOKEN');
    expect((screen.getByTestId('twilio-sync') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('twilio-credentials-form')).toBeNull();
    expect(screen.queryByTestId('twilio-problem')).toBeNull();
  });

  it('saves an API key to the keychain under Electron', async () => {
    const keychain = status({ configured: false, accountSid: null, credentialKind: null, origin: 'safeStorage', storeProblem: null });
    const bridge = bridgeWith(keychain, { 'twilio:saveCredentials': () => status({ origin: 'safeStorage', storeProblem: null, credentialKind: 'api-key' }) });
    renderApp(bridge);
    await screen.findByTestId('twilio-credentials-form');
    fireEvent.click(screen.getByLabelText('API key'));
    fireEvent.change(screen.getByLabelText('Account SID'), { target: { value: SID } });
    fireEvent.change(screen.getByLabelText('API Key SID'), { target: { value: 'SK0123456789abcdef0123456789abcdef' } });
    const secret = screen.getByLabelText('API Key Secret') as HTMLInputElement;
    expect(secret.type).toBe('password');
    fireEvent.change(secret, { target: { value: 'a-long-secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() => expect(screen.getByTestId('twilio-account').textContent).toContain('API key from the OS keychain'));
    expect(bridge.inputsOf('twilio:saveCredentials')).toEqual([{ accountSid: SID, apiKeySid: 'SK0123456789abcdef0123456789abcdef', apiKeySecret: 'a-long-secret' }]);
    expect(screen.queryByTestId('twilio-credentials-form')).toBeNull();
    expect(screen.getByRole('button', { name: 'Forget credentials' })).toBeTruthy();
  });

  it('shows sync progress, then a summary that lists failures', async () => {
    const report: SyncReport = {
      accountSid: SID, since: null, pages: 1, seen: 4, downloaded: 2, alreadyHad: 1, pending: 0, unavailable: 0,
      missing: [], failed: [{ recordingSid: 'RE0001', callSid: 'CA0001', message: 'checksum mismatch' }],
      deletedRemote: 0, bytes: 3 * 1024 * 1024, durationMs: 1200,
    };
    const bridge = bridgeWith(status(), { 'twilio:sync': () => report });
    renderApp(bridge);
    await screen.findByTestId('twilio-account');
    bridge.emit('twilio:syncProgress', { pages: 1, seen: 3, downloaded: 1, alreadyHad: 0, failed: 0, bytes: 1572864, finished: false, error: null });
    const progress = await screen.findByTestId('twilio-progress');
    expect(progress.textContent).toContain('1 downloaded');
    expect(progress.textContent).toContain('1.5 MB');
    expect((screen.getByTestId('twilio-sync') as HTMLButtonElement).disabled).toBe(true);
    bridge.emit('twilio:syncProgress', { pages: 1, seen: 3, downloaded: 1, alreadyHad: 0, failed: 0, bytes: 1572864, finished: true, error: null });
    await waitFor(() => expect(screen.queryByTestId('twilio-progress')).toBeNull());

    fireEvent.click(screen.getByTestId('twilio-sync'));
    const summaryBox = await screen.findByTestId('twilio-summary');
    expect(summaryBox.textContent).toContain('2 downloaded');
    expect(summaryBox.textContent).toContain('1 already had');
    expect(summaryBox.textContent).toContain('1 failed');
    expect(within(summaryBox).getByTestId('twilio-failure').textContent).toContain('RE0001');
    expect(within(summaryBox).getByTestId('twilio-failure').textContent).toContain('checksum mismatch');
  });

  it('shows a failed sync once in the banner, even when its last progress event comes after the reply', async () => {
    const message = 'Twilio credentials rejected (HTTP 401). Check the Account SID and token or API key.';
    const bridge = bridgeWith(status(), {
      'twilio:sync': () => {
        throw new Error(message);
      },
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByTestId('twilio-sync'));
    expect((await screen.findByRole('alert')).textContent).toContain('credentials rejected');
    bridge.emit('twilio:syncProgress', { pages: 0, seen: 0, downloaded: 0, alreadyHad: 0, failed: 0, bytes: 0, finished: true, error: message });
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(1));
  });

  it('labels Twilio calls and swaps channel roles from the detail', async () => {
    const call = summary(1, { source: 'twilio', externalId: 'CA0123456789abcdef0123456789abcdef' });
    const twilioDetail = { ...detail(1), ...call, channelRoles: ['caller', 'agent'] as const, parties: [
      { role: 'from', phone: '+14155551000', name: null },
      { role: 'to', phone: '+14155550100', name: null },
    ] };
    const bridge = bridgeWith(status(), {
      'library:list': () => ({ total: 1, items: [call] }),
      'library:get': () => ({ ...twilioDetail, channelRoles: [...twilioDetail.channelRoles] }),
      'library:swapChannels': () => ({ ...twilioDetail, channelRoles: ['agent', 'caller'] }),
    });
    renderApp(bridge);
    const row = await screen.findByTestId('call-row');
    expect(within(row).getByTestId('call-source').textContent).toBe('Twilio');
    fireEvent.click(row);
    const pane = await screen.findByTestId('call-detail');
    expect(within(pane).getByTestId('party-from').textContent).toContain('+14155551000');
    expect(within(pane).getByTestId('party-to').textContent).toContain('+14155550100');
    expect(within(pane).getByTestId('call-direction').textContent).toContain('Inbound');
    expect(within(pane).getByTestId('channel-roles').textContent).toBe('1: Caller, 2: Agent');
    fireEvent.click(within(pane).getByRole('button', { name: 'Swap channels' }));
    await waitFor(() => expect(within(pane).getByTestId('channel-roles').textContent).toBe('1: Agent, 2: Caller'));
    expect(bridge.inputsOf('library:swapChannels')).toEqual([{ id: 1 }]);
  });
});
