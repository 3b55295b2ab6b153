import type { Segment, Speaker, TranscriptInfo } from '../../../../shared/types.js';
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
}

interface TranscriptRow {
  id: number;
  source: string;
  engine: string | null;
  model: string | null;
  created_at: string;
  active: number;
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
    const id = Number(
      this.sql(`INSERT INTO transcripts (call_id, source, engine, model, params, created_at, active) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(callId, v.source, v.engine, v.model, JSON.stringify(v.params), now, activate ? 1 : 0).lastInsertRowid,
    );
    const ins = this.sql(
      `INSERT INTO segments (transcript_id, seq, speaker, channel, start_sec, end_sec, text, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    segments.forEach((s, i) => ins.run(id, i, s.speaker, s.channel, s.start, s.end, s.text, s.confidence));
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
    const t = this.sql(`SELECT id, source, engine, model, created_at, active FROM transcripts WHERE call_id = ? AND active = 1`).get(callId) as
      | TranscriptRow
      | undefined;
    if (!t) return null;
    const segments = this.sql(
        `SELECT id, speaker, channel, start_sec AS start, end_sec AS end, text, confidence FROM segments WHERE transcript_id = ? ORDER BY start_sec, seq`,
      )
      .all(t.id) as Segment[];
    return { id: t.id, source: t.source, engine: t.engine, model: t.model, createdAt: t.created_at, active: true, segments };
  }

  /** How many versions a call has. */
  count(callId: number): number {
    return (this.sql(`SELECT count(*) AS n FROM transcripts WHERE call_id = ?`).get(callId) as { n: number }).n;
  }
}
