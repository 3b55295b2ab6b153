import { AppError } from '../../../shared/ipc/envelope.js';
import type { ContactTimeline, TimelineEntry, TimelineFilters, TimelineGroup } from '../../../shared/review.js';
import type { Repos } from '../db/repos/index.js';
import type { TimelineActivityRow, TimelineCallRow } from '../db/repos/timeline-repo.js';
import { inRange, isoRange, type IsoRange } from './date-range.js';
import { toEntry, type RecordingLookup } from './timeline-entry.js';

/*
 * The activity timeline. A call's activities form groups by group_id (the recorder session id or
 * the Twilio Call SID): the parent `call` activity on top, every other activity of the group under
 * it — from imports, the recorder, Twilio sync and the app alike — so a Twilio call with several
 * recordings is still one group. Children are in time order: their wall-clock time (`at`, or the
 * call's start plus `offsetSec` when only the offset is known), then the offset, then the id;
 * entries with no time at all come last.
 *
 * Filters: an entry matches when its type is one of `types` (if given) and its time lies in
 * from..to (if given; entries without a time then never match). A group keeps its matching
 * children and is shown when any child matches or its call activity itself does.
 */

/** A resolved filter. */
interface Filter {
  types: ReadonlySet<string> | null;
  range: IsoRange;
}

function resolve(filters: TimelineFilters): Filter {
  return { types: filters.types && filters.types.length > 0 ? new Set(filters.types) : null, range: isoRange(filters.from, filters.to) };
}

/** The instant of an entry in ms: its own time, else the call's start plus its offset; null when neither is known. */
function instantOf(e: TimelineEntry, callStartMs: number | null): number | null {
  const at = e.at === null ? NaN : Date.parse(e.at);
  if (Number.isFinite(at)) return at;
  return callStartMs !== null && e.offsetSec !== null ? callStartMs + e.offsetSec * 1000 : null;
}

function byTime(callStartMs: number | null): (a: TimelineEntry, b: TimelineEntry) => number {
  return (a, b) => {
    const ta = instantOf(a, callStartMs);
    const tb = instantOf(b, callStartMs);
    if (ta !== tb) return ta === null ? 1 : tb === null ? -1 : ta - tb;
    const oa = a.offsetSec;
    const ob = b.offsetSec;
    if (oa !== ob) return oa === null ? 1 : ob === null ? -1 : oa - ob;
    return a.id - b.id;
  };
}

function matches(e: TimelineEntry, f: Filter, callStartMs: number | null): boolean {
  if (f.types !== null && !f.types.has(e.type)) return false;
  return inRange(instantOf(e, callStartMs), f.range);
}

/** The header of a call that has no stored call activity (imported before the history existed). */
function madeUpHeader(call: TimelineCallRow): TimelineEntry {
  return { id: 0, type: 'call', label: 'Call', at: call.started_at, offsetSec: 0, origin: 'import', summary: call.external_id, payload: {}, refersTo: { kind: 'call', id: call.id } };
}

/** One call's groups, filtered; usually exactly one. */
function groupsOfCall(call: TimelineCallRow, rows: TimelineActivityRow[], f: Filter, recordings: RecordingLookup): TimelineGroup[] {
  const startMs = call.started_at === null ? null : Date.parse(call.started_at);
  const start = Number.isFinite(startMs) ? startMs : null;
  const roots = rows.filter((r) => r.type === 'call' && r.parent_activity_id === null);
  const groups = new Map<string | null, { call: TimelineEntry; children: TimelineEntry[] }>();
  for (const r of roots) if (!groups.has(r.group_id)) groups.set(r.group_id, { call: toEntry(r, recordings), children: [] });
  if (groups.size === 0) groups.set(rows.find((r) => r.group_id !== null)?.group_id ?? call.external_id, { call: madeUpHeader(call), children: [] });
  const main = groups.values().next().value!;
  for (const r of rows) {
    if (groups.get(r.group_id)?.call.id === r.id) continue;
    // An activity whose group has no call activity of its own (written before groups existed) belongs to the call's main group.
    (groups.get(r.group_id) ?? main).children.push(toEntry(r, recordings));
  }
  const out: TimelineGroup[] = [];
  for (const [groupId, g] of groups) {
    const children = g.children.sort(byTime(start)).filter((e) => matches(e, f, start));
    if (children.length === 0 && !matches(g.call, f, start)) continue;
    out.push({ groupId, callId: call.id, externalId: call.external_id, source: call.source, startedAt: call.started_at, call: g.call, children });
  }
  return out.sort((a, b) => byTime(start)(a.call, b.call));
}

function lookup(repos: Repos): RecordingLookup {
  return (callId, sid) => repos.timeline.audioIdByExternalId(callId, sid);
}

/** A call's timeline: its group(s) with the parent call activity on top; not-found for an unknown call. */
export function callTimeline(repos: Repos, callId: number, filters: TimelineFilters = {}): TimelineGroup[] {
  const call = repos.timeline.call(callId);
  if (!call) throw new AppError('not-found', `There is no call with id ${callId}.`);
  return groupsOfCall(call, repos.timeline.activities(callId), resolve(filters), lookup(repos));
}

/** Who a contact timeline is for: a phone number as typed, or a contact id. */
export type ContactRef = { phone: string } | { contactId: number };

/** Spaces, dashes, dots and brackets are how people write numbers, not part of them. */
export function compactPhone(phone: string): string {
  return phone.replace(/[\s().-]/g, '');
}

/** Every call of a phone number (any role), newest call first, each with its group(s); an unknown number has no calls. */
export function contactTimeline(repos: Repos, ref: ContactRef, filters: TimelineFilters = {}): ContactTimeline {
  const contact = 'contactId' in ref ? repos.timeline.contact(ref.contactId) : repos.timeline.contactByPhone(ref.phone.trim(), compactPhone(ref.phone));
  if (!contact) {
    if ('contactId' in ref) throw new AppError('not-found', `There is no contact with id ${ref.contactId}.`);
    return { contact: null, groups: [] };
  }
  const f = resolve(filters);
  const recordings = lookup(repos);
  const groups = repos.timeline.callsOfContact(contact.id).flatMap((call) => groupsOfCall(call, repos.timeline.activities(call.id), f, recordings));
  return { contact, groups };
}
