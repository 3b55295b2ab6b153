/** Longest server-requested wait (Retry-After) we honour by default; a server asking for more gets this. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 10 * 60_000;

/** What a job failure carries besides its code and message. */
export interface JobErrorOptions {
  retryable: boolean;
  /** How long the server asked us to wait (Retry-After), already capped. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

/** A job failure with a stable code, a message a reviewer understands, and whether another try may help. */
export class JobError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;

  constructor(
    readonly code: string,
    message: string,
    opts: JobErrorOptions,
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'JobError';
    this.retryable = opts.retryable;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/** How classifyError words and caps what it finds. */
export interface ClassifyOptions {
  /** Who answered, for messages: 'OpenAI' gives "OpenAI rejected the API key (401)…". */
  service?: string;
  maxRetryAfterMs?: number;
  /** Epoch ms, to turn a Retry-After HTTP date into a wait. */
  nowMs?: number;
}

// The shape of an HTTP-ish error (the openai SDK's APIError, a fetch wrapper's error, a Node
// socket error), read by duck typing so the queue core never imports an SDK.
interface HttpishError {
  status?: unknown;
  headers?: unknown;
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT']);

/** Reads one header from a `Headers` instance or a plain record (any key case). */
export function headerValue(headers: unknown, name: string): string | null {
  if (headers === null || typeof headers !== 'object') return null;
  const withGet = headers as { get?: unknown };
  if (typeof withGet.get === 'function') {
    const v: unknown = (withGet.get as (n: string) => unknown).call(headers, name);
    return typeof v === 'string' ? v : null;
  }
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (k.toLowerCase() !== name) continue;
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  }
  return null;
}

/** The wait a server asked for: `retry-after-ms`, else `Retry-After` as seconds or an HTTP date; capped; null when absent or unreadable. */
export function retryAfterMs(headers: unknown, maxMs = DEFAULT_MAX_RETRY_AFTER_MS, nowMs = Date.now()): number | null {
  let ms: number | null = null;
  const precise = headerValue(headers, 'retry-after-ms');
  if (precise !== null && precise.trim() !== '' && Number.isFinite(Number(precise))) ms = Number(precise);
  const plain = ms === null ? headerValue(headers, 'retry-after') : null;
  if (plain !== null && plain.trim() !== '') {
    const secs = Number(plain);
    if (Number.isFinite(secs)) ms = secs * 1000;
    else {
      const at = Date.parse(plain);
      if (Number.isFinite(at)) ms = at - nowMs;
    }
  }
  return ms === null ? null : Math.round(Math.min(Math.max(ms, 0), maxMs));
}

/** The server's own words, without the SDK's "401 " prefix, shortened; '' when there are none. */
function serverDetail(e: HttpishError, status: number): string {
  if (typeof e.message !== 'string') return '';
  const text = e.message.replace(new RegExp(`^${status}\\s*`), '').trim();
  if (!text || /^status code \d+/i.test(text)) return '';
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

/** A failure with an HTTP status: 4xx other than 408/409/429 are final, with advice; the rest are retried. */
function fromStatus(e: HttpishError, status: number, svc: string, opts: ClassifyOptions): JobError {
  const detail = serverDetail(e, status);
  const said = detail ? ` It said: ${detail}` : '';
  const final = (code: string, message: string) => new JobError(code, message, { retryable: false, cause: e });
  const wait = retryAfterMs(e.headers, opts.maxRetryAfterMs, opts.nowMs);
  const again = (code: string, message: string) => new JobError(code, message, { retryable: true, retryAfterMs: wait, cause: e });
  switch (status) {
    case 400:
      return final('bad-request', `${svc} rejected the request as invalid (400); retrying will not help.${said}`);
    case 401:
      return final('unauthorized', `${svc} rejected the API key (401). Check the key in Settings.`);
    case 403:
      return final('forbidden', `${svc} refused access (403): the key may lack permission for this model, or the account or region is blocked. Check the key in Settings.${said}`);
    case 404:
      return final('not-found', `${svc} does not know this model or address (404). Check the model and base URL in Settings.${said}`);
    case 413:
      return final('too-large', `The audio is too large for ${svc} (413); it has to be sent in smaller pieces.`);
    case 408:
      return again('timeout', `${svc} timed out (408).`);
    case 409:
      return again('conflict', `${svc} reported a conflict (409).`);
    case 429:
      // OpenAI answers an exhausted budget with 429 too, but waiting does not refill it.
      if (e.code === 'insufficient_quota') return final('quota', `${svc} says the account has no credit left (429 insufficient_quota). Add credit or use another key.`);
      return again('rate-limited', `${svc} is rate-limiting requests (429).`);
  }
  if (status >= 500) return again('server-error', `${svc} had a server error (${status}).${said}`);
  return final(`http-${status}`, `${svc} rejected the request (${status}); retrying will not help.${said}`);
}

/** A Node socket error code (ECONNRESET, UND_ERR_…) on the error or down its cause chain (fetch nests it twice); '' if none. */
function socketCode(e: HttpishError): string {
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && cur !== null && typeof cur === 'object'; depth++) {
    const code = (cur as HttpishError).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR_'))) return code;
    cur = (cur as HttpishError).cause;
  }
  return '';
}

/**
 * Turns anything a handler threw into a JobError: JobErrors pass through; HTTP-ish errors
 * (the openai SDK's, with `.status` and `.headers`) by status; timeouts and network failures are
 * retryable; anything else is retryable as 'internal' (attempts are bounded).
 */
export function classifyError(err: unknown, opts: ClassifyOptions = {}): JobError {
  if (err instanceof JobError) return err;
  const svc = opts.service ?? 'The server';
  const e: HttpishError = err !== null && typeof err === 'object' ? (err as HttpishError) : { message: String(err) };
  if (typeof e.status === 'number' && e.status >= 400 && e.status <= 599) return fromStatus(e, e.status, svc, opts);
  // The openai SDK's errors keep name 'Error'; their class name tells a timeout from a lost connection.
  const ctor = (e as { constructor?: { name?: unknown } }).constructor?.name;
  const name = typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof ctor === 'string' ? ctor : '';
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  if (name === 'APIConnectionTimeoutError' || name === 'TimeoutError' || /timed? ?out/i.test(message)) {
    return new JobError('timeout', `${svc} did not answer in time.`, { retryable: true, cause: err });
  }
  const code = socketCode(e);
  // undici reports a body cut off mid-way as a bare TypeError('terminated').
  if (name === 'APIConnectionError' || code !== '' || message === 'fetch failed' || message === 'terminated') {
    return new JobError('network', `Could not reach ${svc === 'The server' ? 'the server' : svc} (${code || 'network error'}).`, { retryable: true, cause: err });
  }
  return new JobError('internal', message, { retryable: true, cause: err });
}
