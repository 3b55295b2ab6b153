import { useEffect, useRef, useState } from 'react';
import type { Segment } from '../../../shared/types.js';
import { labelRows, segmentLane, type Lane, type Marker } from './player-logic.js';
import type { WaveSurferHandle } from './use-wave-surfer.js';

const LOOP_ID = 'loop';
const MARKER_COLORS: Record<Marker['kind'], string> = { function: '#b45309', event: '#64748b' };

/** `#rrggbb` at an opacity, for region fills. */
function tint(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Height of one row of marker labels in CSS pixels. */
const LABEL_ROW_PX = 15;

/** A small label inside a marker's element, so its name stays readable over the waveform. */
function markerLabel(marker: Marker, row: number): HTMLElement {
  const el = document.createElement('div');
  el.textContent = marker.label;
  el.title = marker.label;
  Object.assign(el.style, {
    position: 'absolute',
    top: `${row * LABEL_ROW_PX}px`,
    left: '0',
    fontSize: '10px',
    lineHeight: '14px',
    padding: '0 3px',
    color: MARKER_COLORS[marker.kind],
    background: 'rgba(255, 255, 255, 0.85)',
    borderRadius: '0 2px 2px 0',
    whiteSpace: 'nowrap',
    fontFamily: 'system-ui, sans-serif',
  });
  el.setAttribute('part', 'marker-label');
  return el;
}

/**
 * Draws transcript segments as tinted regions on their speaker's lane and function calls and session
 * events as labelled markers. They ignore the pointer, so clicks seek and drags make a loop underneath them.
 */
export function useSegmentRegions(handle: WaveSurferHandle | null, segments: readonly Segment[], markers: readonly Marker[], lanes: readonly Lane[]): void {
  useEffect(() => {
    if (handle === null) return;
    const added = segments.map((seg) => {
      const lane = segmentLane(seg, lanes);
      const color = lanes[lane]?.color ?? '#5f6b7a';
      return handle.regions.addRegion({ id: `seg-${seg.id}`, start: seg.start, end: seg.end, drag: false, resize: false, color: tint(color, 0.13), channelIdx: lane });
    });
    const rows = labelRows(markers, handle.ws.getWrapper().clientWidth / handle.duration);
    const labels: HTMLElement[] = [];
    markers.forEach((m, i) => {
      const region = handle.regions.addRegion({ id: `marker-${m.id}`, start: m.time, drag: false, resize: false, color: MARKER_COLORS[m.kind] });
      // Our own label rather than region content: the plugin re-stacks content itself, and not reliably for fresh regions.
      const label = markerLabel(m, rows[i] ?? 0);
      region.element?.appendChild(label);
      labels.push(label);
      added.push(region);
    });
    for (const r of added) if (r.element !== null) r.element.style.pointerEvents = 'none';
    // Zooming spreads the markers out (or crowds them): stack the labels again for the new scale.
    const restack = (): void => {
      const next = labelRows(markers, handle.ws.getWrapper().scrollWidth / handle.duration);
      labels.forEach((el, i) => (el.style.top = `${(next[i] ?? 0) * LABEL_ROW_PX}px`));
    };
    const offZoom = markers.length > 1 ? handle.ws.on('zoom', restack) : () => {};
    return () => {
      offZoom();
      added.forEach((r) => r.remove());
    };
  }, [handle, segments, markers, lanes]);
}

/** A loop's bounds in seconds. */
export interface LoopSpan {
  start: number;
  end: number;
}

/** The loop region: drag on the waveform to make one (which turns looping on), a toggle, and clear. */
export function useLoopRegion(handle: WaveSurferHandle | null): {
  span: LoopSpan | null;
  enabled: boolean;
  setEnabled: (on: boolean) => void;
  clear: () => void;
} {
  const [span, setSpan] = useState<LoopSpan | null>(null);
  const [enabled, setEnabledState] = useState(false);
  const live = useRef({ span, enabled });
  useEffect(() => {
    live.current = { span, enabled };
  }, [span, enabled]);

  useEffect(() => {
    if (handle === null) return;
    const { regions, ws } = handle;
    const stopDragging = regions.enableDragSelection({ id: LOOP_ID, color: 'rgba(234, 179, 8, 0.25)' });
    const offCreated = regions.on('region-created', (region) => {
      if (region.id !== LOOP_ID) return;
      // One loop at a time: a new drag replaces the old region.
      for (const other of regions.getRegions()) if (other.id === LOOP_ID && other !== region) other.remove();
      setSpan({ start: region.start, end: region.end });
      setEnabledState(true);
    });
    const offUpdated = regions.on('region-updated', (region) => {
      if (region.id === LOOP_ID) setSpan({ start: region.start, end: region.end });
    });
    const offRemoved = regions.on('region-removed', (region) => {
      if (region.id === LOOP_ID && !regions.getRegions().some((r) => r.id === LOOP_ID)) setSpan(null);
    });
    const offTime = ws.on('timeupdate', (t) => {
      const { span: s, enabled: on } = live.current;
      if (on && s !== null && ws.isPlaying() && t >= s.end) ws.setTime(s.start);
    });
    const offFinish = ws.on('finish', () => {
      const { span: s, enabled: on } = live.current;
      // A loop that ends with the file would otherwise stop at the end.
      if (on && s !== null) {
        ws.setTime(s.start);
        void ws.play().catch(() => {});
      }
    });
    return () => {
      stopDragging();
      offCreated();
      offUpdated();
      offRemoved();
      offTime();
      offFinish();
      for (const r of regions.getRegions()) if (r.id === LOOP_ID) r.remove();
    };
  }, [handle]);

  const setEnabled = (on: boolean): void => {
    setEnabledState(on);
    const ws = handle?.ws;
    // Turning the loop on from outside it starts at the loop.
    if (on && span !== null && ws !== undefined) {
      const t = ws.getCurrentTime();
      if (t < span.start || t >= span.end) ws.setTime(span.start);
    }
  };
  const clear = (): void => {
    for (const r of handle?.regions.getRegions() ?? []) if (r.id === LOOP_ID) r.remove();
    setSpan(null);
    setEnabledState(false);
  };
  return { span, enabled, setEnabled, clear };
}
