import type { Activity } from '../../shared/types.js';

/** The first payload field present among several names, since sources spell them differently. */
export function pick(payload: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) if (payload[k] !== undefined) return payload[k];
  return undefined;
}

/** Payload fields that name a function call or an event, as various sources spell them. */
export const NAME_KEYS = ['name', 'function', 'functionName', 'function_name', 'tool'];
export const ARG_KEYS = ['arguments', 'args', 'parameters', 'input'];
export const RESULT_KEYS = ['result', 'output', 'response', 'return'];
export const EVENT_KEYS = ['event', 'name', 'type', 'kind'];

/** The display name of a function call or session event, with a generic word when the payload has none. */
export function activityName(activity: Activity): string {
  const fn = activity.type === 'function_call';
  const name = pick(activity.payload, fn ? NAME_KEYS : EVENT_KEYS);
  return typeof name === 'string' ? name : fn ? 'function' : 'event';
}
