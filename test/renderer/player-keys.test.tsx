// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Transcript } from '../../renderer/src/components/Transcript.js';
import { PlaybackProvider, usePlaybackStore } from '../../renderer/src/player/playback-context.js';
import { belongsToFocus, keyAction, type PlayerAction } from '../../renderer/src/player/shortcuts.js';
import { usePlayerKeys } from '../../renderer/src/player/use-player-keys.js';
import type { TranscriptInfo } from '../../shared/types.js';

afterEach(cleanup);

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  keyAction({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('keyAction', () => {
  it('maps the documented keys', () => {
    expect(press(' ')).toEqual({ type: 'toggle' });
    expect(press('ArrowLeft')).toEqual({ type: 'seekBy', seconds: -5 });
    expect(press('ArrowRight')).toEqual({ type: 'seekBy', seconds: 5 });
    expect(press('j')).toEqual({ type: 'back' });
    expect(press('K')).toEqual({ type: 'pause' });
    expect(press('l')).toEqual({ type: 'forward' });
    expect(press('[')).toEqual({ type: 'speed', dir: -1 });
    expect(press(']')).toEqual({ type: 'speed', dir: 1 });
    expect(press('+')).toEqual({ type: 'zoom', dir: 1 });
    expect(press('=')).toEqual({ type: 'zoom', dir: 1 });
    expect(press('-')).toEqual({ type: 'zoom', dir: -1 });
    expect(press('?')).toEqual({ type: 'help' });
    expect(press('Escape')).toEqual({ type: 'escape' });
  });

  it('leaves other keys and browser/OS chords alone', () => {
    expect(press('a')).toBeNull();
    expect(press('Enter')).toBeNull();
    expect(press('ArrowDown')).toBeNull();
    expect(press('+', { ctrlKey: true })).toBeNull();
    expect(press('l', { metaKey: true })).toBeNull();
    expect(press('ArrowLeft', { altKey: true })).toBeNull();
  });
});

/** Mounts the page-wide shortcut handler around a few focusable elements. */
function KeyHarness({ onAction }: { onAction: (a: PlayerAction) => boolean }) {
  usePlayerKeys(onAction);
  return (
    <div>
      <input data-testid="text" />
      <input data-testid="range" type="range" />
      <select data-testid="select">
        <option>1</option>
      </select>
      <button data-testid="button">b</button>
      <div role="alertdialog">
        <button data-testid="dialog-button">ok</button>
      </div>
    </div>
  );
}

describe('usePlayerKeys', () => {
  it('acts on keys pressed on the page or a button, and not in text fields, selects or other dialogs', () => {
    const actions: string[] = [];
    render(<KeyHarness onAction={(a) => (actions.push(a.type), true)} />);
    fireEvent.keyDown(document.body, { key: ' ' });
    fireEvent.keyDown(screen.getByTestId('button'), { key: ' ' });
    fireEvent.keyDown(screen.getByTestId('text'), { key: ' ' });
    fireEvent.keyDown(screen.getByTestId('select'), { key: 'ArrowRight' });
    fireEvent.keyDown(screen.getByTestId('dialog-button'), { key: ' ' });
    // A slider keeps its arrows but not Space.
    fireEvent.keyDown(screen.getByTestId('range'), { key: 'ArrowLeft' });
    fireEvent.keyDown(screen.getByTestId('range'), { key: ' ' });
    expect(actions).toEqual(['toggle', 'toggle', 'toggle']);
  });

  it('prevents the default only for keys it used', () => {
    render(<KeyHarness onAction={(a) => a.type !== 'escape'} />);
    const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    const esc = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    document.body.dispatchEvent(space);
    document.body.dispatchEvent(esc);
    expect(space.defaultPrevented).toBe(true);
    expect(esc.defaultPrevented).toBe(false);
  });

  it('leaves Space to a control focused with the keyboard, but not to one last clicked with the mouse', () => {
    const button = document.createElement('button');
    const row = document.createElement('div');
    row.setAttribute('role', 'row');
    const keyboard = (el: HTMLElement) => Object.assign(el, { matches: (sel: string) => sel === ':focus-visible' });
    expect(belongsToFocus(keyboard(button), ' ')).toBe(true);
    expect(belongsToFocus(keyboard(row), ' ')).toBe(true);
    expect(belongsToFocus(document.createElement('button'), ' ')).toBe(false);
    // Other keys stay the player's on a focused button.
    expect(belongsToFocus(keyboard(document.createElement('button')), 'ArrowLeft')).toBe(false);
  });

  it('does not treat the shortcuts list as a foreign dialog', () => {
    const el = document.createElement('button');
    const box = document.createElement('div');
    box.setAttribute('role', 'dialog');
    box.setAttribute('data-shortcuts', '');
    box.appendChild(el);
    document.body.appendChild(box);
    expect(belongsToFocus(el, ' ')).toBe(false);
    box.removeAttribute('data-shortcuts');
    expect(belongsToFocus(el, ' ')).toBe(true);
    box.remove();
  });
});

const transcript: TranscriptInfo = {
  id: 1,
  version: 1,
  params: {},
  source: 'recorder',
  engine: null,
  model: null,
  createdAt: '2026-03-02T09:15:04.120Z',
  active: true,
  segments: [
    { id: 1, speaker: 'caller', channel: 0, start: 0.3, end: 4.0, text: 'Refund please.', confidence: null },
    { id: 2, speaker: 'bot', channel: 1, start: 4.8, end: 7.8, text: 'Sorry, I cannot.', confidence: null },
    { id: 3, speaker: 'caller', channel: 0, start: 7.4, end: 8.8, text: 'Get me a person.', confidence: null },
  ],
};

/** Exposes the provider's store to the test. */
function StoreProbe({ onStore }: { onStore: (s: ReturnType<typeof usePlaybackStore>) => void }) {
  onStore(usePlaybackStore());
  return null;
}

describe('Transcript following playback', () => {
  it('marks the line being played, and seeks and plays from a clicked line', () => {
    // jsdom has no layout; following the active line must not fail for want of it.
    Element.prototype.scrollIntoView = vi.fn();
    let store: ReturnType<typeof usePlaybackStore> | null = null;
    render(
      <PlaybackProvider>
        <StoreProbe onStore={(s) => (store = s)} />
        <Transcript transcript={transcript} versions={1} />
      </PlaybackProvider>,
    );
    const lines = () => screen.getAllByTestId('transcript-line');
    const active = () => lines().map((l) => l.getAttribute('data-active'));
    // Before the player is ready nothing is active and lines do not seek.
    expect(active()).toEqual([null, null, null]);
    const seek = vi.fn();
    act(() => store!.setState({ ready: true, seek, time: 1 }));
    expect(active()).toEqual(['true', null, null]);
    act(() => store!.setState({ time: 5 }));
    expect(active()).toEqual([null, 'true', null]);
    expect(Element.prototype.scrollIntoView).toHaveBeenCalled();
    act(() => store!.setState({ time: 7.5 }));
    expect(active()).toEqual([null, null, 'true']);
    fireEvent.click(lines()[2]!);
    expect(seek).toHaveBeenCalledWith(7.4, true);
  });
});
