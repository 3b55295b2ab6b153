import type { z } from 'zod';
import { AppError } from '../../../shared/ipc/envelope.js';
import type { Answer, Rubric, Score, ScoreFilters, ScoreListItem, ScoreSaveInput, ScoreStats } from '../../../shared/review.js';
import type { Repos } from '../db/repos/index.js';
import { addReviewActivity } from '../transcription/transcription-activity.js';
import { isoRange } from './date-range.js';
import { answerProblems, scoreAnswers, toPercent } from './scoring.js';

/** A validated draft save (defaults applied). */
export type ScoreSave = z.output<typeof ScoreSaveInput>;

/** Scoring calls: drafts saved as often as the reviewer likes, then completed once (logged as score_submitted). */
export class ScoreService {
  constructor(
    private readonly repos: Repos,
    private readonly now: () => string,
  ) {}

  /** One score; not-found when there is none. */
  get(id: number): Score {
    const s = this.repos.scores.get(id);
    if (!s) throw new AppError('not-found', `There is no score with id ${id}.`);
    return s;
  }

  /** Scores matching the filters, newest first. */
  list(filters: z.output<typeof ScoreFilters>): ScoreListItem[] {
    const { from, to, ...rest } = filters;
    const { fromIso, toIso } = isoRange(from, to);
    return this.repos.scores.list({ ...rest, ...(fromIso === null ? {} : { fromIso }), ...(toIso === null ? {} : { toIso }) });
  }

  /**
   * Saves a draft. A new one scores `callId` with the rubric's newest version (or `rubricVersion`);
   * an existing one keeps the version it was started with and takes the answers given, which replace
   * its earlier ones. A completed score is not changed.
   */
  save(input: ScoreSave): Score {
    if (input.id !== undefined) {
      const current = this.get(input.id);
      if (input.callId !== undefined && input.callId !== current.callId) throw new AppError('bad-request', `Score ${input.id} is for call ${current.callId}, not ${input.callId}.`);
      if (input.rubricId !== undefined && input.rubricId !== current.rubricId) throw new AppError('bad-request', `Score ${input.id} uses rubric ${current.rubricId}, not ${input.rubricId}.`);
      this.write(current, input.answers, false);
      return this.get(input.id);
    }
    const callId = input.callId!;
    if (!this.repos.calls.row(callId)) throw new AppError('not-found', `There is no call with id ${callId}.`);
    const rubric = this.repos.rubrics.get(input.rubricId!, input.rubricVersion);
    if (!rubric) throw new AppError('not-found', `There is no rubric ${input.rubricId}${input.rubricVersion === undefined ? '' : ` version ${input.rubricVersion}`}.`);
    const answers = checked(rubric, input.answers);
    const { unanswered: _u, ...figures } = scoreAnswers(rubric, answers);
    return this.get(this.repos.scores.insert(callId, rubric.versionId, answers, figures, this.now()));
  }

  /** Completes a draft (with these answers, when given): every criterion must be answered (N/A counts). */
  complete(id: number, answers?: Answer[]): Score {
    const current = this.get(id);
    this.write(current, answers ?? current.answers, true);
    return this.get(id);
  }

  /** Average percents of each rubric (or one) over complete scores in a date range, per section; what the dashboard shows. */
  stats(opts: { rubricId?: number; from?: string; to?: string } = {}): ScoreStats[] {
    const { fromIso, toIso } = isoRange(opts.from, opts.to);
    const ids = opts.rubricId === undefined ? this.repos.rubrics.list().map((r) => r.id) : [opts.rubricId];
    return ids.map((rubricId) => {
      const versions = this.repos.rubrics.versions(rubricId);
      const newest = versions[0];
      if (!newest) throw new AppError('not-found', `There is no rubric with id ${rubricId}.`);
      const totals = this.repos.scores.totals(rubricId, fromIso, toIso);
      const averages = new Map(this.repos.scores.sectionAverages(rubricId, fromIso, toIso).map((a) => [a.sectionId, a]));
      // Sections in the newest version's order, then any only older versions had; titles from the newest version holding them.
      const order: { id: string; title: string }[] = [];
      for (const v of versions) for (const s of v.sections) if (!order.some((o) => o.id === s.id)) order.push({ id: s.id, title: s.title });
      return {
        rubricId,
        rubricName: newest.name,
        scoreCount: totals.count,
        autoFailedCount: totals.autoFailed,
        averagePercent: totals.average === null ? null : toPercent(totals.average / 100),
        sections: order
          .filter((s) => averages.has(s.id))
          .map((s) => {
            const a = averages.get(s.id)!;
            return { sectionId: s.id, title: s.title, averagePercent: a.average === null ? null : toPercent(a.average / 100), count: a.count };
          }),
      };
    });
  }

  /** Stores answers on a draft (completing it when asked), with the score_submitted activity in the same transaction. */
  private write(current: Score, rawAnswers: Answer[], complete: boolean): void {
    if (current.state !== 'draft') throw new AppError('conflict', `Score ${current.id} is complete and can no longer be changed.`);
    const rubric = this.repos.rubrics.byVersionId(current.rubricVersionId);
    if (!rubric) throw new AppError('internal', `The rubric version of score ${current.id} is missing.`);
    const answers = checked(rubric, rawAnswers);
    const { unanswered, ...figures } = scoreAnswers(rubric, answers);
    if (complete && unanswered.length > 0) {
      throw new AppError('bad-request', `${unanswered.length} criteri${unanswered.length === 1 ? 'on is' : 'a are'} not answered yet (${unanswered.join(', ')}); answer N/A where allowed.`);
    }
    this.repos.db.transaction(() => {
      const now = this.now();
      if (!this.repos.scores.update(current.id, answers, figures, complete, now)) throw new AppError('conflict', `Score ${current.id} is complete and can no longer be changed.`);
      if (complete) {
        addReviewActivity(this.repos, current.callId, 'score_submitted', {
          label: 'Score submitted',
          scoreId: current.id,
          rubricId: rubric.id,
          rubricName: rubric.name,
          rubricVersion: rubric.version,
          percent: figures.percent,
          autoFailed: figures.autoFailed,
        }, now);
      }
    })();
  }
}

/** The answers in rubric order, or a bad-request naming what is wrong with them. */
function checked(rubric: Rubric, answers: Answer[]): Answer[] {
  const problems = answerProblems(rubric, answers);
  if (problems.length > 0) throw new AppError('bad-request', `These answers do not fit ${rubric.name} v${rubric.version}: ${problems.join('; ')}.`);
  const order = rubric.sections.flatMap((s) => s.criteria.map((c) => c.id));
  return [...answers].sort((a, b) => order.indexOf(a.criterionId) - order.indexOf(b.criterionId));
}
