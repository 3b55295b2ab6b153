import { isTransientStatus, parseRetryAfter, TransientError, withRetry, type RetryPolicy } from './retry.js';

/** The default API origin; TWILIO_API_BASE_URL replaces it for tests, proxies and acceptance checks. */
export const TWILIO_API_ORIGIN = 'https://api.twilio.com';

/** The request shape the twilio SDK hands its httpClient. */
export interface SdkRequest {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  headers?: Record<string, string>;
  params?: object;
  data?: object;
  timeout?: number;
}

/** The response shape the SDK expects back. */
export interface SdkResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

/** What the HTTP layer needs: fetch, where the API lives, and how to retry. */
export interface TwilioHttpOptions {
  fetch: typeof fetch;
  baseUrl: string;
  retry: RetryPolicy;
  timeoutMs: number;
  onRetry?: (message: string, delayMs: number) => void;
}

/** Maps an api.twilio.com URL onto the configured base URL (keeping path and query). */
export function rebase(uri: string, baseUrl: string): string {
  const u = new URL(uri);
  const base = new URL(baseUrl);
  if (u.origin !== TWILIO_API_ORIGIN && u.origin !== base.origin) throw new Error(`Refusing a request outside the Twilio API: ${u.origin}`);
  return `${base.origin}${base.pathname.replace(/\/$/, '')}${u.pathname}${u.search}`;
}

/** Basic auth header for a username and password. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function appendParams(url: URL, params: object | undefined): void {
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
  }
}

/**
 * The twilio SDK's httpClient: fetch-based, pointed at the configured base URL, and owning
 * retries (429/5xx/timeouts/resets with backoff honouring Retry-After). 401/403 come back at once.
 */
export function createTwilioHttpClient(o: TwilioHttpOptions): { request(opts: SdkRequest): Promise<SdkResponse> } {
  return {
    async request(opts) {
      const url = new URL(rebase(opts.uri, o.baseUrl));
      appendParams(url, opts.params);
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.username && opts.password) headers.Authorization = basicAuth(opts.username, opts.password);
      const method = opts.method.toUpperCase();
      const body = opts.data && method !== 'GET' && method !== 'DELETE' ? formBody(opts.data) : undefined;
      let last: SdkResponse | null = null;
      try {
        return await withRetry(
          async () => {
            let res: Response;
            try {
              res = await o.fetch(url, { method, headers, body, signal: AbortSignal.timeout(opts.timeout ?? o.timeoutMs) });
            } catch (err) {
              throw new TransientError(`request to ${url.pathname} failed: ${describeNetworkError(err)}`);
            }
            const text = await res.text().catch((err: unknown) => {
              throw new TransientError(`reading ${url.pathname} failed: ${describeNetworkError(err)}`);
            });
            last = { statusCode: res.status, body: text, headers: Object.fromEntries(res.headers.entries()) };
            if (isTransientStatus(res.status)) throw new TransientError(`HTTP ${res.status} from ${url.pathname}`, parseRetryAfter(res.headers.get('retry-after')));
            return last;
          },
          o.retry,
          (err, delay) => o.onRetry?.(err.message, delay),
        );
      } catch (err) {
        // Out of retries on a status: hand the SDK the response so it raises its RestException.
        if (err instanceof TransientError && last) return last;
        throw err;
      }
    },
  };
}

/** Encodes SDK form data (POST bodies) as application/x-www-form-urlencoded. */
function formBody(data: object): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) if (v !== undefined && v !== null) form.append(k, String(v));
  return form.toString();
}

/** A short reason for a network failure (timeout, reset, refused). */
export function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out';
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? err.message;
  }
  return String(err);
}
