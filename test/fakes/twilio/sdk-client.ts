/**
 * A minimal httpClient for the official twilio SDK that sends its requests to a fake instead
 * of api.twilio.com: the SDK's request(opts) contract over fetch, with no retries of its own.
 */
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { SdkRequest as SdkRequestOptions, SdkResponse } from '../../../electron/core/library/twilio/http-client.js';

/** What the SDK hands its httpClient and expects back: the app's own definitions of that contract. */
export type { SdkRequest as SdkRequestOptions, SdkResponse } from '../../../electron/core/library/twilio/http-client.js';

const TWILIO_ORIGIN = 'https://api.twilio.com';

function pairs(values: object | undefined): [string, string][] {
  return Object.entries(values ?? {}).flatMap(([k, v]: [string, unknown]) =>
    v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map((item): [string, string] => [k, String(item)]),
  );
}

/** The request function: rewrites https://api.twilio.com to baseUrl and fetches. */
export function fakeRequest(baseUrl: string): (opts: SdkRequestOptions) => Promise<SdkResponse> {
  return async (opts) => {
    if (!opts.uri.startsWith(TWILIO_ORIGIN)) throw new Error(`fakeHttpClient: refusing ${opts.uri}`);
    const url = new URL(baseUrl.replace(/\/$/, '') + opts.uri.slice(TWILIO_ORIGIN.length));
    for (const [k, v] of pairs(opts.params)) url.searchParams.append(k, v);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.username !== undefined && opts.password !== undefined) headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    const method = opts.method.toUpperCase();
    const body = opts.data && method !== 'GET' && method !== 'DELETE' ? new URLSearchParams(pairs(opts.data)).toString() : undefined;
    const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(opts.timeout ?? 30_000) });
    return { statusCode: res.status, body: await res.text(), headers: Object.fromEntries(res.headers.entries()) };
  };
}

/** An httpClient for `twilio(sid, token, { httpClient })` that talks to the fake at baseUrl. */
export function fakeHttpClient(baseUrl: string): RequestClient {
  // The SDK types httpClient as its axios RequestClient class, but only ever calls request().
  return { request: fakeRequest(baseUrl) } as unknown as RequestClient;
}
