import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Comment } from '../../../shared/review.js';
import { formatTimestamp } from '../../../shared/format.js';
import { usePlayback } from '../player/playback-context.js';
import { shortDateTime } from '../review-logic.js';
import { useApp } from '../store-context.js';

/** Where a comment sits: a moment, or a region. */
export function commentPlace(c: Pick<Comment, 'start' | 'end'>): string {
  return c.end === null ? formatTimestamp(c.start) : `${formatTimestamp(c.start)}–${formatTimestamp(c.end)}`;
}

/** One comment: its place (plays from there), text, edit and delete, and its history on demand. */
function CommentItem({ comment, focusN }: { comment: Comment; focusN: number | null }) {
  const edit = useApp((s) => s.editComment);
  const remove = useApp((s) => s.deleteComment);
  const seek = usePlayback((s) => (s.ready ? s.seek : null));
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment.text);
  const [busy, setBusy] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const ref = useRef<HTMLLIElement>(null);
  const historyId = useId();
  const deleted = comment.deletedAt !== null;
  const edits = comment.history.length - 1;

  // Asked for from the timeline or a waveform marker: bring it into view and give it focus.
  useEffect(() => {
    if (focusN === null) return;
    ref.current?.scrollIntoView?.({ block: 'nearest' });
    ref.current?.focus();
  }, [focusN]);

  const save = async (): Promise<void> => {
    if (text.trim() === '' || text.trim() === comment.text) {
      setEditing(false);
      return;
    }
    setBusy(true);
    if (await edit(comment.id, text)) setEditing(false);
    setBusy(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setText(comment.text);
      setEditing(false);
    }
  };

  return (
    <li
      ref={ref}
      tabIndex={-1}
      className={`comment${deleted ? ' is-deleted' : ''}${focusN !== null ? ' is-focused' : ''}`}
      data-testid="comment"
      data-comment-id={comment.id}
      data-deleted={deleted}
    >
      <div className="comment-head">
        {seek !== null && !deleted ? (
          <button type="button" className="comment-place" data-testid="comment-seek" title={`Move the playhead to ${formatTimestamp(comment.start)}`} onClick={() => seek(comment.start, false)}>
            {commentPlace(comment)}
          </button>
        ) : (
          <span className="comment-place">{commentPlace(comment)}</span>
        )}
        <span className="comment-meta">
          {shortDateTime(comment.createdAt)}
          {edits > 0 && ` · edited`}
          {deleted && ` · deleted`}
        </span>
      </div>
      {editing ? (
        <div className="comment-edit">
          <textarea className="input" data-testid="comment-edit-text" aria-label="Comment text" rows={3} value={text} autoFocus onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
          <div className="comment-actions">
            <button type="button" className="btn btn-small btn-primary" data-testid="comment-save" disabled={busy || text.trim() === ''} onClick={() => void save()}>
              Save
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setText(comment.text);
                setEditing(false);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <p className="comment-text" data-testid="comment-text">
          {comment.text}
        </p>
      )}
      <div className="comment-actions">
        {!deleted && !editing && (
          <>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              data-testid="comment-edit"
              onClick={() => {
                setText(comment.text);
                setEditing(true);
              }}
            >
              Edit
            </button>
            <button type="button" className="btn btn-small btn-ghost" data-testid="comment-delete" disabled={busy} onClick={() => void remove(comment.id)}>
              Delete
            </button>
          </>
        )}
        {(edits > 0 || deleted) && (
          <button type="button" className="btn btn-small btn-ghost" data-testid="comment-history-toggle" aria-expanded={historyOpen} aria-controls={historyId} onClick={() => setHistoryOpen((o) => !o)}>
            History ({comment.history.length + (deleted ? 1 : 0)})
          </button>
        )}
      </div>
      {historyOpen && (
        <ol className="comment-history" id={historyId} data-testid="comment-history">
          {comment.history.map((h, i) => (
            <li key={i}>
              <span className="comment-meta">
                {shortDateTime(h.at)} · {i === 0 ? 'written' : 'edited'}
              </span>{' '}
              {h.text}
            </li>
          ))}
          {deleted && (
            <li>
              <span className="comment-meta">{shortDateTime(comment.deletedAt)} · deleted</span>
            </li>
          )}
        </ol>
      )}
    </li>
  );
}

/** The open call's comments in time order, each editable and deletable; deleted ones (kept with their history) on demand. */
export function CommentsPanel({ callId }: { callId: number }) {
  const all = useApp((s) => (s.commentsCallId === callId ? s.comments : null));
  const focused = useApp((s) => s.focusedComment);
  const [showDeleted, setShowDeleted] = useState(false);
  const comments = all ?? [];
  const deletedCount = comments.filter((c) => c.deletedAt !== null).length;
  const focusedDeleted = focused !== null && comments.some((c) => c.id === focused.id && c.deletedAt !== null);
  // A deleted comment asked for from the timeline shows with the deleted ones.
  const withDeleted = showDeleted || focusedDeleted;
  const shown = comments.filter((c) => withDeleted || c.deletedAt === null).sort((a, b) => a.start - b.start || a.id - b.id);
  const live = comments.length - deletedCount;

  return (
    <section className="comments detail-section" aria-labelledby="comments-title" data-testid="comments-panel">
      <div className="comments-head">
        <h3 id="comments-title">Comments ({live})</h3>
        {deletedCount > 0 && (
          <button type="button" className="btn btn-small btn-ghost" data-testid="comments-show-deleted" aria-pressed={withDeleted} onClick={() => setShowDeleted((v) => !v)}>
            Show deleted ({deletedCount})
          </button>
        )}
      </div>
      {all === null ? (
        <p className="muted small">Loading comments…</p>
      ) : shown.length === 0 ? (
        <p className="muted small" data-testid="comments-empty">
          No comments yet. Press <kbd>C</kbd> or the player’s Comment button to add one at the playhead, or on a stretch dragged on the waveform.
        </p>
      ) : (
        <ol className="comment-list">
          {shown.map((c) => (
            <CommentItem key={c.id} comment={c} focusN={focused?.id === c.id ? focused.n : null} />
          ))}
        </ol>
      )}
    </section>
  );
}
