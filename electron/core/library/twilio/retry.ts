/** How hard to retry a transient failure (429, 5xx, timeouts, resets). */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we honour; a server asking for more gets this. */
  maxRetryAfterMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Defaults for the real API: five tries over up to a minute or so. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

/** A failure that is worth another try, with the server's Retry-After when it gave one. */
export class TransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'TransientError';
  }
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** Delay before try `attempt` (1-based retry count): Retry-After when given, else exponential backoff with full jitter. */
export function backoffDelay(attempt: number, retryAfterMs: number | null, p: RetryPolicy): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, p.maxRetryAfterMs);
  const ceiling = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1));
  return Math.round((p.random ?? Math.random)() * ceiling);
}

/** Runs `fn`, retrying TransientErrors with backoff; anything else is thrown at once. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, p: RetryPolicy, onRetry?: (err: TransientError, delayMs: number) => void): Promise<T> {
  const sleep = p.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!(err instanceof TransientError) || attempt >= p.maxAttempts) throw err;
      const delay = backoffDelay(attempt, err.retryAfterMs, p);
      onRetry?.(err, delay);
      await sleep(delay);
    }
  }
}

/** True for statuses that a later try may get past. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}
