import { useEffect } from 'react';
import { IDLE, usePlaybackStore } from './playback-context.js';
import type { WaveSurferHandle } from './use-wave-surfer.js';

/** Starts playback: the mixer's graph is built here, inside the click or key press that asked to play (where routing is safe). */
export function startPlayback(handle: WaveSurferHandle): void {
  handle.mixer.ensure();
  handle.ws.play().catch((err: unknown) => {
    // A pause or a new source interrupting play() is not a failure.
    if (!(err instanceof DOMException && err.name === 'AbortError')) console.warn('playback did not start', err);
  });
}

/** Mirrors a ready waveform's position and play state into the playback store, and lets the transcript seek through it. */
export function usePlaybackSync(handle: WaveSurferHandle | null): void {
  const store = usePlaybackStore();
  useEffect(() => {
    if (handle === null) return;
    const { ws } = handle;
    const seek = (time: number, play: boolean): void => {
      ws.setTime(Math.max(0, Math.min(handle.duration, time)));
      if (play && !ws.isPlaying()) startPlayback(handle);
    };
    store.setState({ ready: true, seek, time: ws.getCurrentTime(), playing: ws.isPlaying() });
    const offs = [
      ws.on('timeupdate', (time) => store.setState({ time })),
      ws.on('play', () => store.setState({ playing: true })),
      ws.on('pause', () => store.setState({ playing: false })),
      ws.on('finish', () => store.setState({ playing: false })),
    ];
    return () => {
      offs.forEach((off) => off());
      store.setState({ ...IDLE });
    };
  }, [handle, store]);
}
