import {
  contract,
  events,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from '../../shared/ipc/contract.js';
import { AppError, ErrorBody, type Envelope } from '../../shared/ipc/envelope.js';
import { HTTP_API, type BridgeApi } from '../../shared/ipc/bridge.js';

declare global {
  interface Window {
    api?: BridgeApi;
  }
}

/** Talks to the main side over HTTP and Server-Sent Events (browser mode). */
export function httpTransport(base = ''): BridgeApi {
  // One EventSource for all subscriptions: each one holds an HTTP connection, and browsers allow few per host.
  let source: EventSource | null = null;
  let subscribers = 0;
  return {
    async invoke(channel, input) {
      let res: Response;
      try {
        res = await fetch(`${base}${HTTP_API.invoke}${encodeURIComponent(channel)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (err) {
        return { ok: false, error: { code: 'io', message: `The CallReview server cannot be reached (${String(err)}).` } };
      }
      if (res.status === 401) {
        return { ok: false, error: { code: 'unauthorized', message: 'This page is not signed in: open the URL that `callreview serve` printed.' } };
      }
      try {
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `The server answered ${channel} with HTTP ${res.status} and no JSON.` } };
      }
    },
    on(event, listener) {
      source ??= new EventSource(`${base}${HTTP_API.events}`, { withCredentials: true });
      const es = source;
      subscribers += 1;
      const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as unknown);
      es.addEventListener(event, handler);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        es.removeEventListener(event, handler);
        subscribers -= 1;
        if (subscribers === 0) {
          es.close();
          if (source === es) source = null;
        }
      };
    },
  };
}

/** The typed API the React app uses; one implementation for Electron and browser mode. */
export class ApiClient {
  constructor(private readonly transport: BridgeApi) {}

  /** Calls a channel and returns its validated value, or throws an AppError. */
  async call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const env = await this.transport.invoke(channel, input);
    if (!env.ok) {
      const err = ErrorBody.safeParse(env.error);
      throw err.success ? new AppError(err.data.code, err.data.message) : new AppError('internal', 'Malformed error reply');
    }
    const parsed = contract[channel].output.safeParse(env.value);
    if (!parsed.success) throw new AppError('internal', `Reply on ${channel} did not match the contract`);
    return parsed.data as ChannelOutput<C>;
  }

  /** Subscribes to a validated event; payloads that do not match are dropped. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.transport.on(event, (raw) => {
      const parsed = events[event].safeParse(raw);
      if (parsed.success) listener(parsed.data as EventPayload<E>);
    });
  }
}

/** Picks window.api under Electron, HTTP otherwise. */
export function createClient(): ApiClient {
  return new ApiClient(window.api ?? httpTransport());
}
