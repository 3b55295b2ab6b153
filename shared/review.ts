import { z } from 'zod';
import { CallSourceKind } from './types.js';

/*
 * The review workflow's shapes: the activity timeline (per call and per contact), comments on a
 * moment or region of a call, QA rubrics (versioned) and the scores given with them. Field names
 * are a public interface (`callreview timeline --json`, IPC). Times are ISO 8601 strings; offsets
 * and comment positions are seconds from the start of the call.
 */

const Id = z.number().int().positive();
/** A day (YYYY-MM-DD, UTC) or an instant; a day as `to` includes the whole day. */
export const DateBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
export type DateBound = z.infer<typeof DateBound>;

// ---- Timeline ---------------------------------------------------------------------------------

/** What a timeline entry opens: the call (at a moment, when timed), a segment, comment, score, transcript version… */
export const TimelineRefKind = z.enum(['call', 'segment', 'comment', 'score', 'transcript', 'analysis', 'export', 'recording']);
export type TimelineRefKind = z.infer<typeof TimelineRefKind>;

/** Where an entry leads; `timeSec` (seconds into the call) seeks the player. */
export const TimelineRef = z.object({
  kind: TimelineRefKind,
  id: z.number().int().optional(),
  timeSec: z.number().optional(),
});
export type TimelineRef = z.infer<typeof TimelineRef>;

/** One activity as the timeline shows it. */
export const TimelineEntry = z.object({
  /** The activity id; 0 only for a call header made up for a call that has no stored call activity. */
  id: z.number().int().nonnegative(),
  type: z.string(),
  label: z.string(),
  at: z.string().nullable(),
  offsetSec: z.number().nullable(),
  /** Who wrote it: import, recorder, twilio or app. */
  origin: z.string(),
  /** A one-line description of the payload (function name, message, comment text…), or null. */
  summary: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  refersTo: TimelineRef,
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** A call's group: its call activity on top and every other activity of the group under it, oldest first. */
export const TimelineGroup = z.object({
  groupId: z.string().nullable(),
  callId: z.number().int(),
  externalId: z.string(),
  source: CallSourceKind,
  startedAt: z.string().nullable(),
  call: TimelineEntry,
  children: z.array(TimelineEntry),
});
export type TimelineGroup = z.infer<typeof TimelineGroup>;

/** Which entries to show: activity types (any of), and a time range (inclusive). */
export const TimelineFilters = z
  .object({
    types: z.array(z.string().min(1).max(80)).max(50).optional(),
    from: DateBound.optional(),
    to: DateBound.optional(),
  })
  .strict();
export type TimelineFilters = z.infer<typeof TimelineFilters>;

/** A phone number's history: every call it took part in, newest call first. */
export const ContactTimeline = z.object({
  contact: z.object({ id: z.number().int(), phone: z.string().nullable(), name: z.string().nullable() }).nullable(),
  groups: z.array(TimelineGroup),
});
export type ContactTimeline = z.infer<typeof ContactTimeline>;

// ---- Comments ---------------------------------------------------------------------------------

const CommentText = z.string().trim().min(1, 'a comment needs some text').max(10_000);
const Sec = z.number().finite().min(0).max(7 * 24 * 3600);

/** A reviewer's note at a moment (end null) or on a region of a call; deleted ones are kept. */
export const Comment = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  start: z.number(),
  end: z.number().nullable(),
  text: z.string(),
  author: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  /** Every text the comment has had, oldest first; the last is the current one. */
  history: z.array(z.object({ text: z.string(), at: z.string() })),
});
export type Comment = z.infer<typeof Comment>;

/** A new comment at `start` (the playhead) or on the region start..end. */
export const CommentAddInput = z
  .object({ callId: Id, start: Sec, end: Sec.nullable().default(null), text: CommentText, author: z.string().trim().max(200).nullable().default(null) })
  .strict()
  .refine((c) => c.end === null || c.end > c.start, { message: 'a region must end after it starts', path: ['end'] });
export type CommentAddInput = z.input<typeof CommentAddInput>;

/** A changed text (and optionally a moved moment or region). */
export const CommentEditInput = z
  .object({ id: Id, text: CommentText, start: Sec.optional(), end: Sec.nullable().optional() })
  .strict();
export type CommentEditInput = z.input<typeof CommentEditInput>;

// ---- Rubrics ----------------------------------------------------------------------------------

/** Section and criterion ids: stable across versions so answers keep pointing at their criterion. */
export const RubricKey = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1–64 letters, digits, _ or -');
const Weight = z.number().finite().positive().max(1000);

/** yes/no (yes = full marks) or a 1–5 scale (1 = none, 5 = full marks). */
export const CriterionKind = z.enum(['yesno', 'scale']);
export type CriterionKind = z.infer<typeof CriterionKind>;

/** One question of a rubric. `autoFail`: answering it 'no' (or 1 on a scale) makes the whole score 0 %. */
export const Criterion = z.object({
  id: RubricKey,
  text: z.string().trim().min(1).max(2000),
  kind: CriterionKind,
  weight: Weight,
  autoFail: z.boolean(),
  naAllowed: z.boolean(),
});
export type Criterion = z.infer<typeof Criterion>;

