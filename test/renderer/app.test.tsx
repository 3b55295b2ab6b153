// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import type { CallSummary } from '../../shared/types.js';
import { detail, FakeBridge, summary } from './fake-bridge.js';
import { timelineOf } from './review-fixtures.js';

const info = { version: '0.1.0', mode: 'browser', dataDir: '/tmp/data', canPickFolders: false };
const source = { id: 1, kind: 'folder', path: '/recordings', label: 'recordings', watch: true, lastScanAt: null, callCount: 3, issueCount: 0 };

/** A library of calls that honours sort/dir like the real handler. */
function library(calls: CallSummary[]) {
  return (input: unknown) => {
    const { sort = 'startedAt', dir = 'desc' } = input as { sort?: keyof CallSummary; dir?: 'asc' | 'desc' };
    const sorted = [...calls].sort((a, b) => {
      const x = a[sort] as string | number;
      const y = b[sort] as string | number;
      return (x < y ? -1 : x > y ? 1 : 0) * (dir === 'asc' ? 1 : -1);
    });
    return { total: sorted.length, items: sorted };
  };
}

function renderApp(bridge: FakeBridge) {
  const store = createAppStore(new ApiClient(bridge));
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  return store;
}

const rowIds = (): string[] => screen.getAllByTestId('call-row').map((r) => r.dataset['callId'] ?? '');

beforeAll(() => {
  // jsdom lays nothing out; give the virtualized list's scroller a size so it renders rows.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

afterEach(cleanup);

describe('App', () => {
  it('shows how to add calls when the library is empty', async () => {
    const bridge = new FakeBridge({
      'app:info': () => info,
      'sources:list': () => [],
      'sources:issues': () => [],
      'library:list': () => ({ total: 0, items: [] }),
    });
    renderApp(bridge);
    const empty = await screen.findByTestId('empty-state');
    expect(empty.textContent).toContain('callreview import <dir>');
    expect(screen.getByTestId('folder-path-input')).toBeTruthy();
  });

  it('renders one row per call and sorts by the clicked header', async () => {
    const calls = [summary(1, { durationSec: 300 }), summary(2, { durationSec: 30 }), summary(3, { durationSec: 120 })];
    const bridge = new FakeBridge({
      'app:info': () => info,
      'sources:list': () => [source],
      'sources:issues': () => [],
      'library:list': library(calls),
    });
    renderApp(bridge);
    await waitFor(() => expect(rowIds()).toEqual(['3', '2', '1']));
    expect(screen.getAllByTestId('call-row')[0]?.textContent).toContain('recordings');

    fireEvent.click(screen.getByRole('button', { name: /Duration/ }));
    await waitFor(() => expect(rowIds()).toEqual(['1', '3', '2']));
    expect(bridge.inputsOf('library:list').at(-1)).toEqual({ sort: 'durationSec', dir: 'desc' });

    fireEvent.click(screen.getByRole('button', { name: /Duration/ }));
    await waitFor(() => expect(rowIds()).toEqual(['2', '3', '1']));
    expect(screen.getByRole('columnheader', { name: /Duration/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('moves the selection with the keyboard and opens the call with Enter', async () => {
    const bridge = new FakeBridge({
      'app:info': () => info,
      'sources:list': () => [source],
      'sources:issues': () => [],
      'library:list': library([summary(1), summary(2)]),
      'library:get': (input) => detail((input as { id: number }).id),
      'timeline:call': (input) => [timelineOf(detail((input as { callId: number }).callId))],
    });
    renderApp(bridge);
    await waitFor(() => expect(rowIds()).toEqual(['2', '1']));
    const grid = screen.getByRole('grid', { name: 'Calls' });
    const scroller = within(grid).getByRole('rowgroup');
    fireEvent.keyDown(scroller, { key: 'End' });
    fireEvent.keyDown(scroller, { key: 'Enter' });

    const pane = await screen.findByTestId('call-detail');
    expect(pane.dataset['callId']).toBe('1');
    const lines = within(pane).getAllByTestId('transcript-line');
    expect(lines.map((l) => l.dataset['speaker'])).toEqual(['bot', 'caller']);
    expect(lines[1]?.textContent).toContain('Caller');
    // Function calls are in the Timeline tab, their arguments and result folded until asked for.
    fireEvent.click(within(pane).getByRole('tab', { name: 'Timeline' }));
    const fn = (await within(pane).findAllByTestId('timeline-entry')).find((e) => e.dataset['type'] === 'function_call')!;
    expect(fn.textContent).toContain('Function call: book_table');
    expect(fn.textContent).not.toContain('"people": 2');
    fireEvent.click(within(fn).getByRole('button', { name: 'Details' }));
    expect(fn.textContent).toContain('"people": 2');
  });

  it('shows an API error in a banner the user can dismiss', async () => {
    const bridge = new FakeBridge({
      'app:info': () => info,
      'sources:list': () => [],
      'sources:issues': () => [],
      'library:list': () => ({ total: 0, items: [] }),
      'sources:addFolder': () => {
        throw new Error('The folder /nope does not exist.');
      },
    });
    renderApp(bridge);
    fireEvent.change(await screen.findByTestId('folder-path-input'), { target: { value: '/nope' } });
    fireEvent.click(screen.getByTestId('add-folder-button'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('/nope does not exist');
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss error' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('shows import progress while an import runs', async () => {
    const bridge = new FakeBridge({
      'app:info': () => info,
      'sources:list': () => [],
      'sources:issues': () => [],
      'library:list': () => ({ total: 0, items: [] }),
    });
    renderApp(bridge);
    await screen.findByTestId('empty-state');
    bridge.emit('library:importProgress', { sourceId: 1, done: 1, total: 3, current: '/r/a', finished: false });
    expect((await screen.findByTestId('import-progress')).textContent).toContain('1 / 3');
    bridge.emit('library:importProgress', { sourceId: 1, done: 3, total: 3, current: null, finished: true });
    await waitFor(() => expect(screen.queryByTestId('import-progress')).toBeNull());
  });
});
