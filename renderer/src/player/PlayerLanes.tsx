import type { Lane } from './player-logic.js';

/** What the lane headers show and do. */
export interface PlayerLanesProps {
  lanes: readonly Lane[];
  gains: readonly number[];
  muted: readonly boolean[];
  solo: number | null;
  laneHeight: number;
  onMute: (channel: number) => void;
  onSolo: (channel: number) => void;
}

/** The header of each waveform lane: who speaks on it, and mute/solo when there is more than one. */
export function PlayerLanes({ lanes, gains, muted, solo, laneHeight, onMute, onSolo }: PlayerLanesProps) {
  const several = lanes.length > 1;
  return (
    <div className="player-lanes" role="group" aria-label="Channels">
      {lanes.map((lane, i) => (
        <div
          key={i}
          className={`player-lane${gains[i] === 0 ? ' is-silent' : ''}`}
          data-testid="player-lane"
          data-role={lane.role}
          data-gain={gains[i] ?? 1}
          style={{ height: laneHeight, borderLeftColor: lane.color }}
        >
          <span className="lane-name" style={{ color: lane.color }}>
            {lane.label}
          </span>
          {several && (
            <span className="lane-buttons">
              <button
                type="button"
                className={`lane-btn${muted[i] === true ? ' is-on' : ''}`}
                aria-pressed={muted[i] === true}
                aria-label={`Mute ${lane.label} (channel ${i + 1})`}
                title={`Mute ${lane.label}`}
                data-testid={`mute-${i}`}
                onClick={() => onMute(i)}
              >
                M
              </button>
              <button
                type="button"
                className={`lane-btn lane-solo${solo === i ? ' is-on' : ''}`}
                aria-pressed={solo === i}
                aria-label={`Solo ${lane.label} (channel ${i + 1})`}
                title={`Hear only ${lane.label}`}
                data-testid={`solo-${i}`}
                onClick={() => onSolo(i)}
              >
                S
              </button>
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
