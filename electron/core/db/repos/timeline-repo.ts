import type { CallSourceKind } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** An activity with the columns the timeline needs. */
export interface TimelineActivityRow {
  id: number;
  call_id: number;
  type: string;
  at: string | null;
  offset_sec: number | null;
  origin: string;
  payload: string;
  parent_activity_id: number | null;
  group_id: string | null;
}

/** The call facts a timeline group is headed with. */
export interface TimelineCallRow {
  id: number;
  external_id: string;
  source: CallSourceKind;
  started_at: string | null;
}

/** A phone number's contact row. */
export interface ContactRow {
  id: number;
  phone: string | null;
  name: string | null;
}

/** Reads for the activity timeline: calls, their activities, contacts' calls. */
export class TimelineRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** One call's header facts, or null. */
  call(callId: number): TimelineCallRow | null {
    return (this.sql(`SELECT id, external_id, source, started_at FROM calls WHERE id = ?`).get(callId) as TimelineCallRow | undefined) ?? null;
  }

  /** Every activity of a call, in id order. */
  activities(callId: number): TimelineActivityRow[] {
    return this.sql(
      `SELECT id, call_id, type, at, offset_sec, origin, payload, parent_activity_id, group_id FROM activities WHERE call_id = ? ORDER BY id`,
    ).all(callId) as TimelineActivityRow[];
  }

  /** A contact by id, or null. */
  contact(id: number): ContactRow | null {
    return (this.sql(`SELECT id, phone, name FROM contacts WHERE id = ?`).get(id) as ContactRow | undefined) ?? null;
  }

  /** The contact of a phone number as stored or as typed with spaces, dashes, dots or brackets removed; null when none. */
  contactByPhone(typed: string, compact: string): ContactRow | null {
    return (this.sql(`SELECT id, phone, name FROM contacts WHERE phone = ? OR phone = ? ORDER BY phone = ? DESC LIMIT 1`).get(typed, compact, typed) as ContactRow | undefined) ?? null;
  }

  /** The calls a contact took part in (any role), newest call first; calls without a start time last. */
  callsOfContact(contactId: number): TimelineCallRow[] {
    return this.sql(
      `SELECT DISTINCT c.id, c.external_id, c.source, c.started_at FROM calls c JOIN call_parties p ON p.call_id = c.id
       WHERE p.contact_id = ? ORDER BY c.started_at IS NULL, c.started_at DESC, c.id DESC`,
    ).all(contactId) as TimelineCallRow[];
  }

  /** The newest activity of a type for a call whose payload field `key` equals `value`, written at or after `sinceIso`. */
  recentActivity(callId: number, type: string, key: string, value: number | string, sinceIso: string): number | null {
    return (
      (this.sql(
        `SELECT id FROM activities WHERE call_id = ? AND type = ? AND json_extract(payload, '$.' || ?) = ? AND at >= ? ORDER BY id DESC LIMIT 1`,
      )
        .pluck()
        .get(callId, type, key, value, sinceIso) as number | undefined) ?? null
    );
  }

  /** The call and version number of a transcript version, or null. */
  transcriptOwner(transcriptId: number): { callId: number; version: number } | null {
    const r = this.sql(`SELECT call_id, version FROM transcripts WHERE id = ?`).get(transcriptId) as { call_id: number; version: number } | undefined;
    return r ? { callId: r.call_id, version: r.version } : null;
  }

  /** The audio file of a call downloaded as a recording (Twilio Recording SID), or null. */
  audioIdByExternalId(callId: number, externalId: string): number | null {
    return (this.sql(`SELECT id FROM audio_files WHERE call_id = ? AND external_id = ?`).pluck().get(callId, externalId) as number | undefined) ?? null;
  }
}
