import type { Envelope } from './envelope.js';

/** What the preload exposes as `window.api`: untyped at the wire, typed by renderer/api/client.ts. */
export interface BridgeApi {
  /** Sends a request on a channel; always resolves to an envelope. */
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Path prefixes of the browser-mode HTTP API (shared by server and client). */
export const HTTP_API = {
  invoke: '/api/invoke/',
  events: '/api/events',
  login: '/login',
  tokenCookie: 'callreview_token',
} as const;
