import { useEffect, useState, type RefObject } from 'react';
import WaveSurfer, { type WaveSurferOptions } from 'wavesurfer.js';
import MinimapPlugin from 'wavesurfer.js/dist/plugins/minimap.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.js';
import type { Peaks } from '../../../shared/audio.js';
import { ChannelMixer } from './channel-mixer.js';
import { MINIMAP_AFTER_SEC, pickPeaksLevel, type Lane } from './player-logic.js';

/** The regions plugin as registered on an instance. */
export type Regions = ReturnType<typeof RegionsPlugin.create>;

/** A ready waveform: the instance, its plugins, the element that plays and the mixer in front of it. */
export interface WaveSurferHandle {
  ws: WaveSurfer;
  regions: Regions;
  media: HTMLAudioElement;
  mixer: ChannelMixer;
  channels: number;
  duration: number;
}

/** What the waveform is made from and where it goes. */
export interface WaveSurferSetup {
  container: RefObject<HTMLDivElement | null>;
  minimap: RefObject<HTMLDivElement | null>;
  /** A hidden element the <audio> is placed in, so it is part of the page (and inspectable by tests). */
  mediaHost: RefObject<HTMLElement | null>;
  /** URL of the audio to play. */
  src: string;
  /** The decoded peaks; null while they load (nothing is created until they are there). */
  peaks: Peaks | null;
  lanes: readonly Lane[];
  laneHeight: number;
}

/** Lane colours as wavesurfer's per-channel options. */
export function laneOptions(lanes: readonly Lane[]): Array<{ waveColor: string; progressColor: string }> {
  return lanes.map((l) => ({ waveColor: l.waveColor, progressColor: l.color }));
}

/** Describes a media element's failure for the reviewer. */
function mediaError(audio: HTMLAudioElement): string {
  const code = audio.error?.code;
  const why = code === 2 ? 'a network error' : code === 3 ? 'a decoding error' : code === 4 ? 'the file could not be opened' : 'an unknown error';
  return `The audio could not be played (${why}).`;
}

/**
 * Owns one WaveSurfer instance: created once the peaks are there, destroyed on unmount or when the
 * audio changes. WaveSurfer never fetches or decodes audio: it draws the given peaks and plays through
 * our own <audio> element, which streams the file with Range requests.
 */
export function useWaveSurfer(setup: WaveSurferSetup): { handle: WaveSurferHandle | null; error: string | null } {
  const { container, minimap, mediaHost, src, peaks, laneHeight } = setup;
  const [state, setState] = useState<{ key: object; handle: WaveSurferHandle | null; error: string | null } | null>(null);
  // Lane colours are applied live (see below); creation only needs their first value.
  const [initialLanes] = useState(setup.lanes);

  useEffect(() => {
    const host = container.current;
    if (peaks === null || host === null) return;
    const level = pickPeaksLevel(peaks);
    if (level === null) return;
    const key = peaks;
    const audio = document.createElement('audio');
    audio.preload = 'metadata';
    // Under Electron the audio is callaudio:// and the page file://: a CORS-mode request lets Web Audio
    // (mute/solo) hear it; the protocol answers with Access-Control-Allow-Origin.
    if (window.api !== undefined) audio.crossOrigin = 'anonymous';
    audio.preservesPitch = true;
    audio.src = src;
    mediaHost.current?.appendChild(audio);
    const mixer = new ChannelMixer(audio, level.channels.length);
    const regions = RegionsPlugin.create();
    const plugins: NonNullable<WaveSurferOptions['plugins']> = [regions, TimelinePlugin.create({ height: 16, style: { color: '#5f6b7a', fontSize: '10px' } })];
    const miniHost = minimap.current;
    if (peaks.durationSec > MINIMAP_AFTER_SEC && miniHost !== null) {
      plugins.push(MinimapPlugin.create({ container: miniHost, height: 28, waveColor: '#b8c2d0', progressColor: '#7d8a9c', overlayColor: 'rgba(36, 86, 199, 0.15)', cursorWidth: 1 }));
    }
    const ws = WaveSurfer.create({
      container: host,
      height: laneHeight,
      splitChannels: laneOptions(initialLanes),
      media: audio,
      peaks: level.channels,
      duration: peaks.durationSec,
      cursorColor: '#1d2330',
      cursorWidth: 2,
      minPxPerSec: 0,
      autoScroll: true,
      autoCenter: true,
      dragToSeek: false,
      plugins,
    });
    const handle: WaveSurferHandle = { ws, regions, media: audio, mixer, channels: level.channels.length, duration: peaks.durationSec };
    const offReady = ws.on('ready', () => setState({ key, handle, error: null }));
    const offError = ws.on('error', (err) => setState((s) => ({ key, handle: s?.key === key ? s.handle : null, error: err.message })));
    const onMediaError = (): void => setState((s) => ({ key, handle: s?.key === key ? s.handle : null, error: mediaError(audio) }));
    audio.addEventListener('error', onMediaError);
    return () => {
      offReady();
      offError();
      audio.removeEventListener('error', onMediaError);
      ws.destroy();
      mixer.close();
      // WaveSurfer leaves an element it was given alone: stop it and drop its connection.
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
      audio.remove();
    };
  }, [container, minimap, mediaHost, src, peaks, laneHeight, initialLanes]);

  // A handle or error of earlier peaks never shows for new ones.
  const current = state !== null && state.key === peaks ? state : null;
  return { handle: current?.handle ?? null, error: current?.error ?? null };
}
