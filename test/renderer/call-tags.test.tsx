// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { App } from '../../renderer/src/App.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider } from '../../renderer/src/store-context.js';
import { detail, FakeBridge, summary } from './fake-bridge.js';

const info = { version: '0.1.0', mode: 'browser', dataDir: '/tmp/data', canPickFolders: false };

/** A bridge whose one call keeps the tags it is given, as the core would (refusing the word "reject"). */
function tagBridge(): FakeBridge {
  let tags: string[] = ['urgent'];
  return new FakeBridge({
    'app:info': () => info,
    'sources:list': () => [],
    'sources:issues': () => [],
    'library:list': () => ({ total: 1, items: [summary(1, { tags })] }),
    'library:get': () => ({ ...detail(1), tags }),
    'tags:set': (input) => {
      const next = (input as { tags: string[] }).tags;
      if (next.includes('reject')) throw new Error('Invalid request on tags:set: no');
      tags = next;
      return { ...detail(1), tags };
    },
    'tags:list': () => tags.map((tag) => ({ tag, calls: 1 })),
  });
}

async function openCall(bridge: FakeBridge): Promise<HTMLElement> {
  render(
    <StoreProvider store={createAppStore(new ApiClient(bridge))}>
      <App />
    </StoreProvider>,
  );
  fireEvent.click(await screen.findByText('call-1'));
  await screen.findByTestId('call-detail');
  return screen.findByTestId('call-tags');
}

const chips = (box: HTMLElement): string[] => within(box).queryAllByTestId('call-tag').map((c) => c.textContent?.replace('✕', '') ?? '');
const input = (box: HTMLElement): HTMLInputElement => within(box).getByLabelText('Add a tag');

beforeAll(() => {
  // The call list is virtualised: it draws rows only into a measured viewport.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

afterEach(cleanup);

describe('the tag editor', () => {
  it('adds a tag on Enter, shows it as a chip and in the list row, and clears the input', async () => {
    const bridge = tagBridge();
    const box = await openCall(bridge);
    expect(chips(box)).toEqual(['urgent']);
    fireEvent.change(input(box), { target: { value: '  Billing ' } });
    fireEvent.keyDown(input(box), { key: 'Enter' });
    await waitFor(() => expect(chips(box)).toEqual(['urgent', 'Billing']));
    expect(bridge.inputsOf('tags:set')).toEqual([{ callId: 1, tags: ['urgent', 'Billing'] }]);
    expect(input(box).value).toBe('');
    expect(within(screen.getByTestId('call-row')).getAllByTestId('row-tag').map((t) => t.textContent)).toEqual(['urgent', 'Billing']);
  });

  it('refuses a duplicate (any case) or an empty tag in place, without asking the core', async () => {
    const bridge = tagBridge();
    const box = await openCall(bridge);
    fireEvent.change(input(box), { target: { value: 'URGENT' } });
    fireEvent.keyDown(input(box), { key: 'Enter' });
    expect(within(box).getByRole('alert').textContent).toBe('The call already has the tag “urgent”.');
    expect(input(box).getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(input(box), { target: { value: '   ' } });
    expect(within(box).queryByRole('alert')).toBeNull();
    fireEvent.keyDown(input(box), { key: 'Enter' });
    expect(within(box).getByRole('alert').textContent).toBe('a tag cannot be empty');
    expect(bridge.inputsOf('tags:set')).toEqual([]);
  });

  it('removes a tag with its button or with Backspace in the empty input', async () => {
    const bridge = tagBridge();
    const box = await openCall(bridge);
    fireEvent.change(input(box), { target: { value: 'billing' } });
    fireEvent.keyDown(input(box), { key: 'Enter' });
    await waitFor(() => expect(chips(box)).toEqual(['urgent', 'billing']));
    fireEvent.click(within(box).getByRole('button', { name: 'Remove the tag urgent' }));
    await waitFor(() => expect(chips(box)).toEqual(['billing']));
    fireEvent.keyDown(input(box), { key: 'Backspace' });
    await waitFor(() => expect(chips(box)).toEqual([]));
    expect(bridge.inputsOf('tags:set')).toEqual([
      { callId: 1, tags: ['urgent', 'billing'] },
      { callId: 1, tags: ['billing'] },
      { callId: 1, tags: [] },
    ]);
  });

  it('keeps the typed text and shows the error when the core refuses', async () => {
    const box = await openCall(tagBridge());
    fireEvent.change(input(box), { target: { value: 'reject' } });
    fireEvent.keyDown(input(box), { key: 'Enter' });
    await screen.findByText(/Invalid request on tags:set/);
    expect(input(box).value).toBe('reject');
    expect(chips(box)).toEqual(['urgent']);
  });
});
