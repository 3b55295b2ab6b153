/**
 * The Recordings list: DateCreated filters, CallSid/ConferenceSid, newest-first order and
 * token paging. A PageToken names the last (PA…) or first (PB…) item of the neighbouring page,
 * so recordings added between page fetches never shift the pages a client is walking.
 */
import { errorReply, jsonReply, type FakeReply } from './reply.js';
import { recordingJson } from './resources.js';
import { compareRecordings, type FakeRecording, type FakeStore } from './store.js';

const MAX_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;
/** The filters a list URI carries on to its other pages, in the order they are written. */
const FILTERS = ['DateCreated', 'DateCreated<', 'DateCreated>', 'CallSid', 'ConferenceSid', 'IncludeSoftDeleted'];

/** Where the list is: account-wide or under one call. */
export interface ListScope {
  /** The path without query, e.g. /2010-04-01/Accounts/AC…/Recordings.json. */
  path: string;
  /** Set for /Calls/{CallSid}/Recordings.json. */
  callSid?: string;
}

/** A parsed DateCreated value: a whole UTC day (YYYY-MM-DD) or one instant. */
interface DateValue {
  from: number;
  /** Exclusive end of the day; equal to from + 1 for an instant. */
  to: number;
  dateOnly: boolean;
}

class BadParam extends Error {}

function parseDate(name: string, raw: string): DateValue {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const from = Date.parse(`${raw}T00:00:00Z`);
    if (Number.isFinite(from)) return { from, to: from + DAY_MS, dateOnly: true };
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(raw)) {
    // A date-time without a zone means UTC here, not the fake's local time.
    const at = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(raw) ? raw : `${raw}Z`);
    if (Number.isFinite(at)) return { from: at, to: at + 1, dateOnly: false };
  }
  throw new BadParam(`Invalid value for ${name}: '${raw}' is not an ISO 8601 date or date-time`);
}

function parseInteger(name: string, raw: string | null, min: number): number | null {
  if (raw === null) return null;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new BadParam(`Invalid value for ${name}: '${raw}'`);
  return Number(raw);
}

/** Builds the predicate of the filters; inequalities are inclusive, as the SDK's dateCreatedAfter/Before expect. */
function buildFilter(q: URLSearchParams, scope: ListScope): (r: FakeRecording) => boolean {
  const checks: ((r: FakeRecording) => boolean)[] = [];
  const on = q.get('DateCreated');
  if (on !== null) {
    // The real API compares on the UTC date here, even when given a date-time.
    const d = parseDate('DateCreated', on);
    const day = Math.floor(d.from / DAY_MS) * DAY_MS;
    checks.push((r) => r.dateCreated.getTime() >= day && r.dateCreated.getTime() < day + DAY_MS);
  }
  const before = q.get('DateCreated<');
  if (before !== null) {
    const d = parseDate('DateCreated<', before);
    checks.push((r) => r.dateCreated.getTime() < d.to);
  }
  const after = q.get('DateCreated>');
  if (after !== null) {
    const d = parseDate('DateCreated>', after);
    checks.push((r) => r.dateCreated.getTime() >= d.from);
  }
  const callSid = scope.callSid ?? q.get('CallSid');
  if (callSid !== null) checks.push((r) => r.callSid === callSid);
  const conferenceSid = q.get('ConferenceSid');
  if (conferenceSid !== null) checks.push((r) => r.conferenceSid === conferenceSid);
  const withDeleted = q.get('IncludeSoftDeleted') === 'true';
  checks.push((r) => withDeleted || r.status !== 'deleted');
  return (r) => checks.every((check) => check(r));
}

function pageUri(path: string, filters: [string, string][], pageSize: number, page: number, token: string | null): string {
  const q = new URLSearchParams([...filters, ['PageSize', String(pageSize)], ['Page', String(page)]]);
  if (token !== null) q.append('PageToken', token);
  return `${path}?${q.toString()}`;
}

/** Answers a Recordings list request. */
export function listRecordings(store: FakeStore, q: URLSearchParams, scope: ListScope, defaultPageSize: number, origin: string): FakeReply {
  try {
    const pageSize = Math.min(MAX_PAGE_SIZE, parseInteger('PageSize', q.get('PageSize'), 1) ?? defaultPageSize);
    const page = parseInteger('Page', q.get('Page'), 0) ?? 0;
    const token = q.get('PageToken');
    const all = store.sortedRecordings().filter(buildFilter(q, scope));

    let items: FakeRecording[];
    if (token === null) {
      // Without a token, Page is an offset (how the first page and hand-built URIs work).
      items = all.slice(page * pageSize, page * pageSize + pageSize);
    } else {
      const anchor = /^P[AB]RE[0-9a-f]{32}$/.test(token) ? store.recordings.get(token.slice(2)) : undefined;
      if (!anchor) throw new BadParam(`Invalid PageToken '${token}'`);
      if (token.startsWith('PA')) items = all.filter((r) => compareRecordings(r, anchor) > 0).slice(0, pageSize);
      else items = all.filter((r) => compareRecordings(r, anchor) < 0).slice(-pageSize);
    }

    const filters = FILTERS.flatMap((name): [string, string][] => {
      const v = q.get(name);
      return v === null ? [] : [[name, v]];
    });
    const first = items[0];
    const last = items[items.length - 1];
    const hasNext = last !== undefined && all.some((r) => compareRecordings(r, last) > 0);
    const hasPrev = page > 0 && first !== undefined && all.some((r) => compareRecordings(r, first) < 0);
    const start = page * pageSize;
    return jsonReply(200, {
      end: start + Math.max(items.length, 1) - 1,
      first_page_uri: pageUri(scope.path, filters, pageSize, 0, null),
      next_page_uri: hasNext ? pageUri(scope.path, filters, pageSize, page + 1, `PA${last.sid}`) : null,
      page,
      page_size: pageSize,
      previous_page_uri: hasPrev ? pageUri(scope.path, filters, pageSize, page - 1, `PB${first.sid}`) : null,
      recordings: items.map((r) => recordingJson(r, origin)),
      start,
      uri: pageUri(scope.path, filters, pageSize, page, token),
    });
  } catch (err) {
    if (err instanceof BadParam) return errorReply(400, err.message);
    throw err;
  }
}
