import { useEffect, useState, type RefObject } from 'react';
import WaveSurfer from 'wavesurfer.js';
import MinimapPlugin from 'wavesurfer.js/dist/plugins/minimap.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.js';
import type { Peaks } from '../../../shared/audio.js';
import { ChannelMixer } from './channel-mixer.js';
import { MINIMAP_AFTER_SEC, pickPeaksLevel, type Lane } from './player-logic.js';
import { drawPeaks } from './draw-peaks.js';
import { prefetchPeaks } from './use-peaks.js';
import { TimeRuler } from './time-ruler.js';

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
  /** Buckets per channel of the peaks drawn now; zooming in swaps in finer ones once (see withDetailedPeaks). */
  buckets: number;
  /** URL of the full peaks file (every level), fetched after the first draw for zooming in. */
  detailUrl: string;
}

/** What the waveform is made from and where it goes. */
export interface WaveSurferSetup {
  container: RefObject<HTMLDivElement | null>;
  minimap: RefObject<HTMLDivElement | null>;
  /** A hidden element the <audio> is placed in, so it is part of the page (and inspectable by tests). */
  mediaHost: RefObject<HTMLElement | null>;
  /** URL of the audio to play. */
  src: string;
  /** URL of the full peaks (the overview has only the coarse levels). */
  detailUrl: string;
  /** The decoded peaks; null while they load (nothing is created until they are there). */
  peaks: Peaks | null;
  lanes: readonly Lane[];
  laneHeight: number;
}

/** Lane colours as wavesurfer's per-channel options. */
export function laneOptions(lanes: readonly Lane[]): Array<{ waveColor: string; progressColor: string }> {
  return lanes.map((l) => ({ waveColor: l.waveColor, progressColor: l.color }));
}

/**
 * Sets lane colours when they differ from what is drawn: every setOptions redraws the whole
 * waveform (and the minimap), which on an hour-long call is most of the time to first draw.
 */
export function applyLaneColours(ws: WaveSurfer, lanes: readonly Lane[]): void {
  const next = laneOptions(lanes);
  if (JSON.stringify(ws.options.splitChannels) !== JSON.stringify(next)) ws.setOptions({ splitChannels: next });
}

/** Zooms when the level differs from the drawn one; zoom(x) redraws even when x is unchanged. */
export function applyZoom(ws: WaveSurfer, pxPerSec: number): void {
  if ((ws.options.minPxPerSec ?? 0) !== pxPerSec) ws.zoom(pxPerSec);
}

/** The minimap under long calls: a thin overview with the visible part shaded. */
const minimapOptions = (container: HTMLElement): Parameters<typeof MinimapPlugin.create>[0] => ({
  container,
  height: 28,
  waveColor: '#b8c2d0',
  progressColor: '#7d8a9c',
  overlayColor: 'rgba(36, 86, 199, 0.15)',
  cursorWidth: 1,
});

/**
 * Before zooming in: swaps the overview peaks for the finest level within the drawing budget, once.
 * A failed fetch leaves the overview in place (zooming still works, just coarser).
 */
export async function withDetailedPeaks(handle: WaveSurferHandle): Promise<void> {
  const state = await prefetchPeaks(handle.detailUrl);
  if (state.status !== 'ready' || handle.ws.options.peaks === undefined) return;
  const level = pickPeaksLevel(state.peaks);
  if (level === null || level.buckets <= handle.buckets || level.channels.length !== handle.channels) return;
  handle.buckets = level.buckets;
  handle.ws.setOptions({ peaks: level.channels, duration: handle.duration });
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
  const { container, minimap, mediaHost, src, detailUrl, peaks, laneHeight } = setup;
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
      renderFunction: (channels, ctx) => drawPeaks(channels[0] ?? [], ctx),
      plugins: [regions],
    });
    const handle: WaveSurferHandle = { ws, regions, media: audio, mixer, channels: level.channels.length, duration: peaks.durationSec, buckets: level.buckets, detailUrl };
    // The ruler and the minimap (a second full render) come after the first draw: the reviewer sees
    // the waveform first, and they follow a frame later.
    let ruler: TimeRuler | null = null;
    let decorate = 0;
    const miniHost = minimap.current;
    // Marks the moment the waveform is on its canvases (wavesurfer's own signal), for tests and the benchmark.
    const offDrawn = ws.once('redrawcomplete', () => host.setAttribute('data-drawn', 'true'));
    const offReady = ws.on('ready', () => {
      setState({ key, handle, error: null });
      decorate = window.setTimeout(() => {
        ruler = new TimeRuler(ws);
        // Fetched now so the first zoom-in finds them; drawing still uses the overview until then.
        void prefetchPeaks(detailUrl);
        if (peaks.durationSec > MINIMAP_AFTER_SEC && miniHost !== null) ws.registerPlugin(MinimapPlugin.create(minimapOptions(miniHost)));
      }, 0);
    });
    const offError = ws.on('error', (err) => setState((s) => ({ key, handle: s?.key === key ? s.handle : null, error: err.message })));
    const onMediaError = (): void => setState((s) => ({ key, handle: s?.key === key ? s.handle : null, error: mediaError(audio) }));
    audio.addEventListener('error', onMediaError);
    return () => {
      offDrawn();
      offReady();
      offError();
      host.removeAttribute('data-drawn');
      window.clearTimeout(decorate);
      ruler?.destroy();
      audio.removeEventListener('error', onMediaError);
      ws.destroy();
      mixer.close();
      // WaveSurfer leaves an element it was given alone: stop it and drop its connection.
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
      audio.remove();
    };
  }, [container, minimap, mediaHost, src, detailUrl, peaks, laneHeight, initialLanes]);

  // A handle or error of earlier peaks never shows for new ones.
  const current = state !== null && state.key === peaks ? state : null;
  return { handle: current?.handle ?? null, error: current?.error ?? null };
}
