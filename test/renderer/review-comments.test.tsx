// @vitest-environment jsdom
/**
 * Comments over a real library: added at the playhead or on the loop region from the player's
 * form, edited with their history kept, deleted (gone from the list and the waveform, kept in the
 * history); the waveform marks live comments with labels that seek when clicked.
 */
import { useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiClient } from '../../renderer/api/client.js';
import { CommentsPanel } from '../../renderer/src/components/CommentsPanel.js';
import { CommentComposer } from '../../renderer/src/player/CommentComposer.js';
import { PlaybackProvider, usePlaybackStore } from '../../renderer/src/player/playback-context.js';
import { belongsToFocus, keyAction, SHORTCUTS } from '../../renderer/src/player/shortcuts.js';
import { useCommentMarkers } from '../../renderer/src/player/use-comment-markers.js';
import type { WaveSurferHandle } from '../../renderer/src/player/use-wave-surfer.js';
import { liveComments } from '../../renderer/src/review-logic.js';
import { createAppStore } from '../../renderer/src/store.js';
import { StoreProvider, useApp } from '../../renderer/src/store-context.js';
import type { Comment } from '../../shared/review.js';
import { coreBridge, type CoreBridge } from './review-bridge.js';

const A1 = 'sess-a1b2c3_20260302_091504';
let cb: CoreBridge | null = null;

afterEach(() => {
  cleanup();
  cb?.close();
  cb = null;
});

/** A stand-in for wavesurfer's regions plugin: each region is a div in a container, as the plugin makes them. */
function fakeHandle(): { handle: WaveSurferHandle; container: HTMLElement } {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const regions = {
    addRegion: (opts: { id: string; start: number; end?: number; color: string }) => {
      const element = document.createElement('div');
      element.id = opts.id;
      element.style.borderLeft = opts.end === undefined ? `2px solid ${opts.color}` : 'none';
      container.appendChild(element);
      return { id: opts.id, start: opts.start, end: opts.end ?? opts.start, element, remove: () => element.remove() };
    },
  };
  return { handle: { regions } as unknown as WaveSurferHandle, container };
}

/** The player's pieces around the store: markers for the store's comments, the form, the list, and a ready playback store. */
function Harness({ handle, callId, at, region, seek }: { handle: WaveSurferHandle; callId: number; at: number; region: { start: number; end: number } | null; seek: (t: number, play: boolean) => void }) {
  const stored = useApp((s) => s.comments);
  const focus = useApp((s) => s.focusComment);
  const playback = usePlaybackStore();
  useEffect(() => playback.setState({ ready: true, seek }), [playback, seek]);
  useCommentMarkers(handle, liveComments(stored), (c: Comment) => {
    seek(c.start, false);
    focus(c.id);
  });
  return (
    <>
      <CommentComposer key={`${at}:${region?.start ?? ''}`} callId={callId} at={at} region={region} onClose={() => {}} />
      <CommentsPanel callId={callId} />
    </>
  );
}

