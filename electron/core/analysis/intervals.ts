import type { TimeSpan } from '../../../shared/analysis.js';

/*
 * Interval arithmetic on half-open stretches of time [start, end): two spans that only touch do not
 * overlap, and zero-length spans are no speech at all.
 */

/** The spans merged into sorted, disjoint ones (touching spans join); empty and reversed spans are dropped. */
export function union(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TimeSpan[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Total length of disjoint spans. */
export function totalLength(spans: readonly TimeSpan[]): number {
  return spans.reduce((n, s) => n + (s.end - s.start), 0);
}

/** The parts of [from, to) that no span of a union covers, in order. */
export function complement(unionSpans: readonly TimeSpan[], from: number, to: number): TimeSpan[] {
  const out: TimeSpan[] = [];
  let at = from;
  for (const s of unionSpans) {
    if (s.start > at) out.push({ start: at, end: Math.min(s.start, to) });
    at = Math.max(at, s.end);
    if (at >= to) break;
  }
  if (at < to) out.push({ start: at, end: to });
  return out.filter((g) => g.end > g.start);
}

/** Rounds seconds to the millisecond, the precision metrics are stored with. */
export function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Rounds a ratio to 4 decimals. */
export function r4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
