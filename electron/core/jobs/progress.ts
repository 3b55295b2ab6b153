import { performance } from 'node:perf_hooks';

/** One progress report, already cleaned. */
export interface ProgressUpdate {
  progress: number;
  note: string | null;
  etaSec: number | null;
}

/** Cleans a handler's progress call: fraction clamped to 0..1, note trimmed, ETA a non-negative number; null when the fraction is not a number. */
export function cleanProgress(fraction: number, note?: string | null, etaSec?: number | null): ProgressUpdate | null {
  if (typeof fraction !== 'number' || Number.isNaN(fraction)) return null;
  const text = typeof note === 'string' ? note.trim().slice(0, 200) : '';
  return {
    progress: Math.min(Math.max(fraction, 0), 1),
    note: text || null,
    etaSec: typeof etaSec === 'number' && Number.isFinite(etaSec) && etaSec >= 0 ? Math.round(etaSec) : null,
  };
}

/**
 * Passes progress on at most once per interval, always keeping the latest report: a handler
 * may call progress() per chunk or per segment without flooding SQLite and the renderer.
 */
export class ProgressThrottle {
  private pending: ProgressUpdate | null = null;
  private lastAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly write: (p: ProgressUpdate) => void,
  ) {}

  /** Records a report; writes now if the interval has passed, else schedules the latest for its end. */
  report(p: ProgressUpdate): void {
    this.pending = p;
    const wait = this.lastAt + this.intervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** Drops anything pending; the job's end writes its own final state. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private flush(): void {
    this.timer = null;
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    this.lastAt = performance.now();
    this.write(p);
  }
}
