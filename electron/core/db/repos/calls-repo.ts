import type { CallListFilters } from '../../../../shared/dashboard.js';
import type { CallSort } from '../../../../shared/ipc/contract.js';
import type { CallSummary, Speaker } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';
import { callFilterSql } from './call-filters.js';

/** A call row as stored. */
export interface CallRow {
  id: number;
  source: 'folder' | 'twilio';
  source_id: number | null;
  external_id: string;
  import_key: string;
  folder_path: string | null;
  started_at: string | null;
  ended_at: string | null;
  duration_sec: number | null;
  direction: string | null;
  channels: number | null;
  channel_roles: string;
  fingerprint: string | null;
}

interface SummaryRow extends CallRow {
  has_audio: number;
  audio_missing: number;
  has_transcript: number;
  segment_count: number;
  fc_count: number;
  warnings: string;
  tags: string;
}

/** The fields an import writes to a call row. */
export interface CallWrite {
  source: 'folder' | 'twilio';
  sourceId: number | null;
  externalId: string;
  importKey: string;
  folderPath: string | null;
  startedAt: string | null;
  endedAt: string | null;
  durationSec: number | null;
  channels: number | null;
  channelRoles: Speaker[];
  fingerprint: string | null;
  direction?: string | null;
  status?: string | null;
}

const SUMMARY = `
SELECT c.*,
  EXISTS (SELECT 1 FROM audio_files a WHERE a.call_id = c.id AND a.missing = 0) AS has_audio,
  EXISTS (SELECT 1 FROM audio_files a WHERE a.call_id = c.id AND a.missing = 1) AS audio_missing,
  EXISTS (SELECT 1 FROM transcripts t WHERE t.call_id = c.id AND t.active = 1) AS has_transcript,
  (SELECT count(*) FROM segments s JOIN transcripts t ON t.id = s.transcript_id WHERE t.call_id = c.id AND t.active = 1) AS segment_count,
  (SELECT count(*) FROM activities x WHERE x.call_id = c.id AND x.type = 'function_call') AS fc_count,
  (SELECT json_group_array(message) FROM (SELECT message FROM import_issues i WHERE i.call_id = c.id ORDER BY i.id)) AS warnings,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM call_tags g WHERE g.call_id = c.id ORDER BY g.created_at, g.rowid)) AS tags
FROM calls c`;

// Whitelisted ORDER BY clauses: the sort key never reaches SQL as text from outside.
const ORDER: Record<CallSort, string> = {
  startedAt: 'c.started_at IS NULL, c.started_at',
  durationSec: 'c.duration_sec IS NULL, c.duration_sec',
  source: 'c.source',
};

function toSummary(r: SummaryRow): CallSummary {
  return {
    id: r.id,
    source: r.source,
    sourceId: r.source_id,
    externalId: r.external_id,
    startedAt: r.started_at,
    durationSec: r.duration_sec,
    channels: r.channels,
    hasAudio: r.has_audio === 1,
    audioMissing: r.audio_missing === 1,
    hasTranscript: r.has_transcript === 1,
    segmentCount: r.segment_count,
    functionCallCount: r.fc_count,
    direction: r.direction,
    warnings: JSON.parse(r.warnings) as string[],
    tags: JSON.parse(r.tags) as string[],
  };
}

/** Reads and writes calls. */
export class CallsRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** A page of the call list, sorted, of the calls that pass the filters (all without); ties broken by id so paging is stable. */
  list(sort: CallSort, dir: 'asc' | 'desc', limit: number, offset: number, filters: CallListFilters = {}): { total: number; items: CallSummary[] } {
    const d = dir === 'asc' ? 'ASC' : 'DESC';
    const order = ORDER[sort].split(', ').map((part) => (part.endsWith('IS NULL') ? part : `${part} ${d}`)).join(', ');
    const { where, params } = callFilterSql(filters);
    const rows = this.sql(`${SUMMARY} WHERE ${where} ORDER BY ${order}, c.id ${d} LIMIT ? OFFSET ?`).all(...params, limit, offset) as SummaryRow[];
    const total = (this.sql(`SELECT count(*) AS n FROM calls c WHERE ${where}`).get(...params) as { n: number }).n;
    return { total, items: rows.map(toSummary) };
  }

  /** One call's summary or null. */
  summary(id: number): CallSummary | null {
    const row = this.sql(`${SUMMARY} WHERE c.id = ?`).get(id) as SummaryRow | undefined;
    return row ? toSummary(row) : null;
  }

  /** The raw row, for detail views and imports. */
  row(id: number): CallRow | null {
    return (this.sql(`SELECT * FROM calls WHERE id = ?`).get(id) as CallRow | undefined) ?? null;
  }

  /** A call by its id or its external id (session id, Call SID) as a user types it; null when none. */
  idByRef(ref: string): number | null {
    if (/^\d+$/.test(ref) && this.row(Number(ref))) return Number(ref);
    return (this.sql(`SELECT id FROM calls WHERE external_id = ? ORDER BY id LIMIT 1`).pluck().get(ref) as number | undefined) ?? null;
  }

  /** The call an import key already produced, if any. */
  byImportKey(key: string): CallRow | null {
    return (this.sql(`SELECT * FROM calls WHERE import_key = ?`).get(key) as CallRow | undefined) ?? null;
  }

  /** Calls that came from one source (for missing-file checks). */
  bySource(sourceId: number): CallRow[] {
    return this.sql(`SELECT * FROM calls WHERE source_id = ?`).all(sourceId) as CallRow[];
  }

  /** Sets which speaker each channel carries (the reviewer's swap). */
  setChannelRoles(id: number, roles: Speaker[], now: string): void {
    this.sql(`UPDATE calls SET channel_roles = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(roles), now, id);
  }

  /** Inserts or updates a call by import key; returns its id and whether it is new. */
  upsert(w: CallWrite, now: string): { id: number; created: boolean } {
    const existing = this.byImportKey(w.importKey);
    const values = [w.source, w.sourceId, w.externalId, w.folderPath, w.startedAt, w.endedAt, w.durationSec, w.channels, JSON.stringify(w.channelRoles), w.fingerprint, w.direction ?? null, w.status ?? null];
    if (existing) {
      this.sql(
          `UPDATE calls SET source = ?, source_id = coalesce(?, source_id), external_id = ?, folder_path = ?, started_at = ?, ended_at = ?,
             duration_sec = ?, channels = ?, channel_roles = ?, fingerprint = ?, direction = ?, status = ?, updated_at = ? WHERE id = ?`,
        )
        .run(...values, now, existing.id);
      return { id: existing.id, created: false };
    }
    const res = this.sql(
        `INSERT INTO calls (source, source_id, external_id, folder_path, started_at, ended_at, duration_sec, channels, channel_roles, fingerprint, direction, status, import_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...values, w.importKey, now, now);
    return { id: Number(res.lastInsertRowid), created: true };
  }
}
