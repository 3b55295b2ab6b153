import { useCallback } from 'react';
import { usePlaybackStore } from './player/playback-context.js';
import type { EntryAction } from './review-logic.js';
import { useAppStore } from './store-context.js';

/** Brings the player into view with its play button focused, so Space plays from where the entry put it. */
function focusPlayer(): void {
  const button = document.querySelector<HTMLElement>('[data-testid="play-button"]');
  button?.scrollIntoView?.({ block: 'nearest' });
  button?.focus();
}

/**
 * What opening a timeline entry does: seek the open call's player (without playing: the reviewer
 * chose a place, not to listen yet), switch tabs, bring a comment into view, open a scorecard, or
 * open another call (the contact's timeline).
 */
export function useOpenEntry(): (action: EntryAction) => void {
  const app = useAppStore();
  const playback = usePlaybackStore();
  return useCallback(
    (action: EntryAction) => {
      const s = app.getState();
      const seek = (time: number | null): void => {
        if (time !== null) playback.getState().seek(time, false);
      };
      switch (action.kind) {
        case 'seek':
          seek(action.time);
          return;
        case 'segment':
          s.setDetailTab('transcript');
          seek(action.time);
          return;
        case 'comment':
          seek(action.time);
          s.focusComment(action.id);
          return;
        case 'score':
          s.setDetailTab('scorecard');
          void s.openScore(action.id);
          return;
        case 'analysis':
          s.setDetailTab('analysis');
          return;
        case 'transcript':
          s.setDetailTab('transcript');
          // The version it names, unless it is the active one (viewVersion clears the choice then).
          if (action.id !== null && s.versions.some((v) => v.id === action.id)) void s.viewVersion(action.id);
          return;
        case 'player':
          seek(action.time);
          focusPlayer();
          return;
        case 'open-call':
          s.closeContact();
          void s.open(action.callId);
          return;
      }
    },
    [app, playback],
  );
}
