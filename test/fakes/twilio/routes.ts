/**
 * Maps a request onto the 2010-04-01 resources the app uses and answers it from the store.
 * Authentication, faults and the request log live in fake-twilio.ts; this file only knows
 * what each path means.
 */
import { listRecordings } from './list.js';
import type { MediaLibrary } from './media.js';
import { errorReply, jsonReply, notFound, type FakeReply } from './reply.js';
import { accountJson, accountPath, callJson, recordingJson } from './resources.js';
import type { FakeStore } from './store.js';

/** What a request asks for; faults are queued per kind. */
export type RequestKind = 'list' | 'recording' | 'call' | 'account' | 'media' | 'delete' | 'unknown';

/** A matched path: its kind, the AccountSid it names and the resource SID (if any). */
export interface Route {
  kind: RequestKind;
  accountSid: string | null;
  sid?: string;
  ext?: 'json' | 'wav' | 'mp3' | '';
  /** For /Calls/{CallSid}/Recordings.json. */
  callSid?: string;
}

/** What handlers need besides the request. */
export interface RouteContext {
  store: FakeStore;
  media: MediaLibrary;
  authToken: string;
  accountCreated: Date;
  defaultPageSize: number;
  /** The fake's base URL, for media_url. */
  origin: string;
}

const ACC = '/2010-04-01/Accounts/([^/]+)';
const PATTERNS: [RegExp, (m: RegExpExecArray, method: string) => Route][] = [
  [new RegExp(`^${ACC}\\.json$`), (m) => ({ kind: 'account', accountSid: m[1] ?? null })],
  [new RegExp(`^${ACC}/Recordings\\.json$`), (m) => ({ kind: 'list', accountSid: m[1] ?? null })],
  [new RegExp(`^${ACC}/Calls/([^/.]+)/Recordings\\.json$`), (m) => ({ kind: 'list', accountSid: m[1] ?? null, ...(m[2] ? { callSid: m[2] } : {}) })],
  [new RegExp(`^${ACC}/Calls/([^/.]+)\\.json$`), (m) => ({ kind: 'call', accountSid: m[1] ?? null, ...(m[2] ? { sid: m[2] } : {}) })],
  [
    new RegExp(`^${ACC}/Recordings/([^/.]+)(?:\\.(json|wav|mp3))?$`),
    (m, method) => {
      const ext = (m[3] ?? '') as Route['ext'];
      const kind: RequestKind = method === 'DELETE' ? 'delete' : ext === 'json' ? 'recording' : 'media';
      return { kind, accountSid: m[1] ?? null, ...(m[2] ? { sid: m[2] } : {}), ext };
    },
  ],
];

/** Which resource a method and path name ('unknown' when none). */
export function matchRoute(method: string, pathname: string): Route {
  for (const [re, make] of PATTERNS) {
    const m = re.exec(pathname);
    if (m) return make(m, method);
  }
  return { kind: 'unknown', accountSid: null };
}

function mediaReply(route: Route, q: URLSearchParams, ctx: RouteContext, pathname: string): FakeReply {
  const rec = route.sid ? ctx.store.visibleRecording(route.sid) : undefined;
  // Absent recordings have no media; deleted ones are gone.
  if (!rec || rec.status === 'absent') return notFound(pathname);
  if (route.ext === 'mp3') {
    const body = ctx.media.mp3Bytes(rec.durationSec);
    return { status: 200, headers: { 'Content-Type': 'audio/mpeg', 'Content-Length': String(body.length) }, body, media: true };
  }
  // Default download is mono-mixed; RequestedChannels=2 gives both parties apart when recorded so.
  const channels = q.get('RequestedChannels') === '2' && rec.channels === 2 ? 2 : 1;
  const body = ctx.media.wav(rec.durationSec, channels);
  return { status: 200, headers: { 'Content-Type': 'audio/x-wav', 'Content-Length': String(body.length) }, body, media: true };
}

/** Answers an authenticated request whose AccountSid matched. */
export function dispatch(route: Route, method: string, url: URL, ctx: RouteContext): FakeReply {
  const { store } = ctx;
  const q = url.searchParams;
  if (route.kind === 'unknown') return notFound(url.pathname);
  // 'delete' is only ever matched for DELETE; everything else is read-only here.
  if (route.kind !== 'delete' && method !== 'GET' && !(method === 'HEAD' && route.kind === 'media')) return errorReply(405);
  switch (route.kind) {
    case 'account':
      return jsonReply(200, accountJson(store.accountSid, ctx.authToken, ctx.accountCreated));
    case 'list': {
      const path = route.callSid ? `${accountPath(store.accountSid)}/Calls/${route.callSid}/Recordings.json` : `${accountPath(store.accountSid)}/Recordings.json`;
      return listRecordings(store, q, { path, ...(route.callSid ? { callSid: route.callSid } : {}) }, ctx.defaultPageSize, ctx.origin);
    }
    case 'call': {
      const call = route.sid ? store.calls.get(route.sid) : undefined;
      return call ? jsonReply(200, callJson(call)) : notFound(url.pathname);
    }
    case 'recording': {
      const rec = route.sid ? store.visibleRecording(route.sid, q.get('IncludeSoftDeleted') === 'true') : undefined;
      return rec ? jsonReply(200, recordingJson(rec, ctx.origin)) : notFound(url.pathname);
    }
    case 'delete': {
      const rec = route.sid ? store.visibleRecording(route.sid) : undefined;
      if (!rec || (route.ext !== 'json' && route.ext !== '')) return notFound(url.pathname);
      store.deleteRecording(rec.sid);
      return { status: 204, headers: {}, body: null };
    }
    case 'media':
      return mediaReply(route, q, ctx, url.pathname);
  }
}
