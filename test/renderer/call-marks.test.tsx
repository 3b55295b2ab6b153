// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { idsBetween } from '../../renderer/src/marks-slice.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import { FakeBridge, openAiStatus, summary } from './fake-bridge.js';

const calls = [summary(1, { externalId: 'sess-one' }), summary(2, { externalId: 'sess-two' }), summary(3, { externalId: 'sess-three' }), summary(4, { externalId: 'sess-four' })];

function bridge(): FakeBridge {
  return new FakeBridge({
    'app:info': () => ({ version: '0.1.0', mode: 'browser', dataDir: '/tmp/data', canPickFolders: false }),
    'sources:list': () => [],
    'sources:issues': () => [],
    'library:list': () => ({ total: calls.length, items: calls }),
    'transcription:status': () => openAiStatus(),
    'transcription:request': (input) => {
      const ids = (input as { callIds: number[] }).callIds;
      return { queued: ids.filter((id) => id !== 4).map((id) => ({ callId: id, jobId: 100 + id })), alreadyQueued: [], skipped: ids.includes(4) ? [{ callId: 4, reason: 'no audio on disk' }] : [] };
    },
  });
}

const row = (name: string): HTMLElement => screen.getByText(name).closest('[data-testid="call-row"]') as HTMLElement;

beforeAll(() => {
  // The call list is virtualised: it draws rows only into a measured viewport.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

afterEach(cleanup);

describe('marking calls for a batch', () => {
  it('takes ids between two calls in list order, either way round', () => {
    expect(idsBetween(calls, 1, 3)).toEqual([1, 2, 3]);
    expect(idsBetween(calls, 4, 2)).toEqual([2, 3, 4]);
    expect(idsBetween(calls, 99, 2)).toEqual([2]);
  });

  it('marks with Ctrl-click, Shift-click and Space, and transcribes the marked calls as a batch', async () => {
    const b = bridge();
    render(
      <StoreProvider store={createAppStore(new ApiClient(b))}>
        <App />
      </StoreProvider>,
    );
    await screen.findByText('sess-one');
    expect(screen.queryByTestId('marked-bar')).toBeNull();
    fireEvent.click(row('sess-one'), { ctrlKey: true });
    fireEvent.click(row('sess-three'), { shiftKey: true });
    expect(screen.getByTestId('marked-bar').textContent).toContain('3 calls marked');
    expect(['sess-one', 'sess-two', 'sess-three'].map((n) => row(n).dataset.marked)).toEqual(['true', 'true', 'true']);
    // Marking does not open a call.
    expect(b.inputsOf('library:get')).toEqual([]);

    // Ctrl-click unmarks; Space on the list marks the selected row.
    fireEvent.click(row('sess-two'), { ctrlKey: true });
    // The click made sess-two the selected row; two rows down is sess-four.
    fireEvent.keyDown(screen.getByRole('rowgroup'), { key: 'ArrowDown' });
    fireEvent.keyDown(screen.getByRole('rowgroup'), { key: 'ArrowDown' });
    fireEvent.keyDown(screen.getByRole('rowgroup'), { key: ' ' });
    expect(row('sess-four').dataset.marked).toBe('true');
    expect(screen.getByTestId('marked-bar').textContent).toContain('3 calls marked');

    fireEvent.click(screen.getByRole('button', { name: 'Transcribe marked' }));
    await waitFor(() => expect(b.inputsOf('transcription:request')).toHaveLength(1));
    expect(b.inputsOf('transcription:request')[0]).toMatchObject({ callIds: [1, 3, 4], reason: 'batch' });
    expect((await screen.findByTestId('marked-note')).textContent).toBe('Transcription: 2 queued, 1 skipped (no audio on disk).');
    expect(screen.queryByTestId('marked-bar')).toBeNull();
  });

  it('marks all with Ctrl+A and clears with Escape', async () => {
    render(
      <StoreProvider store={createAppStore(new ApiClient(bridge()))}>
        <App />
      </StoreProvider>,
    );
    await screen.findByText('sess-one');
    fireEvent.keyDown(screen.getByRole('rowgroup'), { key: 'a', ctrlKey: true });
    expect(screen.getByTestId('marked-bar').textContent).toContain('4 calls marked');
    fireEvent.keyDown(screen.getByRole('rowgroup'), { key: 'Escape' });
    expect(screen.queryByTestId('marked-bar')).toBeNull();
  });
});
