import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';

/** Where playback of the open call is, shared by the player (which writes it) and the transcript (which follows it). */
export interface PlaybackState {
  /** Current position in seconds. */
  time: number;
  playing: boolean;
  /** True once the player can seek; until then the transcript does not offer it. */
  ready: boolean;
  /** Jumps to a time, optionally starting playback; a no-op until the player registers itself. */
  seek: (time: number, play: boolean) => void;
}

/** The state of a call with no player (no audio, or not loaded yet). */
export const IDLE: Pick<PlaybackState, 'time' | 'playing' | 'ready' | 'seek'> = { time: 0, playing: false, ready: false, seek: () => {} };

/** Creates the playback store of one open call. */
export function createPlaybackStore(): StoreApi<PlaybackState> {
  return createStore<PlaybackState>()(() => ({ ...IDLE }));
}

const PlaybackContext = createContext<StoreApi<PlaybackState> | null>(null);
// Components rendered without a provider (tests, or a call without audio) read this inert store.
const fallback = createPlaybackStore();

/** Gives the open call's player and transcript one playback store. */
export function PlaybackProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createPlaybackStore);
  return <PlaybackContext.Provider value={store}>{children}</PlaybackContext.Provider>;
}

/** The playback store itself, for writers and effects. */
export function usePlaybackStore(): StoreApi<PlaybackState> {
  return useContext(PlaybackContext) ?? fallback;
}

/** Reads a slice of playback; select derived values (the active line, the formatted time) so renders stay rare. */
export function usePlayback<T>(selector: (state: PlaybackState) => T): T {
  return useStore(usePlaybackStore(), selector);
}
