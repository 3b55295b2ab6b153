import { useEffect, useRef } from 'react';
import { usePlayback } from '../player/playback-context.js';
import { belongsToFocus } from '../player/shortcuts.js';
import { useApp } from '../store-context.js';
import './search.css';

/** Which way a key press moves through the open call's hits: F3 / n next, Shift+F3 / N previous; null for other keys. */
export function hitStepKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): 1 | -1 | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'F3') return e.shiftKey ? -1 : 1;
  if (e.key === 'n') return 1;
  if (e.key === 'N') return -1;
  return null;
}

/**
 * The open call's search hits: "Hit 2 of 5" with previous/next (buttons, F3/Shift+F3, n/N outside text
 * fields), and the seek to the hit the reviewer went to once this call's player can seek.
 */
export function SearchHitBar({ callId }: { callId: number }) {
  const calls = useApp((s) => (s.callHits?.callId === callId ? s.callHits : null));
  const searched = useApp((s) => s.searchResults !== null);
  const loadCallHits = useApp((s) => s.loadCallHits);
  const step = useApp((s) => s.stepHit);
  const active = useApp((s) => (s.activeHit?.callId === callId ? s.activeHit : null));
  const ready = usePlayback((s) => s.ready);
  const seek = usePlayback((s) => s.seek);
  const seekedFor = useRef(0);

  // A call opened from the list while a search is on shows its hits too.
  useEffect(() => {
    if (searched && calls === null) void loadCallHits(callId);
  }, [searched, calls, callId, loadCallHits]);

  // Each visit to a hit seeks once, as soon as the player can (a call just opened is still loading).
  useEffect(() => {
    if (!ready || active === null || active.start === null || seekedFor.current === active.nonce) return;
    seekedFor.current = active.nonce;
    seek(active.start, false);
  }, [ready, active, seek]);

  const count = calls?.hits.length ?? 0;
  useEffect(() => {
    if (count === 0) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      const dir = hitStepKey(e);
      if (dir === null || belongsToFocus(e.target instanceof Element ? e.target : null, e.key)) return;
      e.preventDefault();
      step(dir);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, step]);

  if (calls === null || count === 0) return null;
  const more = calls.more ? '+' : '';
  return (
    <div className="search-hit-bar" role="group" aria-label="Search hits in this call" data-testid="search-hit-bar">
      <span className="search-hit-pos" data-testid="search-hit-pos" aria-live="polite">
        {calls.index < 0 ? `${count}${more} search hit${count === 1 ? '' : 's'}` : `Hit ${calls.index + 1} of ${count}${more}`}
      </span>
      <button type="button" className="btn btn-small" data-testid="search-hit-prev" aria-keyshortcuts="Shift+F3 Shift+N" title="Previous hit (Shift+F3 or Shift+N)" onClick={() => step(-1)}>
        ‹ Prev
      </button>
      <button type="button" className="btn btn-small" data-testid="search-hit-next" aria-keyshortcuts="F3 N" title="Next hit (F3 or N)" onClick={() => step(1)}>
        Next ›
      </button>
    </div>
  );
}
