/** An inclusive range of instants as ISO strings (comparable with the stored toISOString() times); null ends are open. */
export interface IsoRange {
  fromIso: string | null;
  toIso: string | null;
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Turns filter bounds into an inclusive ISO range. A bare day is a UTC day: as `from` it starts at
 * its first millisecond, as `to` it ends at its last, so `from = to = 2026-03-02` means that whole day.
 */
export function isoRange(from: string | undefined, to: string | undefined): IsoRange {
  return { fromIso: from === undefined ? null : bound(from, false), toIso: to === undefined ? null : bound(to, true) };
}

function bound(value: string, end: boolean): string {
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00.000Z` : value);
  if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${value}`);
  return new Date(DATE_ONLY.test(value) && end ? ms + DAY_MS - 1 : ms).toISOString();
}

/** True when an instant (ms) lies in the range; an unknown time lies in it only when the range is open at both ends. */
export function inRange(ms: number | null, r: IsoRange): boolean {
  if (r.fromIso === null && r.toIso === null) return true;
  if (ms === null) return false;
  if (r.fromIso !== null && ms < Date.parse(r.fromIso)) return false;
  if (r.toIso !== null && ms > Date.parse(r.toIso)) return false;
  return true;
}
