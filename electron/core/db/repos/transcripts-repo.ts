import type { Segment, Speaker, TranscriptInfo, TranscriptVersion } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** A segment as an import or a transcription job produces it. */
export interface SegmentWrite {
  speaker: Speaker;
  channel: number | null;
  start: number;
  end: number;
  text: string;
  confidence: number | null;
  /** Word timings in call time, when the run asked for them. */
  words?: Array<[number, number, string]>;
}

interface TranscriptRow {
  id: number;
  version: number;
  params: string;
  source: string;
  engine: string | null;
  model: string | null;
  created_at: string;
  active: number;
}

const COLS = 'id, version, source, engine, model, params, created_at, active';

function info(t: TranscriptRow): Omit<TranscriptInfo, 'segments'> {
  return {
    id: t.id,
    version: t.version,
    source: t.source,
    engine: t.engine,
    model: t.model,
    createdAt: t.created_at,
    active: t.active === 1,
    params: JSON.parse(t.params) as Record<string, unknown>,
  };
}

/** Transcript versions and their segments (the FTS index follows by trigger). */
export class TranscriptsRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Adds a version with its segments; it becomes active when asked or when the call has none active. */
  add(callId: number, v: { source: string; engine: string | null; model: string | null; params: object; activate: boolean }, segments: SegmentWrite[], now: string): number {
    const hasActive = this.sql(`SELECT 1 FROM transcripts WHERE call_id = ? AND active = 1`).get(callId) !== undefined;
    const activate = v.activate || !hasActive;
    if (activate) this.sql(`UPDATE transcripts SET active = 0 WHERE call_id = ?`).run(callId);
    const next = (this.sql(`SELECT coalesce(max(version), 0) + 1 AS n FROM transcripts WHERE call_id = ?`).get(callId) as { n: number }).n;
    const id = Number(
      this.sql(`INSERT INTO transcripts (call_id, source, engine, model, params, created_at, active, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(callId, v.source, v.engine, v.model, JSON.stringify(v.params), now, activate ? 1 : 0, next).lastInsertRowid,
    );
    const ins = this.sql(
      `INSERT INTO segments (transcript_id, seq, speaker, channel, start_sec, end_sec, text, confidence, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    segments.forEach((s, i) => ins.run(id, i, s.speaker, s.channel, s.start, s.end, s.text, s.confidence, s.words && s.words.length > 0 ? JSON.stringify(s.words) : null));
    return id;
  }

  /** Removes every version from one source (e.g. the recorder's, before re-import); returns whether one was active. */
  removeBySource(callId: number, source: string): boolean {
    const wasActive = this.sql(`SELECT 1 FROM transcripts WHERE call_id = ? AND source = ? AND active = 1`).get(callId, source) !== undefined;
    this.sql(`DELETE FROM transcripts WHERE call_id = ? AND source = ?`).run(callId, source);
    return wasActive;
  }

  /** The active version with segments, or null. */
  active(callId: number): TranscriptInfo | null {
    const t = this.sql(`SELECT ${COLS} FROM transcripts WHERE call_id = ? AND active = 1`).get(callId) as TranscriptRow | undefined;
    return t ? this.withSegments(t) : null;
  }

  /** One version with its segments, or null. */
  get(id: number): (TranscriptInfo & { callId: number }) | null {
    const t = this.sql(`SELECT ${COLS}, call_id FROM transcripts WHERE id = ?`).get(id) as (TranscriptRow & { call_id: number }) | undefined;
    return t ? { ...this.withSegments(t), callId: t.call_id } : null;
  }

  /** A call's versions, newest first, without segments. */
  list(callId: number): TranscriptVersion[] {
    const rows = this.sql(
      `SELECT ${COLS}, (SELECT count(*) FROM segments s WHERE s.transcript_id = transcripts.id) AS n FROM transcripts WHERE call_id = ? ORDER BY version DESC`,
    ).all(callId) as Array<TranscriptRow & { n: number }>;
    return rows.map((r) => ({ ...info(r), segmentCount: r.n }));
  }

  /** Makes one version the call's active one; false when it is not a version of that call. */
  setActive(callId: number, id: number): boolean {
    if (this.sql(`SELECT 1 FROM transcripts WHERE id = ? AND call_id = ?`).get(id, callId) === undefined) return false;
    this.sql(`UPDATE transcripts SET active = 0 WHERE call_id = ? AND active = 1 AND id <> ?`).run(callId, id);
    this.sql(`UPDATE transcripts SET active = 1 WHERE id = ?`).run(id);
    return true;
  }

  /** Calls with audio on disk and no transcript at all (the batch "transcribe what is missing"). */
  callsWithoutTranscript(): number[] {
    return this.sql(
      `SELECT c.id FROM calls c WHERE EXISTS (SELECT 1 FROM audio_files a WHERE a.call_id = c.id AND a.missing = 0)
         AND NOT EXISTS (SELECT 1 FROM transcripts t WHERE t.call_id = c.id) ORDER BY c.id`,
    ).pluck().all() as number[];
  }

  /** Calls added since `since` with audio, never transcribed by the app and never queued for it (auto-transcribe). */
  newCallsToTranscribe(since: string, jobType: string): number[] {
    return this.sql(
      `SELECT c.id FROM calls c WHERE c.created_at >= ?
         AND EXISTS (SELECT 1 FROM audio_files a WHERE a.call_id = c.id AND a.missing = 0)
         AND NOT EXISTS (SELECT 1 FROM transcripts t WHERE t.call_id = c.id AND t.source = 'openai')
         AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.call_id = c.id AND j.type = ?) ORDER BY c.id`,
    ).pluck().all(since, jobType) as number[];
  }

  /** The number of a version within its call (1, 2, …). */
  versionNumber(id: number): number {
    return (this.sql(`SELECT version FROM transcripts WHERE id = ?`).get(id) as { version: number } | undefined)?.version ?? 0;
  }

  private withSegments(t: TranscriptRow): TranscriptInfo {
    const segments = this.sql(
      `SELECT id, speaker, channel, start_sec AS start, end_sec AS end, text, confidence FROM segments WHERE transcript_id = ? ORDER BY start_sec, seq`,
    ).all(t.id) as Segment[];
    return { ...info(t), segments };
  }

  /** How many versions a call has. */
  count(callId: number): number {
    return (this.sql(`SELECT count(*) AS n FROM transcripts WHERE call_id = ?`).get(callId) as { n: number }).n;
  }
}
