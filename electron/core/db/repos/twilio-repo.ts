import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** How far a Recording SID got. */
export type RecordingState = 'pending' | 'downloaded' | 'missing' | 'failed' | 'unavailable';

/** A row of twilio_recordings. */
export interface TwilioRecordingRow {
  sid: string;
  source_id: number | null;
  call_id: number | null;
  call_sid: string | null;
  api_status: string;
  state: RecordingState;
  channels: number | null;
  duration_sec: number | null;
  date_created: string | null;
  error: string | null;
  attempts: number;
  deleted_remote: number;
}

/** Per-recording sync state, keyed by Recording SID (what makes the sync idempotent). */
export class TwilioRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** One recording's row or null. */
  get(sid: string): TwilioRecordingRow | null {
    return (this.sql(`SELECT * FROM twilio_recordings WHERE sid = ?`).get(sid) as TwilioRecordingRow | undefined) ?? null;
  }

  /** Writes a recording's state; attempts count failed tries. */
  upsert(r: { sid: string; sourceId: number; callId: number | null; callSid: string | null; apiStatus: string; state: RecordingState; channels: number | null; durationSec: number | null; dateCreated: string | null; error: string | null }, now: string): void {
    this.sql(
      `INSERT INTO twilio_recordings (sid, source_id, call_id, call_sid, api_status, state, channels, duration_sec, date_created, error, attempts, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sid) DO UPDATE SET source_id = excluded.source_id, call_id = coalesce(excluded.call_id, call_id), call_sid = excluded.call_sid,
         api_status = excluded.api_status, state = excluded.state, channels = excluded.channels, duration_sec = excluded.duration_sec,
         date_created = excluded.date_created, error = excluded.error,
         attempts = CASE WHEN excluded.state = 'failed' THEN attempts + 1 ELSE attempts END, updated_at = excluded.updated_at`,
    ).run(r.sid, r.sourceId, r.callId, r.callSid, r.apiStatus, r.state, r.channels, r.durationSec, r.dateCreated, r.error, r.state === 'failed' ? 1 : 0, now);
  }

  /** Marks a recording as deleted on Twilio after a verified download. */
  markDeletedRemote(sid: string): void {
    this.sql(`UPDATE twilio_recordings SET deleted_remote = 1 WHERE sid = ?`).run(sid);
  }

  /** The oldest creation date among recordings still to fetch (pending or failed), so the next sync lists them again. */
  oldestUnfinished(sourceId: number): string | null {
    return (this.sql(`SELECT min(date_created) FROM twilio_recordings WHERE source_id = ? AND state IN ('pending', 'failed')`).pluck().get(sourceId) as string | null) ?? null;
  }

  /** Counts per state for one source. */
  counts(sourceId: number): Record<RecordingState, number> {
    const rows = this.sql(`SELECT state, count(*) AS n FROM twilio_recordings WHERE source_id = ? GROUP BY state`).all(sourceId) as { state: RecordingState; n: number }[];
    const out: Record<RecordingState, number> = { pending: 0, downloaded: 0, missing: 0, failed: 0, unavailable: 0 };
    for (const r of rows) out[r.state] = r.n;
    return out;
  }
}
