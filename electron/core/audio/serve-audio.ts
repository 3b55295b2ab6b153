import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { OVERVIEW_MAX_BUCKETS, parseAudioPath, slicePeaksLevels, type AudioRequestVariant } from '../../../shared/audio.js';
import type { AudioVariant } from '../../../shared/types.js';
import type { AudioRepo, AudioRow } from '../db/repos/audio-repo.js';
import type { CallsRepo } from '../db/repos/calls-repo.js';
import type { DerivedFile, StereoPair } from './derived-stereo.js';
import { parseRange, type ByteRange } from './range.js';

/** What serving audio needs of the core: the repos, and the peaks and derived stereo services once the core has them. */
export interface AudioCore {
  repos: { calls: Pick<CallsRepo, 'row'>; audio: Pick<AudioRepo, 'forCall' | 'refreshMissing'> };
  peaks?: { get(audioFileId: number): Promise<Buffer> };
  /** Stereo made of a caller + agent pair; without it `best` of such a call is its caller side. */
  derived?: { get(callId: number, pair: StereoPair): Promise<DerivedFile>; peaks(file: DerivedFile): Promise<Buffer> };
}

/** A transport-neutral answer: browser mode writes it to an HTTP response, Electron turns it into a web Response. */
export interface AudioAnswer {
  status: number;
  headers: Record<string, string>;
  body: Readable | Buffer | null;
}

/** Conditional request headers and a logger; all optional. */
export interface AudioRequestExtras {
  ifRange?: string;
  ifNoneMatch?: string;
  log?: (m: string) => void;
}

const BEST_ORDER: AudioVariant[] = ['stereo', 'mono', 'caller'];

/** Answers `<callId>/<variant>[/peaks]` (the raw, still-escaped tail) with the call's audio, honouring Range; `best` of a caller + agent pair is their derived stereo. */
export async function answerAudio(core: AudioCore, tail: string, rangeHeader?: string, method = 'GET', extras: AudioRequestExtras = {}): Promise<AudioAnswer> {
  if (method !== 'GET' && method !== 'HEAD') return text(405, 'Use GET or HEAD.', method, { allow: 'GET, HEAD' });
  // The strict pattern is the whole defence: a tail with escapes, dots, slashes or NUL never matches.
  const req = parseAudioPath(tail);
  if (!req) return text(404, 'Not found.', method);
  if (!core.repos.calls.row(req.callId)) return text(404, 'No such call.', method);
  const rows = core.repos.audio.forCall(req.callId);
  const derived = req.variant === 'best' ? await derivedTarget(core, req.callId, rows) : null;
  if (derived) return answerTarget(derived, req, rangeHeader, method, extras);
  const row = pickFile(rows, req.variant);
  if (!row) return text(404, rows.some((r) => matches(r, req.variant)) ? 'The audio file is missing.' : `This call has no ${req.variant} audio.`, method);
  const info = await stat(row.path).catch(() => null);
  if (!info?.isFile()) {
    core.repos.audio.refreshMissing(req.callId, existsSync);
    return text(404, 'The audio file is missing.', method);
  }
  const peaks = core.peaks;
  const target: Target = {
    path: row.path,
    size: info.size,
    mtimeMs: info.mtimeMs,
    type: contentType(row),
    label: `audio file ${row.id}`,
    peaks: peaks ? () => peaks.get(row.id) : null,
  };
  return answerTarget(target, req, rangeHeader, method, extras);
}

/** A file to answer with: a library file or a derived one. */
interface Target {
  path: string;
  size: number;
  mtimeMs: number;
  type: string;
  /** Names the file in logs. */
  label: string;
  peaks: (() => Promise<Buffer>) | null;
}

/** For `best` of a call with only a caller + agent pair: the derived stereo file, or null to serve the caller side. */
async function derivedTarget(core: AudioCore, callId: number, rows: AudioRow[]): Promise<Target | null> {
  const derived = core.derived;
  const pair = derived ? pairFor(rows) : null;
  if (!derived || !pair) return null;
  let file: DerivedFile;
  try {
    file = await derived.get(callId, pair);
  } catch {
    // The service logs why; a side that vanished is flagged so the library shows it, and playback keeps the caller side.
    core.repos.audio.refreshMissing(callId, existsSync);
    return null;
  }
  return { path: file.path, size: file.size, mtimeMs: file.mtimeMs, type: 'audio/wav', label: `derived stereo of call ${callId}`, peaks: () => derived.peaks(file) };
}