describe('comments', () => {
  it('adds at the playhead and on the loop region, edits with history, deletes into the history; the waveform follows', async () => {
    cb = await coreBridge([A1]);
    const callId = cb.ids[A1]!;
    const store = createAppStore(new ApiClient(cb.bridge));
    await store.getState().loadComments(callId);
    const { handle, container } = fakeHandle();
    const seek = vi.fn();
    const ui = (at: number, region: { start: number; end: number } | null) => (
      <StoreProvider store={store}>
        <PlaybackProvider>
          <Harness handle={handle} callId={callId} at={at} region={region} seek={seek} />
        </PlaybackProvider>
      </StoreProvider>
    );
    const { rerender } = render(ui(7.25, null));
    expect(screen.getByTestId('comments-empty')).toBeTruthy();

    // At the playhead: Enter adds.
    expect(screen.getByTestId('comment-composer-place').textContent).toBe('0:07.3');
    fireEvent.change(screen.getByTestId('comment-composer-text'), { target: { value: 'Bot talks over the caller' } });
    fireEvent.keyDown(screen.getByTestId('comment-composer-text'), { key: 'Enter' });
    await waitFor(() => expect(screen.getAllByTestId('comment')).toHaveLength(1));
    expect(cb.bridge.inputsOf('comments:add')).toEqual([{ callId, start: 7.25, end: null, text: 'Bot talks over the caller' }]);

    // On the loop region (the default when one is marked), or at the playhead when unticked.
    rerender(ui(2, { start: 0.5, end: 3.75 }));
    expect(screen.getByTestId('comment-composer-place').textContent).toBe('0:00.5–0:03.8');
    fireEvent.click(screen.getByTestId('comment-on-region'));
    expect(screen.getByTestId('comment-composer-place').textContent).toBe('0:02.0');
    fireEvent.click(screen.getByTestId('comment-on-region'));
    fireEvent.change(screen.getByTestId('comment-composer-text'), { target: { value: 'Greeting   and\nrefund request' } });
    fireEvent.click(screen.getByTestId('comment-add'));
    await waitFor(() => expect(screen.getAllByTestId('comment')).toHaveLength(2));
    expect(cb.bridge.inputsOf('comments:add').at(-1)).toEqual({ callId, start: 0.5, end: 3.75, text: 'Greeting   and\nrefund request' });
    const items = () => screen.getAllByTestId('comment');
    expect(items().map((c) => within(c).getByTestId('comment-seek').textContent)).toEqual(['0:00.5–0:03.8', '0:07.3']);

    // The waveform: a labelled teal line at 7.25 s, a tinted region 0.5–3.75 s; a label click seeks and shows the comment.
    const labels = () => [...container.querySelectorAll<HTMLElement>('[data-testid="comment-marker"]')];
    expect(labels().map((l) => [l.textContent, l.dataset['start']])).toEqual([
      ['Greeting and refund request', '0.5'],
      ['Bot talks over the caller', '7.25'],
    ]);
    const point = labels()[1]!;
    fireEvent.click(point);
    expect(seek).toHaveBeenLastCalledWith(7.25, false);
    await waitFor(() => expect(document.activeElement).toBe(items()[1]));
    expect(items()[1]!.className).toContain('is-focused');

    // A list entry's time seeks too.
    fireEvent.click(within(items()[0]!).getByTestId('comment-seek'));
    expect(seek).toHaveBeenLastCalledWith(0.5, false);

    // Edit: the text changes, the earlier one stays in the history.
    fireEvent.click(within(items()[1]!).getByTestId('comment-edit'));
    fireEvent.change(within(items()[1]!).getByTestId('comment-edit-text'), { target: { value: 'Bot talks over the caller twice' } });
    fireEvent.click(within(items()[1]!).getByTestId('comment-save'));
    await waitFor(() => expect(within(items()[1]!).getByTestId('comment-text').textContent).toBe('Bot talks over the caller twice'));
    expect(items()[1]!.textContent).toContain('edited');
    fireEvent.click(within(items()[1]!).getByTestId('comment-history-toggle'));
    expect(within(items()[1]!).getByTestId('comment-history').textContent).toMatch(/written Bot talks over the caller.*edited Bot talks over the caller twice/);
    await waitFor(() => expect(labels()[1]!.textContent).toBe('Bot talks over the caller t…'));

    // Delete: gone from the list and the waveform; shown on demand, struck through, with its history.
    fireEvent.click(within(items()[0]!).getByTestId('comment-delete'));
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(labels().map((l) => l.dataset['start'])).toEqual(['7.25']);
    expect(container.querySelectorAll('[id^="comment-"]')).toHaveLength(1);
    const showDeleted = screen.getByTestId('comments-show-deleted');
    expect(showDeleted.textContent).toBe('Show deleted (1)');
    fireEvent.click(showDeleted);
    const gone = items().find((c) => c.dataset['deleted'] === 'true')!;
    expect(within(gone).queryByTestId('comment-edit')).toBeNull();
    fireEvent.click(within(gone).getByTestId('comment-history-toggle'));
    expect(within(gone).getByTestId('comment-history').textContent).toMatch(/written Greeting {3}and\nrefund request.*deleted/s);
    // The core kept it, marked deleted.
    const kept = cb.core.repos.comments.list(callId, true);
    expect(kept.map((c) => [c.start, c.deletedAt !== null])).toEqual([
      [0.5, true],
      [7.25, false],
    ]);
  });
});

describe('the comment shortcut', () => {
  it('is C, listed in the ? overlay, and leaves the other keys as they were', () => {
    const press = (key: string) => keyAction({ key, ctrlKey: false, metaKey: false, altKey: false });
    expect(press('c')).toEqual({ type: 'comment' });
    expect(press('C')).toEqual({ type: 'comment' });
    expect(keyAction({ key: 'c', ctrlKey: true, metaKey: false, altKey: false })).toBeNull();
    expect(press('k')).toEqual({ type: 'pause' });
    expect(press('?')).toEqual({ type: 'help' });
    expect(SHORTCUTS.find((s) => s.keys.includes('C'))?.what).toContain('Comment at the playhead');
  });

  it('leaves the arrow keys to a focused scorecard answer (radio buttons), Space and C to the player', () => {
    const radio = document.createElement('input');
    radio.type = 'radio';
    expect(belongsToFocus(radio, 'ArrowRight')).toBe(true);
    expect(belongsToFocus(radio, ' ')).toBe(false);
    expect(belongsToFocus(radio, 'c')).toBe(false);
    const text = document.createElement('textarea');
    expect(belongsToFocus(text, 'c')).toBe(true);
  });
});
