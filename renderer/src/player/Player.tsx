import { useEffect, useMemo, useRef, useState } from 'react';
import type { AudioFileInfo, CallDetail, Segment } from '../../../shared/types.js';
import { useApp } from '../store-context.js';
import { liveComments } from '../review-logic.js';
import { CommentComposer } from './CommentComposer.js';
import { useCommentMarkers } from './use-comment-markers.js';
import { audioUrl, overviewUrl } from './audio-url.js';
import { usePlaybackStore } from './playback-context.js';
import { bestAudio, channelGains, isPairedSides, lanesFor, markersOf, stepSpeed, stepZoom } from './player-logic.js';
import { PlayerControls } from './PlayerControls.js';
import { PlayerLanes } from './PlayerLanes.js';
import { AudioUnavailable, WaveSkeleton } from './PlayerStates.js';
import type { PlayerAction } from './shortcuts.js';
import { ShortcutsOverlay } from './ShortcutsOverlay.js';
import { usePeaks } from './use-peaks.js';
import { startPlayback, usePlaybackSync } from './use-playback-sync.js';
import { usePlayerKeys } from './use-player-keys.js';
import { useLoopRegion, useSegmentRegions } from './use-waveform-regions.js';
import { applyLaneColours, applyZoom, useWaveSurfer, withDetailedPeaks } from './use-wave-surfer.js';
import { useWheelZoom } from './use-wheel-zoom.js';
import './player.css';

const NO_SEGMENTS: Segment[] = [];
/** Height of one channel's lane in CSS pixels; a single lane gets more room. */
const LANE_HEIGHT = 52;
const SINGLE_LANE_HEIGHT = 72;

/** The audio player of the open call, or why there is none. */
export function Player({ call }: { call: CallDetail }) {
  const file = bestAudio(call.audio);
  if (file === null) return <AudioUnavailable call={call} />;
  // A new call or a different file is a new player: one WaveSurfer, one <audio>, one mixer each.
  return <LoadedPlayer key={`${call.id}:${file.id}`} call={call} file={file} />;
}

