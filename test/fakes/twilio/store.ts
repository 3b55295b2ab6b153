/**
 * The fake Twilio account's data: calls and recordings in memory, with the defaults a real
 * account would show, and the newest-first order every list uses.
 */
import { randomBytes } from 'node:crypto';

/** How a call was placed, as Twilio's `direction` reports it. */
export type CallDirection = 'inbound' | 'outbound-api' | 'outbound-dial';
/** `call_enum_status` of the spec. */
export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';
/** `recording_enum_status` of the spec. */
export type RecordingStatus = 'in-progress' | 'paused' | 'stopped' | 'processing' | 'completed' | 'absent' | 'deleted';
/** `recording_enum_source` of the spec. */
export type RecordingSource = 'DialVerb' | 'Conference' | 'OutboundAPI' | 'Trunking' | 'RecordVerb' | 'StartCallRecordingAPI' | 'StartConferenceRecordingAPI';

/** A call as the fake stores it; JSON rendering turns dates into RFC 2822 and numbers into strings. */
export interface FakeCall {
  sid: string;
  accountSid: string;
  parentCallSid: string | null;
  from: string;
  to: string;
  direction: CallDirection;
  status: CallStatus;
  startTime: Date;
  endTime: Date | null;
  /** Whole seconds; rendered as a string like the real API. */
  durationSec: number;
  dateCreated: Date;
  dateUpdated: Date;
  price: string | null;
  priceUnit: string;
  phoneNumberSid: string | null;
  callerName: string | null;
}

/** A recording as the fake stores it. */
export interface FakeRecording {
  sid: string;
  accountSid: string;
  callSid: string;
  conferenceSid: string | null;
  channels: 1 | 2;
  /** Whole seconds (at least 1); the media has exactly this many seconds of audio. */
  durationSec: number;
  status: RecordingStatus;
  source: RecordingSource;
  dateCreated: Date;
  dateUpdated: Date;
  startTime: Date;
  price: string | null;
  priceUnit: string;
  errorCode: number | null;
}

/** Options of addRecording. */
export interface AddRecordingOptions {
  /** An existing call; when omitted a matching call is created. */
  callSid?: string;
  /** Default 2 (dual-channel, the usual choice for QA review). */
  channels?: 1 | 2;
  /** Default 10; rounded to whole seconds, at least 1. */
  durationSec?: number;
  /** Default 'completed'. */
  status?: RecordingStatus;
  /** Default now. */
  dateCreated?: Date;
  /** Default 'DialVerb'. */
  source?: RecordingSource;
}

/** Options of addRecordings: what addRecording takes (bar callSid and dateCreated) plus the date spread. */
export interface AddRecordingsOptions extends Omit<AddRecordingOptions, 'callSid' | 'dateCreated' | 'durationSec'> {
  /** Date of the oldest recording; default such that the newest is `spacingSec` before now. */
  start?: Date;
  /** Seconds between consecutive recordings; default 60. */
  spacingSec?: number;
  /** Fixed duration; default cycles through a few lengths (6–20 s) so media caching stays cheap. */
  durationSec?: number;
}

const DEFAULT_DURATIONS = [6, 9, 12, 15, 20];

/** A Twilio SID: two-letter prefix and 32 lowercase hex digits. */
export function newSid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

/** Twilio timestamps have whole seconds; truncating keeps RFC 2822 round trips exact. */
export function wholeSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

const addSec = (d: Date, sec: number): Date => new Date(d.getTime() + sec * 1000);

/** Newest first: date_created descending, then sid ascending so equal dates have a stable order. */
export function compareRecordings(a: FakeRecording, b: FakeRecording): number {
  const byDate = b.dateCreated.getTime() - a.dateCreated.getTime();
  if (byDate !== 0) return byDate;
  return a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0;
}

/** Calls and recordings of one account. */
export class FakeStore {
  readonly calls = new Map<string, FakeCall>();
  /** Every recording ever added, deleted ones included (PageTokens may still name them). */
  readonly recordings = new Map<string, FakeRecording>();
  /** SIDs deleted through the API, in order. */
  readonly deleted: string[] = [];
  private numberSeq = 0;

