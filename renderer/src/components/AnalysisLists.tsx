import type { ReactNode } from 'react';
import { formatTimestamp } from '../../../shared/format.js';
import type { LlmAnalysis } from '../../../shared/llm-analysis.js';
import type { Segment } from '../../../shared/types.js';
import { segmentStart, who } from '../analysis-logic.js';
import { usePlayback } from '../player/playback-context.js';

type Seek = ((time: number, play: boolean) => void) | null;

/** A list entry that plays the call from its moment, like a click on a transcript line; plain text without a time or audio. */
function Moment({ at, seek, testId, children }: { at: number | null; seek: Seek; testId: string; children: ReactNode }) {
  if (at === null) {
    return (
      <div className="analysis-item" data-testid={testId}>
        <span className="item-time muted">—</span>
        <span className="item-body">{children}</span>
      </div>
    );
  }
  return (
    <button
      type="button"
      className="analysis-item is-moment"
      data-testid={testId}
      data-at={at}
      disabled={seek === null}
      title={seek !== null ? `Play from ${formatTimestamp(at)}` : 'The audio is not loaded'}
      onClick={() => seek?.(at, true)}
    >
      <span className="item-time">{formatTimestamp(at)}</span>
      <span className="item-body">{children}</span>
    </button>
  );
}

/** A titled list, or a line saying it is empty. */
function Section({ id, title, count, empty, children }: { id: string; title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <section className="analysis-card" aria-labelledby={`${id}-title`} data-testid={id}>
      <h4 id={`${id}-title`}>
        {title} <span className="muted small">({count})</span>
      </h4>
      {count === 0 ? <p className="muted small">{empty}</p> : <ul className="analysis-list">{children}</ul>}
    </section>
  );
}

/** Action items, questions and QA flags of an LLM analysis; every entry with a moment plays the call from it. */
export function AnalysisLists({ llm, segments }: { llm: LlmAnalysis; segments: readonly Segment[] | undefined }) {
  const seek = usePlayback((s) => (s.ready ? s.seek : null));
  return (
    <div className="analysis-lists">
      <Section id="action-items" title="Action items" count={llm.actionItems.length} empty="No one committed to anything.">
        {llm.actionItems.map((a, i) => (
          <li key={i}>
            <Moment at={a.at} seek={seek} testId="action-item">
              <span className="item-text">{a.text}</span>
              <span className="item-meta">
                {who(a.owner)}
                {a.due !== null ? ` · due ${a.due}` : ''}
              </span>
            </Moment>
          </li>
        ))}
      </Section>
      <Section id="questions" title="Questions" count={llm.questions.length} empty="No questions were asked.">
        {llm.questions.map((q, i) => (
          <li key={i}>
            <Moment at={q.at} seek={seek} testId="question">
              <span className="item-text">{q.text}</span>
              <span className="item-meta">
                {who(q.askedBy)} ·{' '}
                <span className={`badge ${q.answered ? 'badge-ok' : 'badge-warn'}`} data-testid="question-answered" data-answered={q.answered}>
                  {q.answered ? 'answered' : 'not answered'}
                </span>
              </span>
            </Moment>
          </li>
        ))}
      </Section>
      <Section id="qa-flags" title="QA flags" count={llm.qaFlags.length} empty="No QA flags are configured.">
        {llm.qaFlags.map((f) => (
          <li key={f.flag}>
            <Moment at={f.present ? segmentStart(segments, f.segmentIds) : null} seek={seek} testId="qa-flag">
              <span className="item-text">
                <span className={`badge ${f.present ? 'badge-bad' : 'badge-muted'}`} data-testid="qa-flag-state" data-present={f.present}>
                  {f.present ? 'present' : 'absent'}
                </span>{' '}
                <strong>{f.flag}</strong>
              </span>
              {f.note !== '' && <span className="item-meta">{f.note}</span>}
            </Moment>
          </li>
        ))}
      </Section>
    </div>
  );
}

/** The key phrases as chips; one with a cited line plays the call from its first mention. */
export function KeyPhrases({ llm, segments }: { llm: LlmAnalysis; segments: readonly Segment[] | undefined }) {
  const seek = usePlayback((s) => (s.ready ? s.seek : null));
  if (llm.keyPhrases.length === 0) return <p className="muted small">No key phrases.</p>;
  return (
    <ul className="phrase-chips" data-testid="key-phrases">
      {llm.keyPhrases.map((k) => {
        const at = segmentStart(segments, k.segmentIds);
        return (
          <li key={k.text}>
            {at === null ? (
              <span className="phrase-chip">{k.text}</span>
            ) : (
              <button type="button" className="phrase-chip is-moment" disabled={seek === null} title={`First said at ${formatTimestamp(at)}`} onClick={() => seek?.(at, true)}>
                {k.text}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