/** A titled, weighted group of criteria. */
export const RubricSection = z.object({ id: RubricKey, title: z.string().trim().min(1).max(200), weight: Weight, criteria: z.array(Criterion).min(1).max(200) });
export type RubricSection = z.infer<typeof RubricSection>;

/** What a rubric version stores. */
export const RubricDefinition = z.object({ name: z.string().trim().min(1).max(200), sections: z.array(RubricSection).min(1).max(50) });
export type RubricDefinition = z.infer<typeof RubricDefinition>;

/** One version of a rubric; `id` is the rubric's, `versionId` the version row's. */
export const Rubric = RubricDefinition.extend({
  id: z.number().int(),
  version: z.number().int(),
  versionId: z.number().int(),
  latestVersion: z.number().int(),
  createdAt: z.string(),
});
export type Rubric = z.infer<typeof Rubric>;

/** A rubric in the list: its newest version's facts. */
export const RubricSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  sectionCount: z.number().int(),
  criterionCount: z.number().int(),
  scoreCount: z.number().int(),
  updatedAt: z.string(),
});
export type RubricSummary = z.infer<typeof RubricSummary>;

/** A rubric to save: without `id` a new rubric, with it the next version. Missing section/criterion ids are made up. */
export const RubricSaveInput = z
  .object({
    id: Id.optional(),
    name: z.string().trim().min(1).max(200),
    sections: z
      .array(
        z.object({
          id: RubricKey.optional(),
          title: z.string().trim().min(1).max(200),
          weight: Weight.default(1),
          criteria: z
            .array(
              z.object({
                id: RubricKey.optional(),
                text: z.string().trim().min(1).max(2000),
                kind: CriterionKind,
                weight: Weight.default(1),
                autoFail: z.boolean().default(false),
                naAllowed: z.boolean().default(false),
              }),
            )
            .min(1)
            .max(200),
        }),
      )
      .min(1)
      .max(50),
  })
  .strict();
export type RubricSaveInput = z.input<typeof RubricSaveInput>;

// ---- Scores -----------------------------------------------------------------------------------

/** 'yes' | 'no' | 'na' for yes/no criteria; 1–5 or 'na' for scales. */
export const AnswerValue = z.union([z.enum(['yes', 'no', 'na']), z.number().int().min(1).max(5)]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/** One answer; `citeSec` points at the moment of the call that shows it. */
export const Answer = z.object({
  criterionId: RubricKey,
  value: AnswerValue,
  citeSec: Sec.nullable().default(null),
  note: z.string().max(4000).default(''),
});
export type Answer = z.infer<typeof Answer>;

/** Draft (being filled in) or complete (submitted; no longer editable). */
export const ScoreState = z.enum(['draft', 'complete']);
export type ScoreState = z.infer<typeof ScoreState>;

/** A call scored against one rubric version. Percents are 0–100 rounded to 2 decimals; null when nothing counted. */
export const Score = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  rubricId: z.number().int(),
  rubricName: z.string(),
  rubricVersion: z.number().int(),
  rubricVersionId: z.number().int(),
  state: ScoreState,
  answers: z.array(Answer),
  percent: z.number().nullable(),
  sectionPercents: z.record(z.string(), z.number().nullable()),
  autoFailed: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Score = z.infer<typeof Score>;

/** A score in the list, with the call it is for. */
export const ScoreListItem = Score.extend({ callExternalId: z.string(), callStartedAt: z.string().nullable() });
export type ScoreListItem = z.infer<typeof ScoreListItem>;

/** Filters of the scored-calls list; dates apply to when a score was completed (drafts: last saved). */
export const ScoreFilters = z
  .object({
    rubricId: Id.optional(),
    callId: Id.optional(),
    state: ScoreState.optional(),
    minPercent: z.number().min(0).max(100).optional(),
    maxPercent: z.number().min(0).max(100).optional(),
    from: DateBound.optional(),
    to: DateBound.optional(),
    limit: z.number().int().min(1).max(10_000).default(500),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type ScoreFilters = z.input<typeof ScoreFilters>;

/** Saves a draft: a new one (callId + rubricId, newest version unless `rubricVersion`) or answers of an existing draft (`id`). */
export const ScoreSaveInput = z
  .object({
    id: Id.optional(),
    callId: Id.optional(),
    rubricId: Id.optional(),
    rubricVersion: Id.optional(),
    answers: z.array(Answer).max(2000).default([]),
  })
  .strict()
  .refine((s) => s.id !== undefined || (s.callId !== undefined && s.rubricId !== undefined), 'give a score id, or a callId and a rubricId');
export type ScoreSaveInput = z.input<typeof ScoreSaveInput>;

/** Average scores of a rubric across its complete scores, per section (matched by section id across versions). */
export const ScoreStats = z.object({
  rubricId: z.number().int(),
  rubricName: z.string(),
  scoreCount: z.number().int(),
  autoFailedCount: z.number().int(),
  averagePercent: z.number().nullable(),
  sections: z.array(z.object({ sectionId: z.string(), title: z.string(), averagePercent: z.number().nullable(), count: z.number().int() })),
});
export type ScoreStats = z.infer<typeof ScoreStats>;
