// @vitest-environment jsdom
/**
 * The export dialog over a fake bridge: the desktop app's folder picker and the overwrite question
 * (a conflict, then Replace into the same folder), a batch's progress and Cancel, and the result's
 * download links in browser mode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { ExportDialog } from '../../renderer/src/components/ExportDialog.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import type { ExportResult } from '../../shared/export.js';
import type { Envelope } from '../../shared/ipc/envelope.js';
import { FakeBridge, type FakeHandler } from './fake-bridge.js';

/** A fake that can also answer with a conflict, as the core does for existing files. */
class ExportBridge extends FakeBridge {
  conflictOnce = false;

  constructor(handlers: Record<string, FakeHandler>) {
    super(handlers);
  }

  override async invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
    if (this.conflictOnce && channel.startsWith('export:') && channel !== 'export:pickFolder') {
      this.conflictOnce = false;
      this.calls.push({ channel, input });
      return { ok: false, error: { code: 'conflict', message: '2 files of this export exist already in /picked: a.pdf, b.pdf. Export again with overwrite to replace them.' } };
    }
    return super.invoke(channel, input);
  }
}

const RESULT: ExportResult = {
  exportId: 'abc123',
  dir: '/picked',
  canceled: false,
  files: [
    { index: 0, name: 'x.pdf', format: 'pdf', callId: 7, bytes: 2048 },
    { index: 1, name: 'x.txt', format: 'txt', callId: 7, bytes: 100 },
  ],
  calls: [{ callId: 7, externalId: 'sess-x', startedAt: null, status: 'ok', files: ['x.pdf', 'x.txt'], error: null }],
  index: null,
};

function mount(b: FakeBridge, props: { callIds: number[]; batch: boolean }, mode: 'electron' | 'browser') {
  const store = createAppStore(new ApiClient(b));
  store.setState({ info: { version: 'test', mode, dataDir: '/data', canPickFolders: mode === 'electron' } });
  let closed = 0;
  render(
    <StoreProvider store={store}>
      <ExportDialog {...props} title="Export" onClose={() => closed++} />
    </StoreProvider>,
  );
  return { store, closed: () => closed };
}

afterEach(cleanup);

describe('export dialog', () => {
  it('desktop app: asks for a folder, then asks before replacing existing files and writes into the same folder', async () => {
    const b = new ExportBridge({ 'export:pickFolder': () => ({ path: '/picked' }), 'export:call': () => RESULT });
    b.conflictOnce = true;
    mount(b, { callIds: [7], batch: false }, 'electron');
    expect((screen.getByTestId('export-format-pdf') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('export-format-txt'));
    expect(screen.getByText('Speaker before each line')).toBeTruthy();
    fireEvent.click(screen.getByTestId('export-redact'));
    fireEvent.click(screen.getByTestId('export-submit'));
    const conflict = await screen.findByTestId('export-conflict');
    expect(conflict.textContent).toBe('2 files of this export exist already in /picked: a.pdf, b.pdf. Replace them?');
    expect(b.inputsOf('export:call')).toEqual([{ callId: 7, formats: ['txt', 'pdf'], options: { redact: true, allVersions: false, txt: { speakers: true, timestamps: true } }, overwrite: false, outDir: '/picked' }]);
    fireEvent.click(screen.getByTestId('export-overwrite'));
    await screen.findByTestId('export-result');
    expect(b.inputsOf('export:call')[1]).toMatchObject({ overwrite: true, outDir: '/picked' });
    expect(b.inputsOf('export:pickFolder')).toHaveLength(1);
    // The desktop app shows the folder and the names; there is nothing to download.
    expect(screen.getByTestId('export-dir').textContent).toBe('/picked');
    expect(screen.queryAllByTestId('export-file-link')).toHaveLength(0);
    expect(screen.getAllByTestId('export-file').map((e) => e.textContent)).toEqual(['x.pdf', 'x.txt']);
  });

  it('a closed folder dialog exports nothing', async () => {
    const b = new ExportBridge({ 'export:pickFolder': () => ({ path: null }), 'export:call': () => RESULT });
    mount(b, { callIds: [7], batch: false }, 'electron');
    fireEvent.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(b.inputsOf('export:pickFolder')).toHaveLength(1));
    expect(b.inputsOf('export:call')).toEqual([]);
    expect(screen.getByTestId('export-submit')).toBeTruthy();
  });

  it('browser mode batch: progress with Cancel, then the files as download links', async () => {
    let finish: (r: ExportResult) => void = () => {};
    const b = new ExportBridge({ 'export:batch': () => new Promise<ExportResult>((resolve) => (finish = resolve)), 'export:cancel': () => ({ canceled: 1 }) });
    mount(b, { callIds: [7, 8, 9], batch: true }, 'browser');
    expect(['txt', 'json', 'csv', 'pdf'].map((f) => (screen.getByTestId(`export-format-${f}`) as HTMLInputElement).checked)).toEqual([true, true, true, false]);
    fireEvent.click(screen.getByTestId('export-submit'));
    await screen.findByTestId('export-progress');
    act(() => b.emit('export:progress', { exportId: 'abc123', done: 1, total: 3, current: 'sess-y', finished: false, canceled: false }));
    expect(screen.getByTestId('export-progress').textContent).toContain('Exporting 2 of 3: sess-y');
    expect((screen.getByLabelText('Export progress') as HTMLProgressElement).value).toBe(1);
    fireEvent.click(screen.getByTestId('export-cancel'));
    await waitFor(() => expect(b.inputsOf('export:cancel')).toEqual([{ exportId: 'abc123' }]));
    expect(b.inputsOf('export:batch')).toEqual([{ callIds: [7, 8, 9], formats: ['txt', 'json', 'csv'], options: { redact: false, allVersions: false, txt: { speakers: true, timestamps: true } }, overwrite: false }]);
    await act(async () => finish({ ...RESULT, canceled: true, calls: [...RESULT.calls, { callId: 8, externalId: 'sess-y', startedAt: null, status: 'canceled', files: [], error: null }] }));
    const result = await screen.findByTestId('export-result');
    expect(result.textContent).toContain('Canceled: 2 files written to /picked (1 ok, 1 canceled).');
    expect(screen.getAllByTestId('export-file-link').map((a) => a.getAttribute('href'))).toEqual(['/exports/abc123/0', '/exports/abc123/1']);
    expect(screen.getByTestId('export-problems').textContent).toContain('sess-y: canceled');
  });

  it('needs at least one format', () => {
    mount(new ExportBridge({}), { callIds: [7], batch: false }, 'browser');
    fireEvent.click(screen.getByTestId('export-format-pdf'));
    expect((screen.getByTestId('export-submit') as HTMLButtonElement).disabled).toBe(true);
  });
});
