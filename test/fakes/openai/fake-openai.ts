/**
 * A loopback fake of OpenAI's audio transcription API (POST /v1/audio/transcriptions, GET
 * /v1/models) and chat completions (POST /v1/chat/completions, for call analyses) for tests and
 * the benchmark: Bearer auth, real multipart parsing, the spec's validation, real decoding and
 * voice detection of the upload, texts from registered scripts, rule-based analyses of the
 * transcript sent, and queued faults. See README.md next to this file for what is simplified.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hearUpload } from './audio.js';
import { ANALYSIS_SCHEMA, answerChat, type ChatLog, type MalformedMode } from './chat.js';
import { parseChat, type ParsedChat } from './chat-request.js';
import { endpointOf, readBody, type Endpoint } from './incoming.js';
import { CountedQueue, faultReply, hits, type DelayFault, type DropFault, type DropMode, type FaultStats, type FaultTarget, type StatusFault, type StatusFaultOptions } from './faults.js';
import { fixtureScripts, FIXTURE_CALLS } from './fixture-scripts.js';
import { DEFAULT_TOLERANCE, matchBursts, type MatchTolerance, type Script, type ScriptUtterance } from './match.js';
import { listModels, retrieveModel } from './models.js';
import { respellWithPrompt } from './prompt.js';
import { invalidFileFormat, invalidUrl, tooLarge, unauthorized, type FakeReply } from './reply.js';
import { chunkingRequired, DIARIZE_MODEL, parseTranscription, tooShort, type ParsedTranscription, type RawFields } from './request.js';
import { transcriptReply } from './transcript.js';
import type { VadOptions } from './vad.js';

export type { DropMode, FaultStats, FaultTarget, StatusFaultOptions } from './faults.js';
export type { HeardSegment, Script, ScriptUtterance } from './match.js';
export type { Endpoint } from './incoming.js';
export type { ChatLog, MalformedMode } from './chat.js';

/** Options of new FakeOpenAI(); everything has a default. */
export interface FakeOpenAIOptions {
  /** The one key accepted as `Authorization: Bearer <key>`; default 'sk-fake-openai-test-key'. */
  apiKey?: string;
  /** Largest accepted file part; default 26,214,400 bytes (25 MB) like the real API. */
  maxFileBytes?: number;
  /** Added to every request before it is answered (the benchmark uses 300 ms). */
  latencyMs?: number;
  /** Duration tolerance of script matching; default ±0.15 s or ±5 %, whichever is larger. */
  tolerance?: MatchTolerance;
  vad?: Partial<VadOptions>;
}

/** One entry of the request log. */
export interface FakeOpenAIRequest {
  method: string;
  path: string;
  endpoint: Endpoint;
  /** 0 when the connection was dropped before any answer. */
  status: number;
  auth: 'ok' | 'missing' | 'wrong';
  fault: 'status' | 'drop' | null;
  /** Latency plus any queued delay. */
  delayMs: number;
  /** Size of the whole request body. */
  bodyBytes: number;
  /** The form's text fields as sent (`x[]` as arrays, `x[k]` as objects). */
  fields: RawFields;
  model: string | null;
  responseFormat: string | null;
  language: string | null;
  prompt: string | null;
  file: { name: string; type: string; bytes: number } | null;
  /** Decoded length of the upload, when it was decoded. */
  durationSec: number | null;
  /** Segments answered, when a transcript was sent. */
  segments: number | null;
  /** What a chat completion request held (null for other endpoints or a body that is not JSON). */
  chat: ChatLog | null;
}

/** The real API's file limit. */
export const MAX_FILE_BYTES = 26_214_400;
/** Bodies may exceed the file limit by this much (the other fields, multipart framing) before the form is not even parsed. */
const FORM_OVERHEAD = 1 << 20;
/** The API refuses to diarize more than this without chunking_strategy. */
const DIARIZE_UNCHUNKED_SEC = 30;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const str = (v: RawFields[string] | undefined): string | null => (typeof v === 'string' ? v : null);

/** The fake server: `const fake = new FakeOpenAI(); const baseURL = await fake.start();`. */
export class FakeOpenAI {
  readonly apiKey: string;
  /** Every request seen, in the order their answers were given. */
  readonly requests: FakeOpenAIRequest[] = [];
  /** How often each fault fired. */
  readonly stats: FaultStats = { failed: {}, dropped: 0, delayed: 0 };
  private readonly scripts: Script[] = [];
  private readonly statusFaults = new CountedQueue<StatusFault>();
  private readonly drops = new CountedQueue<DropFault>();
  private readonly delays = new CountedQueue<DelayFault>();
  private readonly malformed = new CountedQueue<MalformedMode>();
  private readonly tolerance: MatchTolerance;
  private readonly vad: Partial<VadOptions>;
  private maxFileBytes: number;
  private latencyMs: number;
  private server: http.Server | null = null;
  private tmpDir = '';
  private url = '';
  private uploads = 0;

