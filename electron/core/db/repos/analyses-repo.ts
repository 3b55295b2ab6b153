import type { AnalysisKind, AnalysisRecord } from '../../../../shared/analysis.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

interface AnalysisRow {
  id: number;
  call_id: number;
  transcript_id: number | null;
  kind: AnalysisKind;
  model: string | null;
  run: number;
  payload: string;
  created_at: string;
}

/** A call and transcript version (null: audio only) whose metrics are still to be computed. */
export interface MetricsTarget {
  callId: number;
  transcriptId: number | null;
}

const COLS = 'a.id, a.call_id, a.transcript_id, a.kind, a.model, a.run, a.payload, a.created_at';

/**
 * The row that stands for a call now: one of its active transcript version if there is any, else
 * its newest audio-only one; the newest run first. `a` is the outer row (its call and kind).
 * Exported for the call filters and the dashboard, which join on it.
 */
export const CURRENT_ID = `(SELECT a2.id FROM analyses a2 WHERE a2.call_id = a.call_id AND a2.kind = a.kind
    AND (a2.transcript_id IS NULL OR a2.transcript_id = (SELECT t.id FROM transcripts t WHERE t.call_id = a.call_id AND t.active = 1))
    ORDER BY a2.transcript_id IS NULL, a2.run DESC, a2.id DESC LIMIT 1)`;

/** The metrics job's dedupe key: `metrics:<callId>:<transcriptId>`, `audio` for audio-only runs. */
export function metricsDedupeKey(callId: number, transcriptId: number | null): string {
  return `metrics:${callId}:${transcriptId ?? 'audio'}`;
}

// metricsDedupeKey in SQL, over calls `c` and their active transcript `t`.
const METRICS_KEY_SQL = `'metrics:' || c.id || ':' || coalesce(t.id, 'audio')`;

function toRecord(r: AnalysisRow): AnalysisRecord {
  return {
    id: r.id,
    callId: r.call_id,
    transcriptId: r.transcript_id,
    kind: r.kind,
    model: r.model,
    run: r.run,
    createdAt: r.created_at,
    payload: JSON.parse(r.payload) as unknown,
  };
}

/** Analysis runs of calls (local metrics and LLM reviews), kept as history per transcript version. */
export class AnalysesRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Stores a run as the next one of (call, kind, version); call inside a transaction when other writes depend on it. */
  add(callId: number, transcriptId: number | null, kind: AnalysisKind, model: string | null, payload: unknown, now: string): { id: number; run: number } {
    const run = (
      this.sql(`SELECT coalesce(max(run), 0) + 1 AS n FROM analyses WHERE call_id = ? AND kind = ? AND transcript_id IS ?`).get(callId, kind, transcriptId) as { n: number }
    ).n;
    const id = Number(
      this.sql(`INSERT INTO analyses (call_id, transcript_id, kind, model, run, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
        callId,
        transcriptId,
        kind,
        model,
        run,
        JSON.stringify(payload),
        now,
      ).lastInsertRowid,
    );
    return { id, run };
  }

  /** One run by id, or null. */
  get(id: number): AnalysisRecord | null {
    const r = this.sql(`SELECT ${COLS} FROM analyses a WHERE a.id = ?`).get(id) as AnalysisRow | undefined;
    return r ? toRecord(r) : null;
  }

  /**
   * The newest run of a kind: for one transcript version (null: the audio-only runs), or with
   * transcriptId left out, the newest of the call whatever version it was made for.
   */
  latest(callId: number, kind: AnalysisKind, transcriptId?: number | null): AnalysisRecord | null {
    const r = (
      transcriptId === undefined
        ? this.sql(`SELECT ${COLS} FROM analyses a WHERE a.call_id = ? AND a.kind = ? ORDER BY a.id DESC LIMIT 1`).get(callId, kind)
        : this.sql(`SELECT ${COLS} FROM analyses a WHERE a.call_id = ? AND a.kind = ? AND a.transcript_id IS ? ORDER BY a.run DESC, a.id DESC LIMIT 1`).get(callId, kind, transcriptId)
    ) as AnalysisRow | undefined;
    return r ? toRecord(r) : null;
  }

  /** A call's runs, newest first, of one kind or all. */
  list(callId: number, kind?: AnalysisKind): AnalysisRecord[] {
    const rows = (
      kind === undefined
        ? this.sql(`SELECT ${COLS} FROM analyses a WHERE a.call_id = ? ORDER BY a.id DESC`).all(callId)
        : this.sql(`SELECT ${COLS} FROM analyses a WHERE a.call_id = ? AND a.kind = ? ORDER BY a.id DESC`).all(callId, kind)
    ) as AnalysisRow[];
    return rows.map(toRecord);
  }

  /** What stands for the call now: the newest run for its active transcript version, else its newest audio-only run, else null. */
  current(callId: number, kind: AnalysisKind): AnalysisRecord | null {
    return this.currentFor([callId], kind).get(callId) ?? null;
  }

  /** current() for many calls in one query (the dashboard); calls with nothing stored are left out of the map. */
  currentFor(callIds: readonly number[], kind: AnalysisKind): Map<number, AnalysisRecord> {
    const rows = this.sql(
      `SELECT ${COLS} FROM analyses a WHERE a.kind = ? AND a.call_id IN (SELECT value FROM json_each(?)) AND a.id = ${CURRENT_ID}`,
    ).all(kind, JSON.stringify(callIds)) as AnalysisRow[];
    return new Map(rows.map((r) => [r.call_id, toRecord(r)]));
  }

  /** current() of every call that has one (the dashboard over the whole library). */
  currentAll(kind: AnalysisKind): AnalysisRecord[] {
    const rows = this.sql(`SELECT ${COLS} FROM analyses a WHERE a.kind = ? AND a.id = ${CURRENT_ID} ORDER BY a.call_id`).all(kind) as AnalysisRow[];
    return rows.map(toRecord);
  }

  /**
   * Calls whose active transcript version (or, without a transcript, whose audio on disk) has no
   * metrics yet and no metrics job queued, running or failed under `dedupeKey(call, version)`; a
   * failed job is not queued again by itself, so a broken file does not fail over and over.
   */
  missingMetrics(jobType: string): MetricsTarget[] {
    return this.sql(
      `SELECT c.id AS callId, t.id AS transcriptId FROM calls c
         LEFT JOIN transcripts t ON t.call_id = c.id AND t.active = 1
       WHERE (t.id IS NOT NULL OR EXISTS (SELECT 1 FROM audio_files f WHERE f.call_id = c.id AND f.missing = 0))
         AND NOT EXISTS (SELECT 1 FROM analyses x WHERE x.call_id = c.id AND x.kind = 'metrics' AND x.transcript_id IS t.id)
         AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.call_id = c.id AND j.type = ? AND j.state IN ('queued', 'running', 'failed')
                           AND j.dedupe_key = ${METRICS_KEY_SQL})
       ORDER BY c.id`,
    ).all(jobType) as MetricsTarget[];
  }
}