async function answerTarget(t: Target, req: { peaks: boolean; overview: boolean }, rangeHeader: string | undefined, method: string, extras: AudioRequestExtras): Promise<AudioAnswer> {
  if (req.peaks) return answerPeaks(t, method, req.overview, extras.log);
  const size = t.size;
  const etag = `"${size.toString(16)}-${Math.floor(t.mtimeMs).toString(16)}"`;
  const type = t.type;
  const base = { 'accept-ranges': 'bytes', etag, 'cache-control': 'no-cache' };
  if (extras.ifNoneMatch !== undefined && extras.ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    return { status: 304, headers: base, body: null };
  }
  // If-Range with a stale validator means "send it all" (RFC 9110 §13.1.5); we only compare strong ETags.
  const honourRange = extras.ifRange === undefined || extras.ifRange.trim() === etag;
  const plan = parseRange(honourRange ? rangeHeader : undefined, size);
  const head = method === 'HEAD';
  if (plan.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...base, 'content-range': `bytes */${size}`, 'content-type': 'text/plain; charset=utf-8' }, body: head ? null : Buffer.from('Range not satisfiable.') };
  }
  if (plan.kind === 'full' || size === 0) {
    return { status: 200, headers: { ...base, 'content-type': type, 'content-length': String(size) }, body: head || size === 0 ? null : exactStream(t.path, 0, size - 1) };
  }
  if (plan.ranges.length === 1) {
    const { start, end } = plan.ranges[0]!;
    const headers = { ...base, 'content-type': type, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}` };
    return { status: 206, headers, body: head ? null : exactStream(t.path, start, end) };
  }
  return multipart(t.path, plan.ranges, size, type, base, head);
}

/** The file a variant names: `best` walks stereo → mono → caller; among several files the longest present one. */
export function pickFile(rows: AudioRow[], variant: AudioRequestVariant): AudioRow | null {
  const order = variant === 'best' ? BEST_ORDER : [variant];
  for (const v of order) {
    const present = rows.filter((r) => r.variant === v && r.missing === 0);
    if (present.length === 0) continue;
    present.sort((a, b) => (b.duration_sec ?? -1) - (a.duration_sec ?? -1) || b.size - a.size || a.id - b.id);
    return present[0]!;
  }
  return null;
}

/** The caller + agent files `best` turns into a derived stereo: only when no stereo or mono file is present. */
export function pairFor(rows: AudioRow[]): StereoPair | null {
  if (rows.some((r) => (r.variant === 'stereo' || r.variant === 'mono') && r.missing === 0)) return null;
  const caller = pickFile(rows, 'caller');
  const agent = pickFile(rows, 'agent');
  return caller && agent ? { caller, agent } : null;
}

/** Every call among `rows` (audio rows of any calls) that `best` would serve as a derived stereo, with its pair. */
export function pairsOf(rows: AudioRow[]): { callId: number; pair: StereoPair }[] {
  const byCall = new Map<number, AudioRow[]>();
  for (const r of rows) {
    const list = byCall.get(r.call_id);
    if (list) list.push(r);
    else byCall.set(r.call_id, [r]);
  }
  return [...byCall].flatMap(([callId, list]) => {
    const pair = pairFor(list);
    return pair ? [{ callId, pair }] : [];
  });
}

function matches(r: AudioRow, variant: AudioRequestVariant): boolean {
  return variant === 'best' ? BEST_ORDER.includes(r.variant) : r.variant === variant;
}

async function answerPeaks(t: Target, method: string, overview: boolean, log?: (m: string) => void): Promise<AudioAnswer> {
  if (!t.peaks) return text(503, 'Peaks are not available.', method);
  let buf: Buffer;
  try {
    buf = await t.peaks();
    // The overview leaves out the finest levels: a smaller transfer for the first draw.
    if (overview) buf = Buffer.from(slicePeaksLevels(buf, OVERVIEW_MAX_BUCKETS));
  } catch (err) {
    log?.(`peaks of ${t.label} failed: ${String(err)}`);
    return text(500, 'The peaks of this file could not be computed.', method);
  }
  const headers = { 'content-type': 'application/octet-stream', 'content-length': String(buf.length), 'cache-control': 'no-cache' };
  return { status: 200, headers, body: method === 'HEAD' ? null : buf };
}

function contentType(row: AudioRow): string {
  const fmt = (row.format ?? '').toLowerCase();
  return fmt === 'mp3' || fmt === 'mpeg' || /\.mp3$/i.test(row.path) ? 'audio/mpeg' : 'audio/wav';
}

function text(status: number, message: string, method: string, extra: Record<string, string> = {}): AudioAnswer {
  const body = Buffer.from(message);
  const headers = { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.length), 'cache-control': 'no-store', ...extra };
  return { status, headers, body: method === 'HEAD' ? null : body };
}

/** Reads bytes start..end of a file and fails (so the response is cut, not hung) if the file has shrunk meanwhile. */
async function* readExact(path: string, start: number, end: number): AsyncGenerator<Buffer> {
  let left = end - start + 1;
  for await (const chunk of createReadStream(path, { start, end })) {
    const buf = chunk as Buffer;
    left -= buf.length;
    yield buf;
  }
  if (left !== 0) throw new Error(`${path} changed while it was being served`);
}

function exactStream(path: string, start: number, end: number): Readable {
  return Readable.from(readExact(path, start, end), { objectMode: false });
}

function multipart(path: string, ranges: ByteRange[], size: number, type: string, base: Record<string, string>, head: boolean): AudioAnswer {
  const boundary = `callreview-${randomBytes(12).toString('hex')}`;
  const partHead = (r: ByteRange) => Buffer.from(`\r\n--${boundary}\r\nContent-Type: ${type}\r\nContent-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`);
  const tailBuf = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = ranges.reduce((n, r) => n + partHead(r).length + (r.end - r.start + 1), tailBuf.length);
  async function* parts(): AsyncGenerator<Buffer> {
    for (const r of ranges) {
      yield partHead(r);
      yield* readExact(path, r.start, r.end);
    }
    yield tailBuf;
  }
  const headers = { ...base, 'content-type': `multipart/byteranges; boundary=${boundary}`, 'content-length': String(length) };
  return { status: 206, headers, body: head ? null : Readable.from(parts(), { objectMode: false }) };
}
