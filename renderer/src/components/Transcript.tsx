import type { TranscriptInfo } from '../../../shared/types.js';
import { formatTimestamp, speakerLabel } from '../../../shared/format.js';

/** The speaker-labelled transcript; caller lines and agent/bot lines are styled apart. */
export function Transcript({ transcript, versions }: { transcript: TranscriptInfo | null; versions: number }) {
  if (transcript === null) {
    return (
      <section className="detail-section transcript" aria-labelledby="transcript-title">
        <h3 id="transcript-title">Transcript</h3>
        <p className="muted">This call has no transcript.</p>
      </section>
    );
  }
  // Source and engine are often the same word ("recorder"); say it once.
  const origin = [...new Set([transcript.source, transcript.engine, transcript.model])].filter((x) => x !== null).join(' · ');
  return (
    <section className="detail-section transcript" aria-labelledby="transcript-title">
      <h3 id="transcript-title">
        Transcript <span className="muted small">({origin}{versions > 1 ? `, ${versions} versions` : ''})</span>
      </h3>
      {transcript.segments.length === 0 ? (
        <p className="muted">The transcript is empty.</p>
      ) : (
        <ol className="transcript-lines">
          {transcript.segments.map((seg) => (
            <li
              key={seg.id}
              className={`transcript-line speaker-${seg.speaker}`}
              data-testid="transcript-line"
              data-speaker={seg.speaker}
            >
              <span className="line-time">{formatTimestamp(seg.start)}</span>
              <span className="line-speaker">{speakerLabel(seg.speaker)}</span>
              <span className="line-text">{seg.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