  constructor(opts: FakeOpenAIOptions = {}) {
    this.apiKey = opts.apiKey ?? 'sk-fake-openai-test-key';
    this.maxFileBytes = opts.maxFileBytes ?? MAX_FILE_BYTES;
    this.latencyMs = opts.latencyMs ?? 0;
    this.tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
    this.vad = opts.vad ?? {};
  }

  /** Listens on 127.0.0.1 with a random port; resolves to the base URL for the SDK, e.g. http://127.0.0.1:40123/v1. */
  async start(): Promise<string> {
    if (this.server) return this.baseURL;
    this.tmpDir = await mkdtemp(join(tmpdir(), 'fake-openai-'));
    const server = http.createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch((err: unknown) => {
        // A bug in the fake must show up as a 500 the test can see, not a hung request.
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err));
        else res.destroy();
      });
    });
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    return this.url;
  }

  /** The base URL (with /v1) once started. */
  get baseURL(): string {
    if (!this.url) throw new Error('FakeOpenAI: not started');
    return this.url;
  }

  /** Closes the server and every open connection, and removes the temp folder. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    if (this.tmpDir) await rm(this.tmpDir, { recursive: true, force: true });
  }

  /** Registers utterances spoken in this order; uploads whose speech fits a run of them get their texts. Returns the script's name. */
  addScript(utterances: readonly ScriptUtterance[], name = `script-${this.scripts.length + 1}`): string {
    this.scripts.push({ name, utterances: [...utterances] });
    return name;
  }

  /** Registers the committed fixture calls (per channel, and both channels mixed); returns the script names. */
  addFixtureScripts(root: string = FIXTURE_CALLS): string[] {
    const scripts = fixtureScripts(root);
    this.scripts.push(...scripts);
    return scripts.map((s) => s.name);
  }

  /** The next `n` matching requests get `status` (429/500/503 with Retry-After, 401 with OpenAI's body, …). */
  failNext(n: number, status: number, opts: StatusFaultOptions = {}): void {
    this.statusFaults.add({ ...opts, status }, n);
  }

  /** The next `n` matching requests lose their connection: before any answer (the SDK sees APIConnectionError) or halfway through the body. */
  dropNext(n: number, opts: { mode?: DropMode; target?: FaultTarget } = {}): void {
    this.drops.add({ mode: opts.mode ?? 'before-headers', target: opts.target ?? 'any' }, n);
  }

  /** The next `n` matching requests are answered `ms` later (on top of the latency). */
  delayNext(n: number, ms: number, target: FaultTarget = 'any'): void {
    this.delays.add({ ms, target }, n);
  }

  /** The next `n` call analyses (json_schema call_analysis) are answered malformed the given way; the answer is otherwise a normal 200. */
  malformedNext(n: number, mode: MalformedMode): void {
    this.malformed.add(mode, n);
  }

  /** Latency added to every request. */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Changes the file size limit (tests use small ones). */
  setMaxFileBytes(bytes: number): void {
    this.maxFileBytes = bytes;
  }

  /** Drops queued faults, drops and delays. */
  clearFaults(): void {
    this.statusFaults.clear();
    this.drops.clear();
    this.delays.clear();
    this.malformed.clear();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const { endpoint, modelId } = endpointOf(method, url.pathname);
    const { body, total, overflow } = await readBody(req, this.maxFileBytes + FORM_OVERHEAD);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const log: FakeOpenAIRequest = {
      method, path: `${url.pathname}${url.search}`, endpoint, status: 0, auth: bearer === null ? 'missing' : bearer === this.apiKey ? 'ok' : 'wrong',
      fault: null, delayMs: 0, bodyBytes: total, fields: {}, model: null, responseFormat: null, language: null, prompt: null, file: null, durationSec: null, segments: null, chat: null,
    };
    try {
      const parsed = endpoint === 'transcriptions' && !overflow ? await parseTranscription(body, req.headers['content-type'], this.maxFileBytes) : null;
      if (parsed) this.logFields(log, parsed);
      const chat = endpoint === 'chat' && !overflow ? this.logChat(log, parseChat(body, req.headers['content-type'])) : null;
      const delay = this.delays.take((d) => hits(d.target, endpoint));
      if (delay) this.stats.delayed++;
      log.delayMs = this.latencyMs + (delay?.ms ?? 0);
      if (log.delayMs > 0) await sleep(log.delayMs);
      const drop = this.drops.take((d) => hits(d.target, endpoint));
      if (drop) {
        log.fault = 'drop';
        this.stats.dropped++;
      }
      if (drop?.mode === 'before-headers') return void req.socket.destroy();
      const reply = await this.answer(endpoint, modelId, method, url.pathname, bearer, log, { parsed, chat, total, overflow });
      reply.headers['x-request-id'] = `req_${randomBytes(16).toString('hex')}`;
      reply.headers['openai-processing-ms'] = String(Date.now() - started);
      reply.headers['openai-version'] = '2020-10-01';
      log.status = reply.status;
      if (drop) {
        // Full Content-Length, then half the bytes: the client is cut off inside the body.
        res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.body.length) });
        res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () => res.socket?.destroy());
        return;
      }
      res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.body.length) }).end(reply.body);
    } finally {
      this.requests.push(log);
    }
  }

  private logFields(log: FakeOpenAIRequest, parsed: ParsedTranscription): void {
    const raw = parsed.raw;
    Object.assign(log, { fields: raw, model: str(raw.model), responseFormat: str(raw.response_format) ?? 'json', language: str(raw.language), prompt: str(raw.prompt) });
    if (parsed.ok) log.file = { name: parsed.file.name, type: parsed.file.type, bytes: parsed.file.bytes.length };
  }

  private logChat(log: FakeOpenAIRequest, chat: ParsedChat): ParsedChat {
    const body = chat.ok ? chat.request.body : chat.body;
    if (body) Object.assign(log, { fields: {}, model: typeof body.model === 'string' ? body.model : null });
    if (chat.ok) {
      const r = chat.request;
      log.responseFormat = r.responseFormat;
      log.chat = { messages: r.messages, responseFormat: r.responseFormat, schemaName: r.schemaName, strict: r.strict, lines: 0, refs: [], malformed: null };
    }
    return chat;
  }

  private async answer(
    endpoint: Endpoint,
    modelId: string | undefined,
    method: string,
    pathname: string,
    bearer: string | null,
    log: FakeOpenAIRequest,
    upload: { parsed: ParsedTranscription | null; chat: ParsedChat | null; total: number; overflow: boolean },
  ): Promise<FakeReply> {
    // Faults come first: a rate limiter or a broken edge answers before auth is even looked at.
    const fault = endpoint === 'unknown' ? null : this.statusFaults.take((f) => hits(f.target ?? 'any', endpoint));
    if (fault) {
      log.fault = 'status';
      this.stats.failed[fault.status] = (this.stats.failed[fault.status] ?? 0) + 1;
      return faultReply(fault, log.model ?? 'whisper-1');
    }
    if (log.auth !== 'ok') return unauthorized(bearer);
    if (endpoint === 'models') return listModels();
    if (endpoint === 'model') return retrieveModel(modelId ?? '');
    if (endpoint === 'unknown') return invalidUrl(method, pathname);
    if (endpoint === 'chat') {
      if (!upload.chat) return tooLarge(this.maxFileBytes, upload.total);
      if (!upload.chat.ok) return upload.chat.reply;
      const analysis = upload.chat.request.schemaName === ANALYSIS_SCHEMA;
      return answerChat(upload.chat.request, analysis ? this.malformed.take() : null, log.chat!);
    }
    if (upload.overflow || !upload.parsed) return tooLarge(this.maxFileBytes, upload.total);
    const parsed = upload.parsed;
    if (!parsed.ok) return parsed.reply;
    const heard = await hearUpload(parsed.file.bytes, this.tmpDir, ++this.uploads, this.vad);
    if (!heard) return invalidFileFormat();
    log.durationSec = heard.durationSec;
    if (heard.durationSec < 0.1) return tooShort();
    if (parsed.fields.model === DIARIZE_MODEL && heard.durationSec > DIARIZE_UNCHUNKED_SEC && !parsed.fields.chunking_strategy) return chunkingRequired();
    // The prompt respells near misses of its words, as Whisper's vocabulary prompting does.
    const segments = matchBursts(heard.bursts, this.scripts, this.tolerance).map((s) => ({ ...s, text: respellWithPrompt(s.text, parsed.fields.prompt) }));
    log.segments = segments.length;
    return transcriptReply({ segments, durationSec: heard.durationSec }, parsed.fields);
  }
}
