// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import type { CallListFilters, DashboardResult } from '../../shared/dashboard.js';
import { FakeBridge, summary } from './fake-bridge.js';

const info = { version: '0.1.0', mode: 'browser', dataDir: '/tmp/data', canPickFolders: false };
const CALLS = [summary(1, { externalId: 'sess-a', startedAt: '2026-03-02T09:15:04.000Z' }), summary(2, { externalId: 'sess-b', startedAt: '2026-03-11T14:42:37.000Z' })];

function result(): DashboardResult {
  return {
    totals: { calls: 2, analysed: 2, withMetrics: 2, durationSec: 21 },
    callsPerDay: [
      { day: '2026-03-02', count: 1 },
      { day: '2026-03-11', count: 1 },
    ],
    sentiment: {
      average: -0.2,
      byDay: [
        { day: '2026-03-02', average: -0.6, calls: 1 },
        { day: '2026-03-11', average: 0.2, calls: 1 },
      ],
      buckets: [
        { label: 'negative', calls: 1 },
        { label: 'neutral', calls: 1 },
        { label: 'positive', calls: 0 },
      ],
    },
    talkRatio: { calls: 2, caller: 0.6, agent: 0.4, silence: 0.2 },
    latency: {
      turns: 3,
      medianSec: 0.7,
      buckets: [
        { min: 0, max: 0.5, turns: 1, calls: 1 },
        { min: 0.5, max: 1, turns: 2, calls: 2 },
        { min: 1, max: null, turns: 0, calls: 0 },
      ],
    },
    keyPhrases: [
      { text: 'order', calls: 2 },
      { text: 'refund', calls: 1 },
    ],
    qaFlags: [
      { flag: 'escalation requested', present: 1, total: 2 },
      { flag: 'compliance phrase', present: 0, total: 2 },
    ],
  };
}

/** A library of two calls whose list honours the day and phrase filters. */
function bridge(): FakeBridge {
  return new FakeBridge({
    'app:info': () => info,
    'sources:list': () => [],
    'sources:issues': () => [],
    'library:list': (input) => {
      const f = (input as { filters?: CallListFilters }).filters;
      const items = CALLS.filter((c) => (f?.day === undefined || c.startedAt!.startsWith(f.day)) && (f?.phrase === undefined || c.id === 1));
      return { total: items.length, items };
    },
    'analysis:dashboard': () => result(),
    'tags:list': () => [{ tag: 'billing', calls: 1 }],
  });
}

async function openDashboard(b: FakeBridge): Promise<HTMLElement> {
  render(
    <StoreProvider store={createAppStore(new ApiClient(b))}>
      <App />
    </StoreProvider>,
  );
  await screen.findByText('sess-a');
  fireEvent.click(screen.getByTestId('view-dashboard'));
  // The dashboard's code (and the charting library) loads on its first showing.
  return screen.findByTestId('dash-totals', {}, { timeout: 15_000 });
}

const rows = (): string[] => screen.getAllByTestId('call-row').map((r) => r.getAttribute('data-call-id') ?? '');

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});

afterEach(cleanup);

