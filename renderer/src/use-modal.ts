import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * Modal behaviour for a dialog box: focus moves to `initial` (or the first field) when it opens and back
 * to where it was when it closes, Tab stays inside, Escape closes. Returns the box's keydown handler.
 */
export function useModal(boxRef: RefObject<HTMLElement | null>, onClose: () => void, initial?: RefObject<HTMLElement | null>): (e: KeyboardEvent<HTMLElement>) => void {
  // Read at key time, so a parent passing a new function each render does not re-run the focus effect.
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = initial?.current ?? boxRef.current?.querySelector<HTMLElement>(FOCUSABLE) ?? null;
    first?.focus();
    return () => before?.focus();
    // Only on open and close: the refs point at the same elements for the dialog's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      // The drawers close on Escape too; a dialog above them takes it alone.
      e.stopPropagation();
      closeRef.current();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = Array.from(boxRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
    const first = items[0];
    const last = items[items.length - 1];
    if (first === undefined || last === undefined) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
}

/** Closes a drawer or panel on Escape pressed anywhere (a dialog above it stops the event first). */
export function useEscapeToClose(onClose: () => void): void {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
}
