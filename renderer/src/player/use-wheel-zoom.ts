import { useEffect, useRef, type RefObject } from 'react';

/** Wheel steps closer together than this count as one, so a trackpad flick is not ten zoom steps. */
const STEP_MS = 80;

/**
 * Zooms with the mouse wheel over the waveform (with or without Ctrl). Shift+wheel and sideways
 * trackpad swipes are left alone: they scroll the zoomed waveform.
 */
export function useWheelZoom(target: RefObject<HTMLElement | null>, zoom: (dir: 1 | -1) => void): void {
  const latest = useRef(zoom);
  useEffect(() => {
    latest.current = zoom;
  }, [zoom]);

  useEffect(() => {
    const el = target.current;
    if (el === null) return;
    let last = 0;
    const onWheel = (e: WheelEvent): void => {
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.deltaY === 0) return;
      // Not passive: Ctrl+wheel would otherwise zoom the whole page.
      e.preventDefault();
      const now = performance.now();
      if (now - last < STEP_MS) return;
      last = now;
      latest.current(e.deltaY < 0 ? 1 : -1);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [target]);
}
