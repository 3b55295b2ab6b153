import type { FunctionCallMetrics } from '../../../shared/analysis.js';
import type { Activity } from '../../../shared/types.js';
import { r3 } from './intervals.js';

/** A bot function call as the metrics need it. */
export interface FunctionCallInput {
  name: string;
  offsetSec: number | null;
}

/** The function calls among a call's activities (type 'function_call', written from the recorder's metadata). */
export function functionCallsOf(activities: readonly Pick<Activity, 'type' | 'offsetSec' | 'payload'>[]): FunctionCallInput[] {
  return activities
    .filter((a) => a.type === 'function_call')
    .map((a) => ({ name: typeof a.payload.name === 'string' && a.payload.name !== '' ? a.payload.name : 'unknown', offsetSec: a.offsetSec }));
}

/** Counts, first and last offsets, per-name counts (most called first, then by name) and every call in time order (untimed ones last). */
export function summarizeFunctionCalls(calls: readonly FunctionCallInput[]): FunctionCallMetrics {
  const timings = calls
    .map((c, i) => ({ c, i }))
    .sort((p, q) => (p.c.offsetSec ?? Infinity) - (q.c.offsetSec ?? Infinity) || p.i - q.i)
    .map(({ c }) => ({ name: c.name, offsetSec: c.offsetSec === null ? null : r3(c.offsetSec) }));
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  const names = [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const timed = timings.flatMap((t) => (t.offsetSec === null ? [] : [t.offsetSec]));
  return {
    count: calls.length,
    firstOffsetSec: timed.length > 0 ? Math.min(...timed) : null,
    lastOffsetSec: timed.length > 0 ? Math.max(...timed) : null,
    names,
    timings,
  };
}
