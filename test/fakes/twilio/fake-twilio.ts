/**
 * A loopback fake of Twilio's REST API 2010-04-01 — account, calls, recordings, media — for
 * sync tests and the benchmark. Follows the spec's resources and the real API's paging and
 * errors; see README.md next to this file for what is simplified.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CountedQueue, faultReply, type Fault, type FaultKind } from './faults.js';
import { sharedMedia, type MediaLibrary } from './media.js';
import { errorReply, notFound, unauthorized, type FakeReply } from './reply.js';
import { dispatch, matchRoute, type RequestKind, type RouteContext } from './routes.js';
import { FakeStore, newSid, wholeSeconds, type AddRecordingOptions, type AddRecordingsOptions, type FakeCall, type FakeRecording, type RecordingStatus } from './store.js';

export type { AddRecordingOptions, AddRecordingsOptions, FakeCall, FakeRecording, RecordingStatus } from './store.js';
export type { Fault, FaultKind } from './faults.js';
export type { RequestKind } from './routes.js';

/** Options of FakeTwilio.start; everything has a default. */
export interface FakeTwilioOptions {
  /** Default: a random AC… SID. */
  accountSid?: string;
  /** Default: 32 random hex digits. */
  authToken?: string;
  /** API keys (SK… SID + secret) accepted as Basic auth for the account. */
  apiKeys?: { sid: string; secret: string }[];
  /** PageSize when a list request gives none; default 50 like the real API. */
  defaultPageSize?: number;
  /** Added to every request before it is answered. */
  latencyMs?: number;
}

/** One entry of the request log. */
export interface FakeRequestLog {
  method: string;
  /** Path with query, as sent. */
  path: string;
  status: number;
  kind: RequestKind;
  /** The Basic auth user (AccountSid or API key SID), or null without credentials. */
  user: string | null;
}

const CHUNK = 16 * 1024;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function basicAuth(header: string | undefined): { user: string; pass: string } | null {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? { user: decoded, pass: '' } : { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

/** Resolves once the chunk is handed to the kernel (so a cut really delivers its bytes first) or the response closes. */
function writeChunk(res: http.ServerResponse, part: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('close', done);
      resolve();
    };
    res.once('close', done);
    res.write(part, done);
  });
}

/** The fake server; create with FakeTwilio.start(). */
export class FakeTwilio {
  /** e.g. http://127.0.0.1:40123, no trailing slash. */
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** Every request seen, in arrival order of their answers. */
  readonly requests: FakeRequestLog[] = [];
  private readonly store: FakeStore;
  private readonly ctx: RouteContext;
  private readonly apiKeys: Map<string, string>;
  private readonly faults = new CountedQueue<{ kind: FaultKind; fault: Fault }>();
  private readonly cuts = new CountedQueue<number>();
  private readonly slows = new CountedQueue<number>();
  private latencyMs: number;