/** The player of one audio file: waveform lanes, transport, mixer, loop and shortcuts. */
function LoadedPlayer({ call, file }: { call: CallDetail; file: AudioFileInfo }) {
  const peaksState = usePeaks(overviewUrl(call.id, 'best'));
  const peaks = peaksState.status === 'ready' ? peaksState.peaks : null;
  // A caller/agent pair plays as one derived stereo file: two lanes even before the peaks say so.
  const channels = peaks?.channels ?? (isPairedSides(call.audio) ? 2 : (file.channels ?? 1));
  const lanes = useMemo(() => lanesFor(channels, call.channelRoles, file), [channels, call.channelRoles, file]);
  const laneHeight = lanes.length > 1 ? LANE_HEIGHT : SINGLE_LANE_HEIGHT;
  const segments = call.transcript?.segments ?? NO_SEGMENTS;
  const markers = useMemo(() => markersOf(call.activities), [call.activities]);

  const container = useRef<HTMLDivElement>(null);
  const minimap = useRef<HTMLDivElement>(null);
  const mediaHost = useRef<HTMLSpanElement>(null);
  const { handle, error } = useWaveSurfer({ container, minimap, mediaHost, src: audioUrl(call.id, 'best'), detailUrl: audioUrl(call.id, 'best', true), peaks, lanes, laneHeight });
  const store = usePlaybackStore();

  const [muted, setMuted] = useState<boolean[]>([]);
  const [solo, setSolo] = useState<number | null>(null);
  const [volume, setVolume] = useState(1);
  const [speed, setSpeed] = useState(1);
  const [pxPerSec, setPxPerSec] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const [graphLive, setGraphLive] = useState(false);
  // The playhead when the comment form opened; null while it is closed.
  const [commentAt, setCommentAt] = useState<number | null>(null);
  const stored = useApp((s) => (s.commentsCallId === call.id ? s.comments : null));
  const comments = useMemo(() => liveComments(stored ?? []), [stored]);
  const focusComment = useApp((s) => s.focusComment);
  const gains = useMemo(() => channelGains(lanes.length, muted, solo), [lanes.length, muted, solo]);

  usePlaybackSync(handle);
  useSegmentRegions(handle, segments, markers, lanes);
  const loop = useLoopRegion(handle);
  useCommentMarkers(handle, comments, (c) => {
    store.getState().seek(c.start, false);
    focusComment(c.id);
  });
  const openComment = (): void => {
    // A second press while the form is open goes back to typing rather than starting over.
    if (commentAt !== null) document.getElementById('comment-composer-text')?.focus();
    else if (handle !== null) setCommentAt(handle.ws.getCurrentTime());
  };

  useEffect(() => {
    if (handle) applyLaneColours(handle.ws, lanes);
  }, [handle, lanes]);
  useEffect(() => handle?.mixer.setGains(gains), [handle, gains]);
  useEffect(() => handle?.mixer.setVolume(volume), [handle, volume]);
  useEffect(() => handle?.ws.setPlaybackRate(speed, true), [handle, speed]);
  useEffect(() => {
    if (handle === null) return;
    if (pxPerSec === 0) return applyZoom(handle.ws, 0);
    let live = true;
    // Zooming in draws from finer peaks than the overview the first draw used.
    void withDetailedPeaks(handle).then(() => live && applyZoom(handle.ws, pxPerSec));
    return () => {
      live = false;
    };
  }, [handle, pxPerSec]);
  // Play from anywhere (button, key, transcript line) may have built the graph.
  useEffect(() => handle?.ws.on('play', () => setGraphLive(handle.mixer.live)), [handle]);

  const toggle = (): void => {
    if (handle === null) return;
    if (handle.ws.isPlaying()) handle.ws.pause();
    else startPlayback(handle);
  };
  // Mute and solo need the Web Audio graph; build it now, inside the click, if play has not yet.
  const route = (): void => {
    handle?.mixer.ensure();
    setGraphLive(handle?.mixer.live ?? false);
  };
  const skip = (seconds: number): void => {
    if (handle !== null) store.getState().seek(handle.ws.getCurrentTime() + seconds, false);
  };
  const zoom = (dir: 1 | -1): void => {
    const width = container.current?.clientWidth ?? 0;
    if (handle === null || width === 0) return;
    const fit = width / handle.duration;
    setPxPerSec((current) => stepZoom(current, fit, dir));
  };
  useWheelZoom(container, zoom);

  usePlayerKeys((action: PlayerAction): boolean => {
    switch (action.type) {
      case 'toggle':
        toggle();
        return true;
      case 'pause':
        handle?.ws.pause();
        return true;
      case 'seekBy':
        skip(action.seconds);
        return true;
      case 'forward':
        if (handle === null) return true;
        if (handle.ws.isPlaying()) setSpeed((s) => stepSpeed(s, 1));
        else startPlayback(handle);
        return true;
      case 'back':
        if (handle !== null && handle.ws.isPlaying() && speed > 1) setSpeed((s) => stepSpeed(s, -1));
        else skip(-10);
        return true;
      case 'speed':
        setSpeed((s) => stepSpeed(s, action.dir));
        return true;
      case 'zoom':
        zoom(action.dir);
        return true;
      case 'help':
        setHelpOpen((open) => !open);
        return true;
      case 'comment':
        openComment();
        return true;
      case 'escape':
        if (!helpOpen) return false;
        setHelpOpen(false);
        return true;
    }
  });

  const message = peaksState.status === 'error' ? peaksState.message : error;
  return (
    <section
      className="player"
      data-testid="player"
      data-ready={handle !== null}
      data-graph={graphLive ? 'live' : 'idle'}
      aria-label="Audio player"
    >
      <div className="player-body">
        <PlayerLanes
          lanes={lanes}
          gains={gains}
          muted={muted}
          solo={solo}
          laneHeight={laneHeight}
          onMute={(i) => {
            route();
            setMuted((m) => lanes.map((_, j) => (j === i ? m[j] !== true : m[j] === true)));
          }}
          onSolo={(i) => {
            route();
            setSolo((s) => (s === i ? null : i));
          }}
        />
        <div className="player-wave-area">
          <div ref={container} className="player-wave" data-testid="waveform" />
          {peaksState.status === 'loading' && <WaveSkeleton lanes={lanes.length} laneHeight={laneHeight} />}
          {message !== null && (
            <p className="player-error" role="alert" data-testid="player-error">
              {message}
            </p>
          )}
          <div ref={minimap} className="player-minimap" />
        </div>
      </div>
      <PlayerControls
        ready={handle !== null}
        duration={peaks?.durationSec ?? file.durationSec ?? 0}
        onToggle={toggle}
        onSkip={skip}
        speed={speed}
        onSpeed={setSpeed}
        volume={volume}
        onVolume={setVolume}
        zoomLabel={pxPerSec === 0 ? 'Fit' : `${Math.round(pxPerSec)} px/s`}
        onZoom={zoom}
        loop={loop}
        onHelp={() => setHelpOpen((open) => !open)}
        onComment={openComment}
      />
      {commentAt !== null && <CommentComposer key={commentAt} callId={call.id} at={commentAt} region={loop.span} onClose={() => setCommentAt(null)} />}
      <span ref={mediaHost} className="player-media" hidden />
      {helpOpen && <ShortcutsOverlay onClose={() => setHelpOpen(false)} />}
    </section>
  );
}
