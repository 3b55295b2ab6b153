import { useEffect, useRef } from 'react';
import { belongsToFocus, keyAction, type PlayerAction } from './shortcuts.js';

/**
 * Routes the player's keyboard shortcuts, page-wide, to `onAction` — except presses that belong to
 * what has focus (text fields, selects, other dialogs). Space is taken from focused buttons too, so it
 * always plays/pauses instead of re-clicking the last button pressed. `onAction` returns false for a
 * key it did not use (Escape with nothing to close), which then keeps its default.
 */
export function usePlayerKeys(onAction: (action: PlayerAction) => boolean, enabled = true): void {
  const latest = useRef(onAction);
  useEffect(() => {
    latest.current = onAction;
  }, [onAction]);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      const target = e.target instanceof Element ? e.target : null;
      if (belongsToFocus(target, e.key)) return;
      const action = keyAction(e);
      if (action === null) return;
      if (latest.current(action)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
