// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import type { SavedSearch, SaveSearchInput, SearchRequestInput } from '../../shared/search.js';
import { FakeBridge, detail, summary } from './fake-bridge.js';
import { group, mark, parsedWords, response, segHit } from './search-fixtures.js';

const CALLS = [summary(1, { externalId: 'sess-one' }), summary(2, { externalId: 'sess-two' })];
// detail(1) has segments 1 ("Hello, how can I help?") and 2 ("I want to book a table.").
const HITS = [segHit(1, 1, 0.4, 'Hello, how can I help?', 'help', { speaker: 'bot' }), segHit(1, 2, 2.5, 'I want to book a table.', 'book')];
const EVIL = '<img src=x onerror="window.__pwned=1"> book it';

function bridge(saved: SavedSearch[] = []): FakeBridge {
  let nextId = 10;
  return new FakeBridge({
    'app:info': () => ({ version: '0.1.0', mode: 'browser', dataDir: '/tmp/data', canPickFolders: false }),
    'sources:list': () => [],
    'sources:issues': () => [],
    'library:list': () => ({ total: CALLS.length, items: CALLS }),
    'library:get': (input) => detail((input as { id: number }).id),
    'search:query': (input) => {
      const req = input as SearchRequestInput;
      if (req.callId === 1) return response(req.query, [group(1, HITS)]);
      if (req.query.startsWith('evil')) return response(req.query, [group(2, [segHit(2, 7, 3, EVIL, 'book')])]);
      if (req.query.includes('foo:bar'))
        return response(req.query, [], {
          parsed: {
            ...parsedWords('help', 'foo:bar'),
            filters: [{ field: 'speaker', values: ['caller', 'agent'], negate: false, text: 'speaker:caller|agent' }],
            plainTerms: ['foo:bar'],
            ignored: ['OR'],
          },
        });
      return response(req.query, [group(1, HITS), group(2, [segHit(2, 7, 3, 'book it please', 'book')])]);
    },
    'search:saved:list': () => saved,
    'search:saved:save': (input) => {
      const s = input as SaveSearchInput;
      const row: SavedSearch = { id: nextId++, name: s.name, query: s.query, options: s.options, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
      saved.push(row);
      return row;
    },
    'search:saved:delete': (input) => {
      const id = (input as { id: number }).id;
      saved.splice(
        saved.findIndex((s) => s.id === id),
        1,
      );
      return { deleted: true };
    },
  });
}

function renderApp(b: FakeBridge) {
  render(
    <StoreProvider store={createAppStore(new ApiClient(b))}>
      <App />
    </StoreProvider>,
  );
}

async function search(text: string): Promise<void> {
  fireEvent.change(screen.getByTestId('search-input'), { target: { value: text } });
  fireEvent.keyDown(screen.getByTestId('search-input'), { key: 'Enter' });
  await screen.findByTestId('search-toolbar');
}

beforeAll(() => {
  // The results are virtualised: they draw rows only into a measured viewport.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

afterEach(cleanup);

describe('the search view', () => {
  it('shows hits grouped by call with the terms marked, and a hit opens its call with the line highlighted', async () => {
    const b = bridge();
    renderApp(b);
    await screen.findByText('sess-one');
    await search('help book');
    const groups = await screen.findAllByTestId('search-group');
    expect(groups.map((g) => g.dataset['callId'])).toEqual(['1', '2']);
    expect(within(groups[0]!).getByTestId('search-group-count').textContent).toBe('2 hits');
    const hits = screen.getAllByTestId('search-hit');
    expect(hits).toHaveLength(3);
    expect(within(hits[0]!).getByText('help').tagName).toBe('MARK');
    expect(hits[0]!.textContent).toContain('Bot');
    expect(hits[1]!.textContent).toContain('0:02.5');
    expect(screen.getByTestId('search-total').textContent).toBe('3 hits in 2 calls');

    fireEvent.click(hits[1]!);
    const line = await waitFor(() => {
      const el = document.querySelector('[data-testid="transcript-line"][data-search-hit="true"]');
      expect(el).not.toBeNull();
      return el as HTMLElement;
    });
    expect(line.textContent).toContain('I want to book a table.');
    expect(within(line).getByText('book').tagName).toBe('MARK');
    expect(screen.getByTestId('tab-transcript').getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(screen.getByTestId('search-hit-pos').textContent).toBe('Hit 2 of 2'));
    expect(hits[1]!.getAttribute('aria-current')).toBe('true');

    // F3 and n step through the call's hits (wrapping); in the search box, n is just a letter.
    fireEvent.keyDown(document.body, { key: 'F3' });
    expect(screen.getByTestId('search-hit-pos').textContent).toBe('Hit 1 of 2');
    expect(document.querySelector('[data-search-hit="true"]')?.textContent).toContain('Hello, how can I help?');
    fireEvent.keyDown(document.body, { key: 'F3', shiftKey: true });
    expect(screen.getByTestId('search-hit-pos').textContent).toBe('Hit 2 of 2');
    fireEvent.keyDown(screen.getByTestId('search-input'), { key: 'n' });
    expect(screen.getByTestId('search-hit-pos').textContent).toBe('Hit 2 of 2');
    fireEvent.keyDown(document.body, { key: 'n' });
    expect(screen.getByTestId('search-hit-pos').textContent).toBe('Hit 1 of 2');
    fireEvent.click(screen.getByTestId('search-hit-prev'));
    expect(screen.getByTestId('search-hit-pos').textContent).toBe('Hit 2 of 2');

    // Esc in the box clears the search: back to the call list, no highlight left.
    fireEvent.keyDown(screen.getByTestId('search-input'), { key: 'Escape' });
    expect((screen.getByTestId('search-input') as HTMLInputElement).value).toBe('');
    expect(screen.queryByTestId('search-view')).toBeNull();
    expect(screen.queryByTestId('search-hit-bar')).toBeNull();
    expect(document.querySelector('[data-search-hit="true"]')).toBeNull();
    expect(screen.queryByTestId('error-banner')).toBeNull();
  });

  it('shows a hit whose text is markup as text, never as an element', async () => {
    renderApp(bridge());
    await screen.findByText('sess-one');
    await search('evil');
    const hit = await screen.findByTestId('search-hit');
    expect(hit.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(hit.querySelector('[data-testid="search-snippet"]')!.textContent).toBe(EVIL);
    expect(within(hit).getByText('book').tagName).toBe('MARK');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(mark(EVIL, 'book')).toEqual([
      { text: '<img src=x onerror="window.__pwned=1"> ', hit: false },
      { text: 'book', hit: true },
      { text: ' it', hit: false },
    ]);
  });

  it('echoes the query as understood: filters as chips, the rest as plain text', async () => {
    renderApp(bridge());
    await screen.findByText('sess-one');
    await search('help foo:bar speaker:caller|agent OR');
    expect(screen.getByTestId('search-filter-chip').textContent).toBe('Speaker: caller or agent');
    expect(screen.getByTestId('search-plain').textContent).toBe('Searched as plain text: foo:bar');
    expect(screen.getByTestId('search-ignored').textContent).toBe('Left out: OR');
    expect(screen.getAllByTestId('search-term-chip').map((c) => c.textContent)).toEqual(['help', 'foo:bar']);
    expect(screen.getByTestId('search-none').textContent).toContain('Nothing matches');
  });

  it('marks every result call for the batch actions', async () => {
    renderApp(bridge());
    await screen.findByText('sess-one');
    await search('book');
    fireEvent.click(screen.getByTestId('search-mark-all'));
    await waitFor(() => expect(screen.getByTestId('marked-bar').textContent).toContain('2 calls marked'));
    fireEvent.click(screen.getByTestId('view-calls'));
    const rows = await screen.findAllByTestId('call-row');
    expect(rows.map((r) => r.dataset['marked'])).toEqual(['true', 'true']);
  });
});

describe('saved searches', () => {
  it('saves the current search under a name, runs one with a click, and deletes with the button or the Delete key', async () => {
    const saved: SavedSearch[] = [
      { id: 1, name: 'Angry callers', query: 'refund sentiment:negative', options: { order: 'newest', allVersions: true }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
    ];
    const b = bridge(saved);
    renderApp(b);
    const item = await screen.findByText('Angry callers');

    fireEvent.click(item);
    await screen.findByTestId('search-toolbar');
    expect((screen.getByTestId('search-input') as HTMLInputElement).value).toBe('refund sentiment:negative');
    expect(b.inputsOf('search:query').at(-1)).toMatchObject({ query: 'refund sentiment:negative', order: 'newest', allVersions: true });
    expect((screen.getByTestId('search-order') as HTMLSelectElement).value).toBe('newest');
    expect((screen.getByTestId('search-all-versions') as HTMLInputElement).checked).toBe(true);

    await search('book');
    fireEvent.click(screen.getByTestId('saved-search-add'));
    const name = screen.getByTestId('saved-search-name') as HTMLInputElement;
    expect(name.value).toBe('book');
    fireEvent.change(name, { target: { value: 'Bookings' } });
    fireEvent.click(screen.getByTestId('saved-search-submit'));
    await screen.findByText('Bookings');
    expect(b.inputsOf('search:saved:save')).toEqual([{ name: 'Bookings', query: 'book', options: { order: 'newest', allVersions: true } }]);
    expect(screen.queryByTestId('saved-search-form')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Delete the saved search Angry callers' }));
    await waitFor(() => expect(screen.queryByText('Angry callers')).toBeNull());
    fireEvent.keyDown(screen.getByText('Bookings').closest('button')!, { key: 'Delete' });
    await waitFor(() => expect(screen.queryAllByTestId('saved-search')).toHaveLength(0));
    expect(b.inputsOf('search:saved:delete')).toEqual([{ id: 1 }, { id: 10 }]);
  });
});
