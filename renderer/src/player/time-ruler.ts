import type WaveSurfer from 'wavesurfer.js';
import { formatDuration } from '../../../shared/format.js';

/** Height of the ruler under the lanes, in CSS pixels (player.css keeps regions off it). */
export const RULER_HEIGHT = 16;

/** Seconds between labels so they stay at least ~70 px apart at this zoom. */
export function rulerStep(pxPerSec: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  for (const s of steps) if (s * pxPerSec >= 70) return s;
  return steps[steps.length - 1]!;
}

/**
 * A time ruler under the waveform that draws only the labels in view. wavesurfer's timeline plugin
 * measures every notch of the whole call (a forced layout each): tens of milliseconds at fit zoom on
 * an hour-long call, seconds when zoomed in. This one reads the layout once per redraw or scroll.
 */
export class TimeRuler {
  private readonly el: HTMLDivElement;
  private readonly offs: Array<() => void>;
  private frame = 0;

  constructor(private readonly ws: WaveSurfer) {
    this.el = document.createElement('div');
    this.el.className = 'player-ruler';
    this.el.setAttribute('part', 'timeline');
    this.el.style.cssText = `position:relative;height:${RULER_HEIGHT}px;overflow:hidden;pointer-events:none;font-size:10px;color:#5f6b7a`;
    ws.getWrapper().appendChild(this.el);
    const later = (): void => this.schedule();
    this.offs = [ws.on('redraw', later), ws.on('scroll', later), ws.on('zoom', later), ws.on('resize', later)];
    this.draw();
  }

  /** Removes the ruler and its listeners. */
  destroy(): void {
    cancelAnimationFrame(this.frame);
    for (const off of this.offs) off();
    this.el.remove();
  }

  private schedule(): void {
    // Scroll events come in bursts; one draw per frame is enough.
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.draw());
  }

  private draw(): void {
    const duration = this.ws.getDuration();
    const total = this.ws.getWrapper().scrollWidth;
    if (!(duration > 0) || total <= 0) return;
    const pxPerSec = total / duration;
    const step = rulerStep(pxPerSec);
    const left = this.ws.getScroll();
    const right = left + this.ws.getWidth();
    const first = Math.max(0, Math.floor(left / pxPerSec / step) * step);
    const parts: string[] = [];
    for (let t = first; t <= duration && t * pxPerSec <= right + 80; t += step) {
      const x = Math.round(t * pxPerSec);
      parts.push(
        `<span style="position:absolute;left:${x}px;top:0;height:100%;border-left:1px solid #c6ced8;padding-left:3px;line-height:${RULER_HEIGHT}px;white-space:nowrap">${formatDuration(t)}</span>`,
      );
    }
    // Labels are numbers we format ourselves; no user text reaches innerHTML.
    this.el.innerHTML = parts.join('');
  }
}
