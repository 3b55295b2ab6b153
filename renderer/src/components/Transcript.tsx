import { useRef, type ReactNode } from 'react';
import type { TranscriptInfo } from '../../../shared/types.js';
import { formatTimestamp, speakerLabel } from '../../../shared/format.js';
import { usePlayback } from '../player/playback-context.js';
import { activeSegmentIndex } from '../player/player-logic.js';
import { useTranscriptFollow } from '../player/use-transcript-follow.js';
import { useSearchHitScroll, type TranscriptSearch } from '../use-search-highlight.js';
import { SnippetText } from './SnippetText.js';

/** What the transcript section shows: a version, how many the call has, and tools for its header (version picker). */
export interface TranscriptProps {
  transcript: TranscriptInfo | null;
  versions: number;
  toolbar?: ReactNode;
  /** The search hit gone to and the matched lines' marked terms. */
  search?: TranscriptSearch;
}

/** The speaker-labelled transcript; caller lines and agent/bot lines are styled apart, and the line being played is highlighted. */
export function Transcript({ transcript, versions, toolbar, search }: TranscriptProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const segments = transcript?.segments;
  const active = usePlayback((s) => (s.ready && segments !== undefined ? activeSegmentIndex(segments, s.time) : -1));
  const seek = usePlayback((s) => (s.ready ? s.seek : null));
  useTranscriptFollow(listRef, active);
  useSearchHitScroll(listRef, segments, search);

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
    <section className="detail-section transcript" aria-labelledby="transcript-title" data-version={transcript.version}>
      <div className="transcript-head">
        <h3 id="transcript-title">
          Transcript <span className="muted small">({origin}{versions > 1 ? `, ${versions} versions` : ''})</span>
        </h3>
        {toolbar}
      </div>
      {!transcript.active && (
        <p className="transcript-viewing" data-testid="transcript-viewing">
          You are reading version {transcript.version}, which is not the active one: search and export use the active version.
        </p>
      )}
      {transcript.segments.length === 0 ? (
        <p className="muted">The transcript is empty.</p>
      ) : (
        <ol className="transcript-lines" ref={listRef}>
          {transcript.segments.map((seg, i) => (
            <li
              key={seg.id}
              className={`transcript-line speaker-${seg.speaker}${seek !== null ? ' is-playable' : ''}`}
              data-testid="transcript-line"
              data-speaker={seg.speaker}
              data-search-hit={seg.id === search?.hitSegmentId ? 'true' : undefined}
              data-active={i === active ? 'true' : undefined}
              aria-current={i === active ? 'true' : undefined}
              title={seek !== null ? `Play from ${formatTimestamp(seg.start)}` : undefined}
              onClick={
                seek !== null
                  ? () => {
                      // Selecting text to copy it is not a request to play.
                      if (window.getSelection()?.isCollapsed === false) return;
                      seek(seg.start, true);
                    }
                  : undefined
              }
            >
              <span className="line-time">{formatTimestamp(seg.start)}</span>
              <span className="line-speaker">{speakerLabel(seg.speaker)}</span>
              <span className="line-text">
                <SnippetText runs={search?.lineRuns[seg.id] ?? [{ text: seg.text, hit: false }]} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
