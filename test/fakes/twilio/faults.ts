/**
 * Queued misbehaviour: error answers per request kind, and cut or slow media bodies. Each
 * entry is consumed by the next `times` matching requests, oldest entry first.
 */
import { jsonReply, twilioErrorBody, type FakeReply } from './reply.js';
import type { RequestKind } from './routes.js';

/** Which requests a fault hits. */
export type FaultKind = Exclude<RequestKind, 'unknown'> | 'any';

/** An error answer to give instead of the real one. */
export interface Fault {
  status: number;
  /** Sent as Retry-After; 429, 500 and 503 get 1 s unless given. */
  retryAfterSec?: number;
  /** How many requests get it; default 1. */
  times?: number;
  /** Replaces Twilio's JSON error body (strings are sent verbatim). */
  body?: unknown;
}

interface Counted<T> {
  value: T;
  left: number;
}

/** A FIFO of counted entries. */
export class CountedQueue<T> {
  private readonly entries: Counted<T>[] = [];

  /** Queues `value` for the next `times` matches. */
  add(value: T, times = 1): void {
    if (times > 0) this.entries.push({ value, left: times });
  }

  /** Takes one use of the first entry that `match` accepts. */
  take(match: (value: T) => boolean = () => true): T | null {
    const i = this.entries.findIndex((e) => match(e.value));
    const entry = this.entries[i];
    if (!entry) return null;
    if (--entry.left <= 0) this.entries.splice(i, 1);
    return entry.value;
  }

  /** Drops everything queued. */
  clear(): void {
    this.entries.length = 0;
  }
}

const RETRYABLE = new Set([429, 500, 503]);

/** The reply a fault gives. */
export function faultReply(f: Fault): FakeReply {
  const headers: Record<string, string> = {};
  const retryAfter = f.retryAfterSec ?? (RETRYABLE.has(f.status) ? 1 : undefined);
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  if (f.status === 401) headers['WWW-Authenticate'] = 'Basic realm="Twilio API"';
  if (typeof f.body === 'string') return { status: f.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body: Buffer.from(f.body) };
  return jsonReply(f.status, f.body === undefined ? twilioErrorBody(f.status) : f.body, headers);
}
