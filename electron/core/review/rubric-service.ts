import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../shared/ipc/envelope.js';
import type { Rubric, RubricDefinition, RubricSaveInput, RubricSummary } from '../../../shared/review.js';
import type { Repos } from '../db/repos/index.js';

/** A validated rubric to save (defaults applied). */
export type RubricSave = z.output<typeof RubricSaveInput>;

/** QA rubrics: listing, reading a version, and saving (a new rubric, or the next version of one). */
export class RubricService {
  constructor(
    private readonly repos: Repos,
    private readonly now: () => string,
  ) {}

  /** Every rubric's newest version, by name. */
  list(): RubricSummary[] {
    return this.repos.rubrics.list();
  }

  /** A rubric version (the newest unless `version`); not-found when there is none. */
  get(id: number, version?: number): Rubric {
    const r = this.repos.rubrics.get(id, version);
    if (!r) throw new AppError('not-found', version === undefined ? `There is no rubric with id ${id}.` : `Rubric ${id} has no version ${version}.`);
    return r;
  }

  /**
   * Saves a rubric. Without an id it is new (version 1); with one, the definition becomes the next
   * version and earlier versions stay untouched for the scores that used them. Saving what the
   * newest version already holds makes no new version.
   */
  save(input: RubricSave): Rubric {
    const def = withIds(input);
    if (input.id === undefined) return this.get(this.repos.rubrics.create(def, this.now()));
    const latest = this.get(input.id);
    const { name, sections } = latest;
    if (JSON.stringify({ name, sections }) === JSON.stringify(def)) return latest;
    const version = this.repos.rubrics.addVersion(input.id, def, this.now());
    if (version === null) throw new AppError('not-found', `There is no rubric with id ${input.id}.`);
    return this.get(input.id, version);
  }
}

/** The definition with every section and criterion id filled in, refusing ids used twice (answers find criteria by id). */
function withIds(input: RubricSave): RubricDefinition {
  const given = [...input.sections.map((s) => s.id), ...input.sections.flatMap((s) => s.criteria.map((c) => c.id))].filter((id): id is string => id !== undefined);
  const used = new Set<string>();
  for (const id of given) {
    if (used.has(id)) throw new AppError('bad-request', `The id ${id} is used twice in the rubric; section and criterion ids must be unique.`);
    used.add(id);
  }
  const fresh = (prefix: string): string => {
    let id: string;
    do id = `${prefix}-${randomBytes(4).toString('hex')}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
  return {
    name: input.name,
    sections: input.sections.map((s) => ({
      id: s.id ?? fresh('s'),
      title: s.title,
      weight: s.weight,
      criteria: s.criteria.map((c) => ({ id: c.id ?? fresh('c'), text: c.text, kind: c.kind, weight: c.weight, autoFail: c.autoFail, naAllowed: c.naAllowed })),
    })),
  };
}
