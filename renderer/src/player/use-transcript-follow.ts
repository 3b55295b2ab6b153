import { useEffect, useRef, type RefObject } from 'react';

/** How long the transcript stops following playback after the reviewer scrolls it themselves. */
export const FOLLOW_PAUSE_MS = 4000;

/** The nearest ancestor that scrolls vertically, where the reviewer's own scrolling happens. */
function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p !== null; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if (overflowY === 'auto' || overflowY === 'scroll') return p;
  }
  return null;
}

/**
 * Keeps the active transcript line in view while it changes, except for a few seconds after the
 * reviewer scrolled (wheel, touch, scrollbar drag or scroll keys) so reading back is not yanked away.
 */
export function useTranscriptFollow(list: RefObject<HTMLElement | null>, activeIndex: number): void {
  const userScrolledAt = useRef(-Infinity);

  useEffect(() => {
    const el = list.current;
    const scroller = el === null ? null : scrollParent(el);
    if (scroller === null) return;
    const mark = (): void => {
      userScrolledAt.current = performance.now();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown'].includes(e.key)) mark();
    };
    // Only input devices mark: scrollIntoView below fires `scroll` too, and must not pause itself.
    scroller.addEventListener('wheel', mark, { passive: true });
    scroller.addEventListener('touchmove', mark, { passive: true });
    scroller.addEventListener('keydown', onKey);
    const onPointer = (e: PointerEvent): void => {
      // A press on the scrollbar itself lands on the scroller, not on a child.
      if (e.target === scroller) mark();
    };
    scroller.addEventListener('pointerdown', onPointer);
    return () => {
      scroller.removeEventListener('wheel', mark);
      scroller.removeEventListener('touchmove', mark);
      scroller.removeEventListener('keydown', onKey);
      scroller.removeEventListener('pointerdown', onPointer);
    };
  }, [list]);

  useEffect(() => {
    if (activeIndex < 0 || performance.now() - userScrolledAt.current < FOLLOW_PAUSE_MS) return;
    const line = list.current?.children[activeIndex];
    if (line instanceof HTMLElement) line.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [list, activeIndex]);
}
