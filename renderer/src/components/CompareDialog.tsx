import { Fragment, useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatTimestamp, speakerLabel } from '../../../shared/format.js';
import type { TranscriptInfo, TranscriptVersion } from '../../../shared/types.js';
import { useApp } from '../store-context.js';
import { versionLabel, versionOptionLabel } from '../transcription-format.js';
import { useModal } from '../use-modal.js';
import { diffTranscripts, type DiffSegment } from '../word-diff.js';

/**
 * The two versions compared first: the one being read against the active one (or, when the active one is
 * being read, against the version made before it), the older on the left.
 */
export function initialPair(versions: readonly TranscriptVersion[], shown: number | null): [number, number] {
  const focus = versions.find((v) => v.id === shown) ?? versions.find((v) => v.active) ?? versions[0];
  if (focus === undefined) return [0, 0];
  // Versions come newest first, so the first older one found is the one made just before.
  const partner =
    (!focus.active ? versions.find((v) => v.active) : undefined) ??
    versions.find((v) => v.version < focus.version) ??
    versions.find((v) => v.id !== focus.id) ??
    focus;
  return partner.version < focus.version ? [partner.id, focus.id] : [focus.id, partner.id];
}

/** One side of the comparison: its segments with the words the other side lacks marked. */
function Side({ segments, mark, testId }: { segments: DiffSegment[]; mark: 'del' | 'ins'; testId: string }) {
  if (segments.length === 0) return <p className="muted">This version is empty.</p>;
  const Mark = mark;
  return (
    <ol className="compare-lines" data-testid={testId}>
      {segments.map((s) => (
        <li key={s.id} className={`transcript-line speaker-${s.speaker}`}>
          <span className="line-time">{formatTimestamp(s.start)}</span>
          <span className="line-speaker">{speakerLabel(s.speaker)}</span>
          <span className="line-text">
            {s.runs.map((r, i) => (
              <Fragment key={i}>
                {i > 0 && ' '}
                {r.changed ? <Mark className={`diff-${mark}`}>{r.text}</Mark> : r.text}
              </Fragment>
            ))}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Picks one version for a side of the comparison. */
function VersionSelect({ id, label, versions, value, onChange }: { id: string; label: string; versions: readonly TranscriptVersion[]; value: number; onChange: (id: number) => void }) {
  return (
    <div className="compare-pick">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {versionOptionLabel(v)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Two transcript versions side by side, word differences marked: removed on the left, added on the right. */
export function CompareDialog({ versions, initialRight, onClose }: { versions: TranscriptVersion[]; initialRight: number | null; onClose: () => void }) {
  const id = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const onKeyDown = useModal(boxRef, onClose);
  const fetchTranscript = useApp((s) => s.fetchTranscript);
  const [[leftId, rightId], setPair] = useState(() => initialPair(versions, initialRight));
  const [loaded, setLoaded] = useState<Record<number, TranscriptInfo | null>>({});

  useEffect(() => {
    for (const vid of [leftId, rightId]) {
      if (vid in loaded) continue;
      void fetchTranscript(vid).then((t) => setLoaded((m) => ({ ...m, [vid]: t })));
    }
  }, [leftId, rightId, loaded, fetchTranscript]);

  const left = loaded[leftId];
  const right = loaded[rightId];
  const diff = useMemo(() => (left && right ? diffTranscripts(left.segments, right.segments) : null), [left, right]);
  const name = (vid: number): string => {
    const v = versions.find((x) => x.id === vid);
    return v !== undefined ? versionLabel(v) : `version ${vid}`;
  };

  return (
    <div className="modal-backdrop">
      <div ref={boxRef} className="modal modal-wide" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} data-testid="compare-dialog" onKeyDown={onKeyDown}>
        <div className="compare-head">
          <h2 id={`${id}-title`} className="modal-title">
            Compare transcript versions
          </h2>
          <button type="button" className="btn btn-small" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="compare-picks">
          <VersionSelect id={`${id}-left`} label="Left" versions={versions} value={leftId} onChange={(v) => setPair([v, rightId])} />
          <VersionSelect id={`${id}-right`} label="Right" versions={versions} value={rightId} onChange={(v) => setPair([leftId, v])} />
        </div>
        {left === null || right === null ? (
          <p className="field-error">A version could not be loaded; see the message above.</p>
        ) : diff === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <>
            <p className="compare-summary" role="status" data-testid="compare-summary" data-changes={diff.removed + diff.added}>
              {leftId === rightId
                ? 'The same version is on both sides.'
                : diff.removed + diff.added === 0
                  ? `No differences in the words of ${name(leftId)} and ${name(rightId)}.`
                  : `${diff.removed} word${diff.removed === 1 ? '' : 's'} only in ${name(leftId)} (struck through), ${diff.added} only in ${name(rightId)} (underlined).`}
            </p>
            <div className="compare-columns">
              <section aria-label={`Left: ${name(leftId)}`}>
                <h3 className="compare-col-title">{name(leftId)}</h3>
                <Side segments={diff.left} mark="del" testId="compare-left" />
              </section>
              <section aria-label={`Right: ${name(rightId)}`}>
                <h3 className="compare-col-title">{name(rightId)}</h3>
                <Side segments={diff.right} mark="ins" testId="compare-right" />
              </section>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
