import type { DashboardFilters, DashboardResult } from '../../shared/dashboard.js';

/** The reviewer's zone as minutes east of UTC, as the dashboard and the list filters take it. */
export function utcOffsetNow(now: Date = new Date()): number {
  // getTimezoneOffset is minutes *west* of UTC; -0 would read oddly in requests.
  return -now.getTimezoneOffset() || 0;
}

const SOURCE_LABEL = { folder: 'Folders', twilio: 'Twilio' } as const;

/** What a list filter's chip says: the clicked item first, then the dashboard's own filters. */
export function describeFilters(f: Omit<DashboardFilters, 'utcOffsetMin'>, picked: string): string {
  const range =
    f.from !== undefined && f.to !== undefined ? `${f.from} – ${f.to}` : f.from !== undefined ? `from ${f.from}` : f.to !== undefined ? `until ${f.to}` : null;
  return [picked, range, f.source !== undefined ? SOURCE_LABEL[f.source] : null, f.direction ?? null, f.tag !== undefined ? `tag “${f.tag}”` : null].filter((x): x is string => x !== null && x !== '').join(' · ');
}

/** A latency bucket's label: "0–0.5 s", "5 s +". */
export function bucketLabel(b: Pick<DashboardResult['latency']['buckets'][number], 'min' | 'max'>): string {
  return b.max === null ? `${b.min} s +` : `${b.min}–${b.max} s`;
}

/** A share 0..1 as a whole percentage, or a dash. */
export function percent(x: number | null): string {
  return x === null ? '—' : `${Math.round(x * 100)}%`;
}

/** A day as a short axis label ("02 Mar"); the full day stays in tooltips and chips. */
export function shortDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : d.toLocaleDateString(undefined, { day: '2-digit', month: 'short', timeZone: 'UTC' });
}
