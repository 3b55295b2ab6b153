import { z } from 'zod';
import {
  Answer,
  Comment,
  CommentAddInput,
  CommentEditInput,
  ContactTimeline,
  DateBound,
  Rubric,
  RubricSaveInput,
  RubricSummary,
  Score,
  ScoreFilters,
  ScoreListItem,
  ScoreSaveInput,
  ScoreStats,
  TimelineFilters,
  TimelineGroup,
} from '../review.js';

const Id = z.number().int().positive();
const NoInput = z.object({}).strict();

/** The review workflow's request channels (timeline, comments, rubrics, scores); spread into the contract. */
export const reviewContract = {
  /** A call's activity timeline: its group(s), the call activity on top and children in time order. */
  'timeline:call': { input: TimelineFilters.extend({ callId: Id }).strict(), output: z.array(TimelineGroup) },
  /** Every call of a phone number (or contact id), newest call first, each call's group. */
  'timeline:contact': {
    input: TimelineFilters.extend({ phone: z.string().trim().min(1).max(64).optional(), contactId: Id.optional() })
      .strict()
      .refine((v) => (v.phone === undefined) !== (v.contactId === undefined), 'give a phone number or a contact id'),
    output: ContactTimeline,
  },
  /** Adds a comment at a moment (end null) or on a region of a call. */
  'comments:add': { input: CommentAddInput, output: Comment },
  /** Changes a comment's text (and moment or region); the earlier text stays in its history. */
  'comments:edit': { input: CommentEditInput, output: Comment },
  /** Deletes a comment; it stays in the history, marked deleted. */
  'comments:delete': { input: z.object({ id: Id }).strict(), output: Comment },
  /** A call's comments in time order. */
  'comments:list': { input: z.object({ callId: Id, includeDeleted: z.boolean().default(false) }).strict(), output: z.array(Comment) },
  /** Every rubric's newest version. */
  'rubrics:list': { input: NoInput, output: z.array(RubricSummary) },
  /** Saves a rubric: new without an id, otherwise its next version (old scores keep theirs). */
  'rubrics:save': { input: RubricSaveInput, output: Rubric },
  /** One rubric version (the newest unless `version`). */
  'rubrics:get': { input: z.object({ id: Id, version: Id.optional() }).strict(), output: Rubric },
  /** Scored calls, newest first, filtered by rubric, state, percent range and date. */
  'scores:list': { input: ScoreFilters, output: z.array(ScoreListItem) },
  /** One score with its answers. */
  'scores:get': { input: z.object({ id: Id }).strict(), output: Score },
  /** Saves a draft score (new, or the answers of an existing draft). */
  'scores:save': { input: ScoreSaveInput, output: Score },
  /** Completes a draft (every criterion answered; N/A where allowed); logs "Score submitted". */
  'scores:complete': { input: z.object({ id: Id, answers: z.array(Answer).max(2000).optional() }).strict(), output: Score },
  /** Logs "Transcript viewed" for one opening of a transcript; repeats within a few seconds are the same opening. */
  'review:transcriptViewed': {
    input: z.object({ callId: Id, transcriptId: Id }).strict(),
    output: z.object({ logged: z.boolean(), activityId: z.number().int() }),
  },
  /** Average score per rubric and per rubric section over complete scores (the dashboard). */
  'review:scoreStats': {
    input: z.object({ rubricId: Id.optional(), from: DateBound.optional(), to: DateBound.optional() }).strict(),
    output: z.array(ScoreStats),
  },
} as const;
