import { z } from 'zod';
import { Answer, type Score, type ScoreListItem, type ScoreState } from '../../../../shared/review.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

interface ScoreRow {
  id: number;
  call_id: number;
  rubric_id: number;
  rubric_name: string;
  rubric_version: number;
  rubric_version_id: number;
  state: ScoreState;
  answers: string;
  percent: number | null;
  section_percents: string;
  auto_failed: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  call_external_id: string;
  call_started_at: string | null;
}

/** What scoring computed for a set of answers. */
export interface ScoreFigures {
  percent: number | null;
  sectionPercents: Record<string, number | null>;
  autoFailed: boolean;
}

/** The list's filters with dates already turned into ISO instants (both inclusive). */
export interface ScoreQuery {
  rubricId?: number;
  callId?: number;
  state?: ScoreState;
  minPercent?: number;
  maxPercent?: number;
  fromIso?: string;
  toIso?: string;
  limit: number;
  offset: number;
}

/** Per-section averages over complete scores. */
export interface SectionAverage {
  sectionId: string;
  average: number | null;
  count: number;
}

const SELECT = `SELECT s.id, s.call_id, v.rubric_id, json_extract(v.definition, '$.name') AS rubric_name, v.version AS rubric_version,
  s.rubric_version_id, s.state, s.answers, s.percent, s.section_percents, s.auto_failed, s.created_at, s.updated_at, s.completed_at,
  c.external_id AS call_external_id, c.started_at AS call_started_at
FROM scores s JOIN rubric_versions v ON v.id = s.rubric_version_id JOIN calls c ON c.id = s.call_id`;

// When a score counts for date filters: when it was completed, or last saved while a draft.
const WHEN = 'coalesce(s.completed_at, s.updated_at)';

const SectionPercents = z.record(z.string(), z.number().nullable());

function toItem(r: ScoreRow): ScoreListItem {
  return {
    id: r.id,
    callId: r.call_id,
    rubricId: r.rubric_id,
    rubricName: r.rubric_name,
    rubricVersion: r.rubric_version,
    rubricVersionId: r.rubric_version_id,
    state: r.state,
    answers: z.array(Answer).parse(JSON.parse(r.answers)),
    percent: r.percent,
    sectionPercents: SectionPercents.parse(JSON.parse(r.section_percents)),
    autoFailed: r.auto_failed === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
    callExternalId: r.call_external_id,
    callStartedAt: r.call_started_at,
  };
}

/** Scores of calls against rubric versions, with what scoring computed stored beside the answers. */
export class ScoresRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Stores a new draft score; returns its id. */
  insert(callId: number, rubricVersionId: number, answers: Answer[], f: ScoreFigures, now: string): number {
    return Number(
      this.sql(
        `INSERT INTO scores (call_id, rubric_version_id, state, answers, percent, section_percents, auto_failed, created_at, updated_at)
         VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?)`,
      ).run(callId, rubricVersionId, JSON.stringify(answers), f.percent, JSON.stringify(f.sectionPercents), f.autoFailed ? 1 : 0, now, now).lastInsertRowid,
    );
  }

  /** Replaces a draft's answers and figures, completing it when `complete`; false when it is not a draft. */
  update(id: number, answers: Answer[], f: ScoreFigures, complete: boolean, now: string): boolean {
    return (
      this.sql(
        `UPDATE scores SET answers = ?, percent = ?, section_percents = ?, auto_failed = ?, updated_at = ?,
           state = CASE WHEN ? THEN 'complete' ELSE state END, completed_at = CASE WHEN ? THEN ? ELSE completed_at END
         WHERE id = ? AND state = 'draft'`,
      ).run(JSON.stringify(answers), f.percent, JSON.stringify(f.sectionPercents), f.autoFailed ? 1 : 0, now, complete ? 1 : 0, complete ? 1 : 0, now, id).changes > 0
    );
  }

  /** One score, or null. */
  get(id: number): Score | null {
    const r = this.sql(`${SELECT} WHERE s.id = ?`).get(id) as ScoreRow | undefined;
    if (!r) return null;
    const { callExternalId: _e, callStartedAt: _s, ...score } = toItem(r);
    return score;
  }

  /** Scores matching the filters, newest (completed or saved) first. */
  list(q: ScoreQuery): ScoreListItem[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (cond: string, value: string | number | undefined): void => {
      if (value === undefined) return;
      where.push(cond);
      args.push(value);
    };
    add('v.rubric_id = ?', q.rubricId);
    add('s.call_id = ?', q.callId);
    add('s.state = ?', q.state);
    add('s.percent >= ?', q.minPercent);
    add('s.percent <= ?', q.maxPercent);
    add(`${WHEN} >= ?`, q.fromIso);
    add(`${WHEN} <= ?`, q.toIso);
    const sql = `${SELECT}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${WHEN} DESC, s.id DESC LIMIT ? OFFSET ?`;
    // Filters vary per call; the statement cache keeps one compiled statement per combination.
    return (this.sql(sql).all(...args, q.limit, q.offset) as ScoreRow[]).map(toItem);
  }

  /** Count, average percent and auto-fails of a rubric's complete scores (any version) in a date range. */
  totals(rubricId: number, fromIso: string | null, toIso: string | null): { count: number; average: number | null; autoFailed: number } {
    const r = this.sql(
      `SELECT count(*) AS n, avg(s.percent) AS average, coalesce(sum(s.auto_failed), 0) AS auto_failed
       FROM scores s JOIN rubric_versions v ON v.id = s.rubric_version_id
       WHERE v.rubric_id = ? AND s.state = 'complete' AND (? IS NULL OR ${WHEN} >= ?) AND (? IS NULL OR ${WHEN} <= ?)`,
    ).get(rubricId, fromIso, fromIso, toIso, toIso) as { n: number; average: number | null; auto_failed: number };
    return { count: r.n, average: r.average, autoFailed: r.auto_failed };
  }

  /** Average of each section's percent over a rubric's complete scores (sections matched by id across versions). */
  sectionAverages(rubricId: number, fromIso: string | null, toIso: string | null): SectionAverage[] {
    const rows = this.sql(
      `SELECT je.key AS section_id, avg(je.value) AS average, count(je.value) AS n
       FROM scores s JOIN rubric_versions v ON v.id = s.rubric_version_id, json_each(s.section_percents) je
       WHERE v.rubric_id = ? AND s.state = 'complete' AND (? IS NULL OR ${WHEN} >= ?) AND (? IS NULL OR ${WHEN} <= ?)
       GROUP BY je.key`,
    ).all(rubricId, fromIso, fromIso, toIso, toIso) as { section_id: string; average: number | null; n: number }[];
    return rows.map((r) => ({ sectionId: r.section_id, average: r.average, count: r.n }));
  }
}
