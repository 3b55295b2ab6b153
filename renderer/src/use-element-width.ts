import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The content width of an element in CSS pixels, kept up to date with a ResizeObserver; charts get
 * it as an explicit width, so they draw at the size the layout gives them (and in tests, whose DOM
 * has no layout, at the width the test stubs).
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
