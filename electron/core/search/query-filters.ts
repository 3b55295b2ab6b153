import type { SentimentLabel } from '../../../shared/llm-analysis.js';
import type { SearchFilter } from '../../../shared/search.js';
import type { CallSourceKind, Speaker } from '../../../shared/types.js';

/*
 * `field:value` filters of the reviewer's query language. Each parser answers the filter or null
 * when the value is not understood; the caller then searches the token as plain text.
 */

/** The field names the language knows, with their aliases. */
const FIELDS: Record<string, SearchFilter['field']> = {
  speaker: 'speaker',
  source: 'source',
  dir: 'dir',
  direction: 'dir',
  from: 'from',
  to: 'to',
  dur: 'dur',
  duration: 'dur',
  sentiment: 'sentiment',
};

/** The canonical field a typed name stands for, or null. */
export function fieldName(name: string): SearchFilter['field'] | null {
  return Object.prototype.hasOwnProperty.call(FIELDS, name.toLowerCase()) ? FIELDS[name.toLowerCase()]! : null;
}

// `agent` is the answering side, a human agent or a voice bot alike; `bot` is the bot only.
const SPEAKERS: Record<string, Speaker[]> = {
  caller: ['caller'],
  customer: ['caller'],
  agent: ['agent', 'bot'],
  bot: ['bot'],
  unknown: ['unknown'],
};
const SOURCES: Record<string, CallSourceKind[]> = { folder: ['folder'], recorder: ['folder'], twilio: ['twilio'] };
const DIRS: Record<string, Array<'inbound' | 'outbound'>> = { inbound: ['inbound'], in: ['inbound'], outbound: ['outbound'], out: ['outbound'] };
const SENTIMENTS: Record<string, SentimentLabel[]> = { positive: ['positive'], neutral: ['neutral'], negative: ['negative'] };

/** `a|b` or `a,b` against a table of words; null when any part is unknown. */
function oneOf<T>(table: Record<string, T[]>, value: string): T[] | null {
  const out: T[] = [];
  for (const part of value.toLowerCase().split(/[|,]/)) {
    if (!Object.prototype.hasOwnProperty.call(table, part)) return null;
    for (const v of table[part]!) if (!out.includes(v)) out.push(v);
  }
  return out.length > 0 ? out : null;
}

const DAY_MS = 86_400_000;

/**
 * A typed date (YYYY, YYYY-MM or YYYY-MM-DD) as the UTC instants its period starts and ends in the
 * reviewer's zone (`utcOffsetMin` east of UTC); null when it is not a real date.
 */
export function datePeriod(value: string, utcOffsetMin: number): { start: string; end: string } | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (year < 1970 || year > 2999 || (month !== null && (month < 1 || month > 12))) return null;
  const startMs = Date.UTC(year, (month ?? 1) - 1, day ?? 1);
  // Date.UTC rolls 2026-02-30 over into March; a day that rolled over was not a real day.
  if (day !== null && new Date(startMs).getUTCDate() !== day) return null;
  const endMs = day !== null ? startMs + DAY_MS : month !== null ? Date.UTC(year, month, 1) : Date.UTC(year + 1, 0, 1);
  const shift = utcOffsetMin * 60_000;
  return { start: new Date(startMs - shift).toISOString(), end: new Date(endMs - shift).toISOString() };
}

const UNIT_SEC: Record<string, number> = { h: 3600, m: 60, s: 1, '': 1 };

/** `90`, `90s`, `5m`, `1.5h`, `1h30m`, `2m30s` as seconds; null otherwise. */
export function durationSeconds(value: string): number | null {
  const v = value.toLowerCase();
  if (!/^(?:\d+(?:\.\d+)?[hms]?)+$/.test(v)) return null;
  let total = 0;
  let lastUnit = Infinity;
  for (const [, num, unit] of v.matchAll(/(\d+(?:\.\d+)?)([hms]?)/g)) {
    const size = UNIT_SEC[unit!]!;
    // Units must go down (1h30m, not 30m1h), and a bare number only comes last (as seconds).
    if (size >= lastUnit) return null;
    lastUnit = unit === '' ? 0 : size;
    total += Number(num) * size;
  }
  return Number.isFinite(total) ? total : null;
}

/** Parses one recognised field's value; null when the value is not understood. */
export function parseFilter(field: SearchFilter['field'], value: string, negate: boolean, text: string, utcOffsetMin: number): SearchFilter | null {
  switch (field) {
    case 'speaker': {
      const values = oneOf(SPEAKERS, value);
      return values && { field, values, negate, text };
    }
    case 'source': {
      const values = oneOf(SOURCES, value);
      return values && { field, values, negate, text };
    }
    case 'dir': {
      const values = oneOf(DIRS, value);
      return values && { field, values, negate, text };
    }
    case 'sentiment': {
      const values = oneOf(SENTIMENTS, value);
      return values && { field, values, negate, text };
    }
    case 'from':
    case 'to': {
      const period = datePeriod(value, utcOffsetMin);
      return period && { field, at: field === 'from' ? period.start : period.end, negate, text };
    }
    case 'dur': {
      const m = /^(>=|<=|>|<|=)?(.+)$/.exec(value);
      const seconds = m ? durationSeconds(m[2]!) : null;
      // A bare duration means "at least": dur:5m finds calls of five minutes or more.
      return seconds === null ? null : { field, op: (m![1] as '>' | '>=' | '<' | '<=' | '=' | undefined) ?? '>=', seconds, negate, text };
    }
  }
}
