/** Backoff knobs: the first retry waits up to `baseDelayMs`, doubling per attempt up to `maxDelayMs`. */
export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  random: () => number;
}

/**
 * Wait before the next try after attempt `attempt` (1-based) failed: the server's Retry-After
 * when it gave one (capped), else full jitter, random(0, min(cap, base·2^(attempt−1))), which
 * spreads retries of many jobs that failed together.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, p: BackoffPolicy): number {
  if (retryAfterMs !== null) return Math.min(Math.max(retryAfterMs, 0), p.maxRetryAfterMs);
  const ceiling = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(attempt - 1, 0));
  return Math.round(Math.min(Math.max(p.random(), 0), 1) * ceiling);
}
