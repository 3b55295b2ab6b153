import { z } from 'zod';
import { QaFlagName, SentimentLabel } from './llm-analysis.js';
import { Tag } from './tags.js';
import { CallSourceKind } from './types.js';

/*
 * The cross-call dashboard and the call list's filters. Days are calendar days of a call's start in
 * the reviewer's time zone, given as a fixed offset from UTC (`utcOffsetMin`, what the renderer's
 * clock says now), so a day bar and the call list's local times agree. Calls without a start time
 * are in no day: they count in totals but never match a date filter.
 */

/** A calendar day, YYYY-MM-DD. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  // Date.parse rolls 30 February over to March; a real day reads back as itself.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'not a real date');
export type Day = z.infer<typeof Day>;

/** A call's direction as the filters know it: Twilio's `outbound-api`/`outbound-dial` count as outbound. */
export const CallDirection = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof CallDirection>;

/** Minutes east of UTC (UTC+2 → 120); whole minutes between UTC−14 and UTC+14. */
export const UtcOffsetMin = z.number().int().min(-840).max(840);

/** Filters the dashboard and the call list share. */
const sharedFilters = {
  /** First day included. */
  from: Day.optional(),
  /** Last day included. */
  to: Day.optional(),
  source: CallSourceKind.optional(),
  direction: CallDirection.optional(),
  utcOffsetMin: UtcOffsetMin.optional(),
  /** Calls that carry this tag (compared without case). */
  tag: Tag.optional(),
};

/** The dashboard's filters. */
export const DashboardFilters = z
  .object(sharedFilters)
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { message: 'from is after to', path: ['from'] });
export type DashboardFilters = z.infer<typeof DashboardFilters>;

/** A stretch of per-turn response latency in seconds: min ≤ latency < max (max null: no upper end). */
export const LatencyRange = z
  .object({ min: z.number().min(0).max(3600), max: z.number().min(0).max(3600).nullable() })
  .strict()
  .refine((r) => r.max === null || r.max > r.min, 'max must be above min');
export type LatencyRange = z.infer<typeof LatencyRange>;

/**
 * The call list's filters: the dashboard's, plus what a click on a dashboard chart picks. Analysis
 * facts (flag, phrase, sentiment, latency) are read from each call's current analysis: the newest
 * LLM run of its active transcript version, and its current metrics.
 */
export const CallListFilters = z
  .object({
    ...sharedFilters,
    /** Only these calls. */
    callIds: z.array(z.number().int().positive()).max(10_000).optional(),
    /** Calls that started on this day. */
    day: Day.optional(),
    /** Calls whose analysis found this QA flag present (names compared without case). */
    hasFlag: QaFlagName.optional(),
    /** Calls whose analysis lists this key phrase (compared without case). */
    phrase: z.string().trim().min(1).max(200).optional(),
    /** Calls whose overall sentiment has this label. */
    sentiment: SentimentLabel.optional(),
    /** Calls with at least one agent/bot response whose latency lies in this range (negatives count as 0). */
    latency: LatencyRange.optional(),
  })
  .strict();
export type CallListFilters = z.infer<typeof CallListFilters>;

/** The dashboard's latency histogram edges in seconds; the last bucket has no upper end. */
export const LATENCY_EDGES = [0, 0.5, 1, 1.5, 2, 3, 5] as const;

/** What `analysis:dashboard` answers for some filters. */
export const DashboardResult = z.object({
  totals: z.object({
    /** Calls that pass the filters. */
    calls: z.number().int(),
    /** Of those, calls with a current LLM analysis. */
    analysed: z.number().int(),
    /** Of those, calls with current metrics. */
    withMetrics: z.number().int(),
    /** Sum of the calls' durations (calls without one count 0). */
    durationSec: z.number(),
  }),
  /** Every day with at least one call, oldest first. */
  callsPerDay: z.array(z.object({ day: Day, count: z.number().int() })),
  sentiment: z.object({
    /** Mean overall sentiment score (-1..1) of the analysed calls, or null when none is. */
    average: z.number().nullable(),
    /** Mean per day, days with at least one analysed call, oldest first. */
    byDay: z.array(z.object({ day: Day, average: z.number(), calls: z.number().int() })),
    /** Analysed calls per overall label, always the three labels in negative → positive order. */
    buckets: z.array(z.object({ label: SentimentLabel, calls: z.number().int() })),
  }),
  /** Mean share of talk per side over calls with metrics (agent and bot count as the agent side); null without any. */
  talkRatio: z.object({
    calls: z.number().int(),
    caller: z.number().nullable(),
    agent: z.number().nullable(),
    /** Mean share of the call that nobody spoke. */
    silence: z.number().nullable(),
  }),
  /** Agent/bot response latencies (each caller → agent/bot hand-over, negatives as 0) in LATENCY_EDGES buckets. */
  latency: z.object({
    turns: z.number().int(),
    medianSec: z.number().nullable(),
    buckets: z.array(z.object({ min: z.number(), max: z.number().nullable(), turns: z.number().int(), calls: z.number().int() })),
  }),
  /** The most frequent key phrases (by how many calls list them, case folded), at most 15. */
  keyPhrases: z.array(z.object({ text: z.string(), calls: z.number().int() })),
  /** Every flag the analysed calls were checked for: in how many it was present, of how many checked. */
  qaFlags: z.array(z.object({ flag: z.string(), present: z.number().int(), total: z.number().int() })),
});
export type DashboardResult = z.infer<typeof DashboardResult>;