  private constructor(
    private readonly server: http.Server,
    opts: FakeTwilioOptions,
    media: MediaLibrary,
  ) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.accountSid = opts.accountSid ?? newSid('AC');
    this.authToken = opts.authToken ?? newSid('').slice(0, 32);
    this.apiKeys = new Map((opts.apiKeys ?? []).map((k) => [k.sid, k.secret]));
    this.latencyMs = opts.latencyMs ?? 0;
    this.store = new FakeStore(this.accountSid);
    this.ctx = {
      store: this.store,
      media,
      authToken: this.authToken,
      accountCreated: wholeSeconds(new Date(Date.UTC(2024, 0, 15, 9, 30))),
      defaultPageSize: opts.defaultPageSize ?? 50,
      origin: this.baseUrl,
    };
  }

  /** Starts on 127.0.0.1 with a random port. */
  static async start(opts: FakeTwilioOptions = {}): Promise<FakeTwilio> {
    const server = http.createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const fake = new FakeTwilio(server, opts, sharedMedia());
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      fake.handle(req, res).catch((err: unknown) => {
        // A bug in the fake must show up as a 500 the test can see, not a hung request.
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err));
        else res.destroy();
      });
    });
    return fake;
  }

  /** SIDs of recordings deleted through the API. */
  get deleted(): readonly string[] {
    return this.store.deleted;
  }

  /** Adds a call; fields default sensibly (E.164 numbers, inbound, completed, 42 s). */
  addCall(partial: Partial<FakeCall> = {}): FakeCall {
    return this.store.addCall(partial);
  }

  /** Adds a recording of a call (creating the call when callSid is omitted); real 8 kHz speech media. */
  addRecording(opts: AddRecordingOptions = {}): FakeRecording {
    return this.store.addRecording(opts);
  }

  /** Adds n recordings with spread-out dates, oldest first (for paging tests and the benchmark). */
  addRecordings(n: number, opts: AddRecordingsOptions = {}): FakeRecording[] {
    return this.store.addRecordings(n, opts);
  }

  /** A recording by SID (deleted ones included), as stored; mutate it to change what the API shows. */
  getRecording(sid: string): FakeRecording | undefined {
    return this.store.recordings.get(sid);
  }

  /** A call by SID, as stored. */
  getCall(sid: string): FakeCall | undefined {
    return this.store.calls.get(sid);
  }

  /** Changes a recording's status (e.g. processing → completed between two syncs). */
  setRecordingStatus(sid: string, status: RecordingStatus): void {
    const rec = this.store.recordings.get(sid);
    if (!rec) throw new Error(`FakeTwilio: no recording ${sid}`);
    rec.status = status;
    rec.dateUpdated = wholeSeconds(new Date());
  }

  /** The exact bytes a media download of this recording returns. */
  mediaBytes(sid: string, format: 'wav' | 'mp3' = 'wav', requestedChannels: 1 | 2 = 1): Buffer {
    const rec = this.store.recordings.get(sid);
    if (!rec) throw new Error(`FakeTwilio: no recording ${sid}`);
    if (format === 'mp3') return this.ctx.media.mp3Bytes(rec.durationSec);
    return this.ctx.media.wav(rec.durationSec, requestedChannels === 2 && rec.channels === 2 ? 2 : 1);
  }

  /** Queues faults: the next `times` requests whose kind matches get this answer. */
  fail(kind: FaultKind, fault: Fault): void {
    this.faults.add({ kind, fault }, fault.times ?? 1);
  }

  /** The next `times` media downloads send headers (full Content-Length), then only `bytes` bytes, then the socket is destroyed. */
  cutMedia(bytes: number, times = 1): void {
    this.cuts.add(bytes, times);
  }

  /** The next `times` media downloads wait msPerChunk between 16 KiB chunks. */
  slowMedia(msPerChunk: number, times = 1): void {
    this.slows.add(msPerChunk, times);
  }

  /** Latency added to every request (the benchmark uses 50 ms). */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Drops queued faults, cuts and slow-downs. */
  clearFaults(): void {
    this.faults.clear();
    this.cuts.clear();
    this.slows.clear();
  }

  /** Closes the server and every open connection. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private authorise(header: string | undefined): boolean {
    const creds = basicAuth(header);
    if (!creds) return false;
    if (creds.user === this.accountSid) return creds.pass === this.authToken;
    return this.apiKeys.has(creds.user) && this.apiKeys.get(creds.user) === creds.pass;
  }

  private answer(method: string, url: URL, header: string | undefined): { kind: RequestKind; reply: FakeReply } {
    const route = matchRoute(method, url.pathname);
    // Faults come first: a rate limiter or a broken edge answers before auth is even looked at.
    const queued = route.kind === 'unknown' ? null : this.faults.take((f) => f.kind === 'any' || f.kind === route.kind);
    if (queued) return { kind: route.kind, reply: faultReply(queued.fault) };
    if (!this.authorise(header)) return { kind: route.kind, reply: unauthorized() };
    // Another account's path with valid credentials: 404, so nothing reveals that it exists.
    if (route.accountSid !== null && route.accountSid !== this.accountSid) return { kind: route.kind, reply: notFound(url.pathname) };
    try {
      return { kind: route.kind, reply: dispatch(route, method, url, this.ctx) };
    } catch (err) {
      return { kind: route.kind, reply: errorReply(500, `Fake Twilio failed: ${String(err)}`) };
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    req.resume(); // no endpoint here reads a body
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const { kind, reply } = this.answer(method, url, req.headers.authorization);
    this.requests.push({ method, path: `${url.pathname}${url.search}`, status: reply.status, kind, user: basicAuth(req.headers.authorization)?.user ?? null });
    res.writeHead(reply.status, reply.headers);
    if (!reply.body || method === 'HEAD') return void res.end();
    if (!reply.media || reply.status !== 200) return void res.end(reply.body);
    await this.sendMedia(res, reply.body);
  }

  /** Sends a media body, applying a queued cut or slow-down. */
  private async sendMedia(res: http.ServerResponse, body: Buffer): Promise<void> {
    const cut = this.cuts.take();
    const slow = this.slows.take();
    if (cut === null && slow === null) return void res.end(body);
    // A cut always loses at least one byte, else it would be a complete download.
    const limit = cut === null ? body.length : Math.max(0, Math.min(cut, body.length - 1));
    for (let at = 0; at < limit && !res.destroyed; at += CHUNK) {
      if (slow !== null && at > 0) await sleep(slow);
      const part = body.subarray(at, Math.min(at + CHUNK, limit));
      await writeChunk(res, part);
    }
    if (cut !== null) res.socket?.destroy();
    else res.end();
  }
}