describe('Dashboard', () => {
  it('asks for the figures in the reviewer’s zone and draws them; the filters ask again, the tag filter too, and a pick keeps the tag', async () => {
    const b = bridge();
    const totals = await openDashboard(b);
    const offset = -new Date().getTimezoneOffset() || 0;
    expect(b.inputsOf('analysis:dashboard')).toEqual([{ utcOffsetMin: offset }]);
    expect(totals.textContent).toBe('2 calls · 0:21 in all · 2 analysed · 2 with metrics');
    expect(screen.getByTestId('view-dashboard').getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(screen.getByTestId('dash-calls-per-day').querySelectorAll('path.recharts-rectangle').length).toBe(2));
    expect(screen.getByTestId('dash-sentiment-day').querySelectorAll('path.recharts-rectangle').length).toBe(2);
    expect(screen.getByTestId('dash-sentiment-day').textContent).toContain('Overall −0.20');
    expect(screen.getByTestId('dash-latency').textContent).toContain('Median 0.70 s over 3 responses');
    expect(screen.getByTestId('dash-talk').textContent).toContain('Caller 60% · agent/bot 40% of the talk · silence 20% of the call');
    expect(screen.getAllByTestId('dash-phrase').map((r) => r.textContent)).toEqual(['order2', 'refund1']);
    expect(screen.getAllByTestId('dash-flag').map((r) => [r.textContent, (r as HTMLButtonElement).disabled])).toEqual([
      ['escalation requested1 of 2', false],
      ['compliance phrase0 of 2', true],
    ]);
    const tagSelect = screen.getByTestId('dash-tag') as HTMLSelectElement;
    await waitFor(() => expect(Array.from(tagSelect.options).map((o) => o.textContent)).toEqual(['Any', 'billing (1)']));

    fireEvent.change(screen.getByTestId('dash-source'), { target: { value: 'twilio' } });
    fireEvent.change(screen.getByTestId('dash-from'), { target: { value: '2026-03-05' } });
    await waitFor(() => expect(b.inputsOf('analysis:dashboard').at(-1)).toEqual({ source: 'twilio', from: '2026-03-05', utcOffsetMin: offset }));
    fireEvent.change(screen.getByTestId('dash-source'), { target: { value: '' } });
    await waitFor(() => expect(b.inputsOf('analysis:dashboard').at(-1)).toEqual({ from: '2026-03-05', utcOffsetMin: offset }));
    fireEvent.change(tagSelect, { target: { value: 'billing' } });
    await waitFor(() => expect(b.inputsOf('analysis:dashboard').at(-1)).toEqual({ from: '2026-03-05', tag: 'billing', utcOffsetMin: offset }));
    fireEvent.click(screen.getAllByTestId('dash-phrase')[0]!);
    expect((await screen.findByTestId('list-filter-chip')).textContent).toBe('Filtered: phrase “order” · from 2026-03-05 · tag “billing”✕');
    expect(b.inputsOf('library:list').at(-1)).toEqual({ sort: 'startedAt', dir: 'desc', filters: { from: '2026-03-05', tag: 'billing', phrase: 'order', utcOffsetMin: offset } });
  });

  it('a day bar filters the call list to that day with a removable chip; a phrase row filters by the phrase', async () => {
    const b = bridge();
    await openDashboard(b);
    await waitFor(() => expect(screen.getByTestId('dash-calls-per-day').querySelectorAll('path.recharts-rectangle').length).toBe(2));
    fireEvent.click(screen.getByTestId('dash-calls-per-day').querySelectorAll('path.recharts-rectangle')[1]!);
    const chip = await screen.findByTestId('list-filter-chip');
    expect(chip.textContent).toBe('Filtered: 2026-03-11✕');
    expect(screen.queryByTestId('dashboard')).toBeNull();
    expect(screen.getByTestId('view-calls').getAttribute('aria-pressed')).toBe('true');
    const offset = -new Date().getTimezoneOffset() || 0;
    expect(b.inputsOf('library:list').at(-1)).toEqual({ sort: 'startedAt', dir: 'desc', filters: { day: '2026-03-11', utcOffsetMin: offset } });
    await waitFor(() => expect(rows()).toEqual(['2']));
    expect(screen.getByText('1 call (filtered)')).toBeTruthy();

    fireEvent.click(within(chip).getByTestId('list-filter-clear'));
    await waitFor(() => expect(rows()).toEqual(['1', '2']));
    expect(screen.queryByTestId('list-filter-chip')).toBeNull();
    expect(b.inputsOf('library:list').at(-1)).toEqual({ sort: 'startedAt', dir: 'desc' });

    fireEvent.click(screen.getByTestId('view-dashboard'));
    fireEvent.click((await screen.findAllByTestId('dash-phrase'))[0]!);
    expect((await screen.findByTestId('list-filter-chip')).textContent).toBe('Filtered: phrase “order”✕');
    expect(b.inputsOf('library:list').at(-1)).toMatchObject({ filters: { phrase: 'order' } });
    await waitFor(() => expect(rows()).toEqual(['1']));
  });
});
