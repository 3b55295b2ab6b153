import type { CallListFilters, DashboardFilters } from '../../../../shared/dashboard.js';
import { CURRENT_ID } from './analyses-repo.js';

/** A WHERE clause over `calls c` (always valid SQL, "1" when nothing filters) and its parameters in order. */
export interface SqlWhere {
  where: string;
  params: unknown[];
}

/** The date() modifier that moves a UTC timestamp into the reviewer's day ('+120 minutes'). */
export function offsetModifier(utcOffsetMin: number | undefined): string {
  const m = utcOffsetMin ?? 0;
  return `${m < 0 ? '-' : '+'}${Math.abs(m)} minutes`;
}

/** The calendar day of a call's start in the reviewer's zone; the first parameter is offsetModifier(). */
export const DAY_SQL = 'date(c.started_at, ?)';

/**
 * The current analysis row of kind `kind` for call `c` (alias `a`), of a payload format this
 * version reads; the kind is inlined (a fixed word, never input).
 */
export function currentAnalysis(kind: 'llm' | 'metrics'): string {
  return `FROM analyses a WHERE ${currentAnalysisWhere(kind)}`;
}

/** The condition of currentAnalysis alone, for joins of `c` (a call, or a row with its id) and `a`. */
export function currentAnalysisWhere(kind: 'llm' | 'metrics'): string {
  const format = kind === 'llm' ? `a.payload->>'$.format' = 1` : `a.payload->>'$.version' = 1`;
  return `a.call_id = c.id AND a.kind = '${kind}' AND a.id = ${CURRENT_ID} AND ${format}`;
}

// Agent/bot responses to the caller, latency floored at 0 as the metrics' median counts them.
const RESPONSE_LATENCY = `max(i.value->>'latencySec', 0)`;
const IS_RESPONSE = `i.value->>'from' = 'caller' AND i.value->>'to' IN ('agent', 'bot')`;

/** The latency of each agent/bot response in a current metrics row `a` (json_each alias `i`). */
export const RESPONSE_LATENCY_SQL = { value: RESPONSE_LATENCY, where: IS_RESPONSE };

/**
 * Builds the WHERE clause of the call list and the dashboard. Every value is a bound parameter;
 * only fixed SQL fragments are joined.
 */
export function callFilterSql(f: CallListFilters | DashboardFilters): SqlWhere {
  const parts: string[] = [];
  const params: unknown[] = [];
  const mod = offsetModifier(f.utcOffsetMin);
  if (f.from !== undefined) {
    parts.push(`${DAY_SQL} >= ?`);
    params.push(mod, f.from);
  }
  if (f.to !== undefined) {
    parts.push(`${DAY_SQL} <= ?`);
    params.push(mod, f.to);
  }
  if (f.source !== undefined) {
    parts.push('c.source = ?');
    params.push(f.source);
  }
  // Twilio says outbound-api / outbound-dial; a call of unknown direction is neither.
  if (f.direction === 'inbound') parts.push(`c.direction = 'inbound'`);
  if (f.direction === 'outbound') parts.push(`c.direction LIKE 'outbound%'`);
  if (f.tag !== undefined) {
    // lower() on both sides, as the call_tags index and the per-call uniqueness fold case.
    parts.push('EXISTS (SELECT 1 FROM call_tags t WHERE t.call_id = c.id AND lower(t.tag) = lower(?))');
    params.push(f.tag.trim());
  }
  if ('callIds' in f && f.callIds !== undefined) {
    parts.push('c.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(f.callIds));
  }
  if ('day' in f && f.day !== undefined) {
    parts.push(`${DAY_SQL} = ?`);
    params.push(mod, f.day);
  }
  if ('hasFlag' in f && f.hasFlag !== undefined) {
    parts.push(
      `EXISTS (SELECT 1 ${currentAnalysis('llm')} AND EXISTS (SELECT 1 FROM json_each(a.payload, '$.qaFlags') q
         WHERE q.value->>'present' = 1 AND lower(q.value->>'flag') = lower(?)))`,
    );
    params.push(f.hasFlag.trim());
  }
  if ('phrase' in f && f.phrase !== undefined) {
    parts.push(
      `EXISTS (SELECT 1 ${currentAnalysis('llm')} AND EXISTS (SELECT 1 FROM json_each(a.payload, '$.keyPhrases') k
         WHERE lower(trim(k.value->>'text')) = lower(?)))`,
    );
    params.push(f.phrase.trim());
  }
  if ('sentiment' in f && f.sentiment !== undefined) {
    parts.push(`EXISTS (SELECT 1 ${currentAnalysis('llm')} AND a.payload->>'$.sentiment.overall.label' = ?)`);
    params.push(f.sentiment);
  }
  if ('latency' in f && f.latency !== undefined) {
    parts.push(
      `EXISTS (SELECT 1 ${currentAnalysis('metrics')} AND EXISTS (SELECT 1 FROM json_each(a.payload, '$.latency.items') i
         WHERE ${IS_RESPONSE} AND ${RESPONSE_LATENCY} >= ? AND (? IS NULL OR ${RESPONSE_LATENCY} < ?)))`,
    );
    params.push(f.latency.min, f.latency.max, f.latency.max);
  }
  return { where: parts.length === 0 ? '1' : parts.join(' AND '), params };
}
