import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { formatTimestamp } from '../../../shared/format.js';
import { useApp } from '../store-context.js';
import type { LoopSpan } from './use-waveform-regions.js';

/** What the composer adds a comment to. */
export interface CommentComposerProps {
  callId: number;
  /** The playhead when the composer opened: a comment at a moment goes there. */
  at: number;
  /** The loop region, if one is marked: the comment may cover it instead. */
  region: LoopSpan | null;
  onClose: () => void;
}

/**
 * The player's inline comment form: at the playhead, or on the marked loop region (the default
 * when there is one). Enter adds, Shift+Enter starts a new line, Escape closes.
 */
export function CommentComposer({ callId, at, region, onClose }: CommentComposerProps) {
  const add = useApp((s) => s.addComment);
  const [text, setText] = useState('');
  const [onRegion, setOnRegion] = useState(region !== null);
  const [saving, setSaving] = useState(false);
  const useRegion = onRegion && region !== null;
  // Written as the comments list and the timeline will show it.
  const place = useRegion ? `${formatTimestamp(region.start)}–${formatTimestamp(region.end)}` : formatTimestamp(at);

  const submit = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (text.trim() === '' || saving) return;
    setSaving(true);
    const added = await add({ callId, start: useRegion ? region.start : at, end: useRegion ? region.end : null, text });
    setSaving(false);
    if (added !== null) onClose();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape') {
      // The player's own Escape handling must not see it.
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <form className="comment-composer" data-testid="comment-composer" aria-label="Add a comment" onSubmit={(e) => void submit(e)}>
      <label className="comment-composer-place" htmlFor="comment-composer-text">
        Comment {useRegion ? 'on' : 'at'} <strong data-testid="comment-composer-place">{place}</strong>
      </label>
      {region !== null && (
        <label className="checkbox">
          <input type="checkbox" data-testid="comment-on-region" checked={onRegion} onChange={(e) => setOnRegion(e.target.checked)} />
          On the loop region
        </label>
      )}
      <textarea
        id="comment-composer-text"
        className="input comment-composer-text"
        data-testid="comment-composer-text"
        rows={2}
        placeholder="What should a reviewer notice here?"
        value={text}
        autoFocus
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="comment-composer-actions">
        <button type="submit" className="btn btn-small btn-primary" data-testid="comment-add" disabled={saving || text.trim() === ''}>
          {saving ? 'Adding…' : 'Add comment'}
        </button>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Cancel
        </button>
        <span className="muted small">Enter adds · Shift+Enter new line · Esc cancels</span>
      </div>
    </form>
  );
}
