import { RubricDefinition, type Rubric, type RubricSummary } from '../../../../shared/review.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

interface VersionRow {
  id: number;
  rubric_id: number;
  version: number;
  definition: string;
  created_at: string;
  latest: number;
}

interface SummaryRow {
  id: number;
  name: string;
  version: number;
  definition: string;
  updated_at: string;
  score_count: number;
}

const VERSION_COLS = `v.id, v.rubric_id, v.version, v.definition, v.created_at,
  (SELECT max(v2.version) FROM rubric_versions v2 WHERE v2.rubric_id = v.rubric_id) AS latest`;

function toRubric(r: VersionRow): Rubric {
  // Definitions were validated before they were written; parsing again keeps a damaged row from passing as a rubric.
  const def = RubricDefinition.parse(JSON.parse(r.definition));
  return { id: r.rubric_id, version: r.version, versionId: r.id, latestVersion: r.latest, createdAt: r.created_at, ...def };
}

/** QA rubrics: a row per rubric and an immutable row per version of its definition. */
export class RubricsRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Creates a rubric with its version 1; returns the rubric id. */
  create(def: RubricDefinition, now: string): number {
    return this.db.transaction(() => {
      const id = Number(this.sql(`INSERT INTO rubrics (name, created_at, updated_at) VALUES (?, ?, ?)`).run(def.name, now, now).lastInsertRowid);
      this.sql(`INSERT INTO rubric_versions (rubric_id, version, definition, created_at) VALUES (?, 1, ?, ?)`).run(id, JSON.stringify(def), now);
      return id;
    })();
  }

  /** Stores the next version of a rubric; returns its number, or null when the rubric does not exist. */
  addVersion(rubricId: number, def: RubricDefinition, now: string): number | null {
    return this.db.transaction(() => {
      const next = this.sql(`SELECT max(version) + 1 FROM rubric_versions WHERE rubric_id = ?`).pluck().get(rubricId) as number | null;
      if (next === null) return null;
      this.sql(`INSERT INTO rubric_versions (rubric_id, version, definition, created_at) VALUES (?, ?, ?, ?)`).run(rubricId, next, JSON.stringify(def), now);
      this.sql(`UPDATE rubrics SET name = ?, updated_at = ? WHERE id = ?`).run(def.name, now, rubricId);
      return next;
    })();
  }

  /** A version of a rubric (the newest when `version` is left out), or null. */
  get(rubricId: number, version?: number): Rubric | null {
    const r = (
      version === undefined
        ? this.sql(`SELECT ${VERSION_COLS} FROM rubric_versions v WHERE v.rubric_id = ? ORDER BY v.version DESC LIMIT 1`).get(rubricId)
        : this.sql(`SELECT ${VERSION_COLS} FROM rubric_versions v WHERE v.rubric_id = ? AND v.version = ?`).get(rubricId, version)
    ) as VersionRow | undefined;
    return r ? toRubric(r) : null;
  }

  /** A version by its row id, or null. */
  byVersionId(versionId: number): Rubric | null {
    const r = this.sql(`SELECT ${VERSION_COLS} FROM rubric_versions v WHERE v.id = ?`).get(versionId) as VersionRow | undefined;
    return r ? toRubric(r) : null;
  }

  /** Every version of a rubric, newest first. */
  versions(rubricId: number): Rubric[] {
    return (this.sql(`SELECT ${VERSION_COLS} FROM rubric_versions v WHERE v.rubric_id = ? ORDER BY v.version DESC`).all(rubricId) as VersionRow[]).map(toRubric);
  }

  /** Every rubric with its newest version's counts and how many scores use any of its versions, by name. */
  list(): RubricSummary[] {
    const rows = this.sql(
      `SELECT r.id, r.name, v.version, v.definition, r.updated_at,
         (SELECT count(*) FROM scores s JOIN rubric_versions sv ON sv.id = s.rubric_version_id WHERE sv.rubric_id = r.id) AS score_count
       FROM rubrics r JOIN rubric_versions v ON v.rubric_id = r.id
       WHERE v.version = (SELECT max(version) FROM rubric_versions WHERE rubric_id = r.id)
       ORDER BY r.name COLLATE NOCASE, r.id`,
    ).all() as SummaryRow[];
    return rows.map((r) => {
      const def = RubricDefinition.parse(JSON.parse(r.definition));
      return {
        id: r.id,
        name: r.name,
        version: r.version,
        sectionCount: def.sections.length,
        criterionCount: def.sections.reduce((n, s) => n + s.criteria.length, 0),
        scoreCount: r.score_count,
        updatedAt: r.updated_at,
      };
    });
  }
}
