import type { CallDetail } from '../../../shared/types.js';

/** Shown instead of the player when the call has no playable recording, with the reason. */
export function AudioUnavailable({ call }: { call: CallDetail }) {
  const missing = call.audio.filter((a) => a.missing);
  const reason =
    call.audio.length === 0
      ? 'This call has no recording.'
      : missing.length === call.audio.length
        ? `The recording ${missing.length === 1 ? 'file is' : 'files are'} missing from disk (${missing.map((a) => a.fileName).join(', ')}).`
        : 'None of the recordings of this call can be played here.';
  return (
    <section className="player player-unavailable" data-testid="player-unavailable" aria-label="Audio player">
      <strong>Audio not available</strong>
      <span className="muted">{reason}</span>
    </section>
  );
}

/** A placeholder in the shape of the lanes while the waveform loads. */
export function WaveSkeleton({ lanes, laneHeight }: { lanes: number; laneHeight: number }) {
  return (
    <div className="player-skeleton" data-testid="player-loading" role="status" aria-label="Loading waveform">
      {Array.from({ length: lanes }, (_, i) => (
        <div key={i} className="skeleton-lane" style={{ height: laneHeight - 8 }} />
      ))}
    </div>
  );
}
