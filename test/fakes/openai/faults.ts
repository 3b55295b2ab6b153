/**
 * Queued misbehaviour: error answers, dropped connections and slow answers, each consumed by the
 * next `n` matching requests (oldest entry first), plus the error bodies and rate-limit headers
 * the real API sends with them.
 */
import { errorReply, unauthorized, type FakeReply } from './reply.js';

export { CountedQueue } from '../twilio/faults.js';

/** Which requests a fault hits. */
export type FaultTarget = 'transcriptions' | 'chat' | 'models' | 'any';

/** Options of FakeOpenAI.failNext. */
export interface StatusFaultOptions {
  /** Sent as Retry-After (whole seconds); 429, 500 and 503 get 1 s unless given. */
  retryAfterSec?: number;
  /** Sent as retry-after-ms, which the SDK prefers over Retry-After. */
  retryAfterMs?: number;
  /** Replaces the error message. */
  message?: string;
  /** Default 'any'. */
  target?: FaultTarget;
}

/** A queued error answer. */
export interface StatusFault extends StatusFaultOptions {
  status: number;
}

/** How a dropped connection dies. */
export type DropMode = 'before-headers' | 'mid-body';

/** A queued dropped connection. */
export interface DropFault {
  mode: DropMode;
  target: FaultTarget;
}

/** A queued slow answer. */
export interface DelayFault {
  ms: number;
  target: FaultTarget;
}

/** How often each kind of fault has fired. */
export interface FaultStats {
  /** By HTTP status. */
  failed: Record<number, number>;
  dropped: number;
  delayed: number;
}

const RETRYABLE = new Set([429, 500, 503]);

/** OpenAI's wording and error type per status. */
function bodyFor(status: number, model: string): { message: string; type: string; code: string | null } {
  switch (status) {
    case 429:
      return { message: `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 50, Used 50, Requested 1.`, type: 'requests', code: 'rate_limit_exceeded' };
    case 500:
      return { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null };
    case 502:
      return { message: 'Bad gateway.', type: 'server_error', code: null };
    case 503:
      return { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null };
    default:
      return { message: `HTTP ${status}`, type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null };
  }
}

/** The reply a status fault gives; `model` names the model in rate-limit messages. */
export function faultReply(f: StatusFault, model: string): FakeReply {
  if (f.status === 401 && f.message === undefined) return unauthorized('sk-revoked-by-fault');
  const headers: Record<string, string> = {};
  const retryAfter = f.retryAfterSec ?? (f.retryAfterMs !== undefined ? Math.max(1, Math.ceil(f.retryAfterMs / 1000)) : RETRYABLE.has(f.status) ? 1 : undefined);
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  if (f.retryAfterMs !== undefined) headers['retry-after-ms'] = String(f.retryAfterMs);
  if (f.status === 429) {
    headers['x-ratelimit-limit-requests'] = '50';
    headers['x-ratelimit-remaining-requests'] = '0';
    headers['x-ratelimit-reset-requests'] = `${retryAfter ?? 1}s`;
  }
  const d = bodyFor(f.status, model);
  return errorReply(f.status, f.message ?? d.message, d.type, null, d.code, headers);
}

/** Whether a fault aimed at `target` hits a request to `endpoint`. */
export function hits(target: FaultTarget, endpoint: string): boolean {
  return target === 'any' || target === endpoint;
}