  constructor(readonly accountSid: string) {}

  /** Adds a call with sensible defaults for whatever `partial` leaves out. */
  addCall(partial: Partial<FakeCall> = {}): FakeCall {
    const seq = this.numberSeq++;
    const durationSec = Math.max(0, Math.round(partial.durationSec ?? 42));
    const startTime = wholeSeconds(partial.startTime ?? addSec(new Date(), -durationSec));
    const endTime = partial.endTime === undefined ? addSec(startTime, durationSec) : partial.endTime;
    const call: FakeCall = {
      sid: newSid('CA'),
      accountSid: this.accountSid,
      parentCallSid: null,
      from: `+1415555${String(1000 + (seq % 9000)).padStart(4, '0')}`,
      to: '+14155550100',
      direction: 'inbound',
      status: 'completed',
      dateCreated: startTime,
      dateUpdated: endTime ?? startTime,
      price: '-0.0085',
      priceUnit: 'USD',
      phoneNumberSid: newSid('PN'),
      callerName: null,
      ...partial,
      startTime,
      endTime,
      durationSec,
    };
    this.calls.set(call.sid, call);
    return call;
  }

  /** Adds a recording, creating its call (started two seconds earlier) when no callSid is given. */
  addRecording(opts: AddRecordingOptions = {}): FakeRecording {
    const durationSec = Math.max(1, Math.round(opts.durationSec ?? 10));
    const dateCreated = wholeSeconds(opts.dateCreated ?? new Date());
    if (opts.callSid !== undefined && !this.calls.has(opts.callSid)) throw new Error(`FakeTwilio: no call ${opts.callSid}`);
    const callSid = opts.callSid ?? this.addCall({ startTime: addSec(dateCreated, -2), durationSec: durationSec + 3 }).sid;
    const status = opts.status ?? 'completed';
    const done = status === 'completed' || status === 'deleted';
    const rec: FakeRecording = {
      sid: newSid('RE'),
      accountSid: this.accountSid,
      callSid,
      conferenceSid: null,
      channels: opts.channels ?? 2,
      durationSec,
      status,
      source: opts.source ?? 'DialVerb',
      dateCreated,
      dateUpdated: done ? addSec(dateCreated, durationSec + 1) : dateCreated,
      startTime: dateCreated,
      price: done ? '-0.0025' : null,
      priceUnit: 'USD',
      // 13617: "Recording has no media" — the code real absent recordings carry.
      errorCode: status === 'absent' ? 13617 : null,
    };
    this.recordings.set(rec.sid, rec);
    return rec;
  }

  /** Adds n recordings `spacingSec` apart, oldest first. */
  addRecordings(n: number, opts: AddRecordingsOptions = {}): FakeRecording[] {
    const spacing = opts.spacingSec ?? 60;
    const start = opts.start ?? addSec(new Date(), -spacing * n);
    const { start: _s, spacingSec: _p, durationSec, ...rest } = opts;
    const out: FakeRecording[] = [];
    for (let i = 0; i < n; i++) {
      const d = durationSec ?? DEFAULT_DURATIONS[i % DEFAULT_DURATIONS.length] ?? 10;
      out.push(this.addRecording({ ...rest, durationSec: d, dateCreated: addSec(start, i * spacing) }));
    }
    return out;
  }

  /** Soft-deletes a recording (status 'deleted', hidden from fetch and list) and logs its SID. */
  deleteRecording(sid: string): void {
    const rec = this.recordings.get(sid);
    if (!rec) return;
    rec.status = 'deleted';
    rec.dateUpdated = wholeSeconds(new Date());
    this.deleted.push(sid);
  }

  /** A recording the API may show (deleted ones only when asked for). */
  visibleRecording(sid: string, includeDeleted = false): FakeRecording | undefined {
    const rec = this.recordings.get(sid);
    if (!rec || (rec.status === 'deleted' && !includeDeleted)) return undefined;
    return rec;
  }

  /** All recordings in list order. */
  sortedRecordings(): FakeRecording[] {
    return [...this.recordings.values()].sort(compareRecordings);
  }
}
