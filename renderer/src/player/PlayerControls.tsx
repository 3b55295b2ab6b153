import { formatClock, SPEEDS } from './player-logic.js';
import { usePlayback } from './playback-context.js';
import type { LoopSpan } from './use-waveform-regions.js';

/** Current position and total length; re-renders only when the shown tenth of a second changes. */
function TimeReadout({ duration }: { duration: number }) {
  const current = usePlayback((s) => formatClock(s.time));
  return (
    <span className="player-time" aria-label="Position">
      <span data-testid="time-current">{current}</span>
      <span className="muted"> / </span>
      <span data-testid="time-total">{formatClock(duration)}</span>
    </span>
  );
}

/** Everything the transport bar shows and does. */
export interface PlayerControlsProps {
  ready: boolean;
  duration: number;
  onToggle: () => void;
  onSkip: (seconds: number) => void;
  speed: number;
  onSpeed: (rate: number) => void;
  volume: number;
  onVolume: (volume: number) => void;
  zoomLabel: string;
  onZoom: (dir: 1 | -1) => void;
  loop: { span: LoopSpan | null; enabled: boolean; setEnabled: (on: boolean) => void; clear: () => void };
  onHelp: () => void;
  /** Opens the comment form at the playhead (or on the loop region). */
  onComment?: () => void;
}

/** The transport bar: play/pause, skips, time, speed, volume, zoom, loop and the shortcuts list. */
export function PlayerControls(p: PlayerControlsProps) {
  const playing = usePlayback((s) => s.playing);
  const { loop } = p;
  return (
    <div className="player-controls">
      <button type="button" className="btn btn-small" onClick={() => p.onSkip(-5)} disabled={!p.ready} aria-label="Back 5 seconds" title="Back 5 s (←)">
        −5 s
      </button>
      <button
        type="button"
        className="btn btn-primary player-play"
        data-testid="play-button"
        onClick={p.onToggle}
        disabled={!p.ready}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <button type="button" className="btn btn-small" onClick={() => p.onSkip(5)} disabled={!p.ready} aria-label="Forward 5 seconds" title="Forward 5 s (→)">
        +5 s
      </button>
      <TimeReadout duration={p.duration} />
      <label className="player-field" title="Speed ([ and ])">
        <span className="muted">Speed</span>
        <select className="player-select" data-testid="speed-select" value={p.speed} onChange={(e) => p.onSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <label className="player-field" title="Volume">
        <span className="muted">Vol</span>
        <input
          type="range"
          className="player-volume"
          data-testid="volume-slider"
          min={0}
          max={1}
          step={0.05}
          value={p.volume}
          onChange={(e) => p.onVolume(Number(e.target.value))}
          aria-label="Volume"
        />
      </label>
      <span className="player-group" role="group" aria-label="Zoom">
        <button type="button" className="btn btn-small" onClick={() => p.onZoom(-1)} disabled={!p.ready} aria-label="Zoom out" title="Zoom out (−)" data-testid="zoom-out">
          −
        </button>
        <span className="player-zoom muted" data-testid="zoom-level">
          {p.zoomLabel}
        </span>
        <button type="button" className="btn btn-small" onClick={() => p.onZoom(1)} disabled={!p.ready} aria-label="Zoom in" title="Zoom in (+)" data-testid="zoom-in">
          +
        </button>
      </span>
      <span className="player-group" role="group" aria-label="Loop">
        <button
          type="button"
          className={`btn btn-small${loop.enabled ? ' is-on' : ''}`}
          aria-pressed={loop.enabled}
          disabled={loop.span === null}
          onClick={() => loop.setEnabled(!loop.enabled)}
          data-testid="loop-toggle"
          title={loop.span === null ? 'Drag on the waveform to mark a stretch to loop' : `Loop ${formatClock(loop.span.start)}–${formatClock(loop.span.end)}`}
        >
          Loop
        </button>
        {loop.span !== null && (
          <button type="button" className="btn btn-small btn-ghost" onClick={loop.clear} data-testid="loop-clear">
            Clear
          </button>
        )}
      </span>
      {p.onComment !== undefined && (
        <button
          type="button"
          className="btn btn-small player-comment"
          data-testid="comment-button"
          onClick={p.onComment}
          disabled={!p.ready}
          title={loop.span === null ? 'Comment at the playhead (C)' : 'Comment on the loop region or at the playhead (C)'}
        >
          Comment
        </button>
      )}
      <button type="button" className="btn btn-small btn-ghost player-help" onClick={p.onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
    </div>
  );
}
