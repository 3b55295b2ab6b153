import type { CallSummary } from '../../../shared/types.js';
import './tags.css';

/** Small badges that say what a call has or lacks (transcript, audio, warnings), then its tags. */
export function StatusBadges({ call }: { call: CallSummary }) {
  const n = call.warnings.length;
  return (
    <span className="badges">
      {call.hasTranscript && <span className="badge badge-ok">transcript</span>}
      {!call.hasAudio && <span className="badge badge-muted">no audio</span>}
      {call.hasAudio && call.audioMissing && <span className="badge badge-bad">audio missing</span>}
      {n > 0 && (
        <span className="badge badge-warn" title={call.warnings.join('\n')}>
          {n} warning{n === 1 ? '' : 's'}
        </span>
      )}
      {call.tags.map((t) => (
        <span key={t} className="badge badge-tag" data-testid="row-tag" title={`Tag: ${t}`}>
          {t}
        </span>
      ))}
    </span>
  );
}
