import { z } from 'zod';
import { Speaker } from './types.js';

/*
 * Stored analyses of a call: local conversation metrics (kind 'metrics') and the LLM review (kind
 * 'llm'). Every run is a row of its own (numbered 1, 2, … per call, kind and transcript version),
 * so re-runs keep their history. Units: seconds, ratios 0..1; seconds are rounded to the
 * millisecond, ratios to 4 decimals, words per minute to 1 decimal.
 */

/** What an analysis row is: the local metrics or the LLM review. */
export const AnalysisKind = z.enum(['metrics', 'llm']);
export type AnalysisKind = z.infer<typeof AnalysisKind>;

/** One stored analysis run; `payload` is the kind's own JSON (parse metrics with CallMetrics). */
export const AnalysisRecord = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  /** The transcript version analysed; null for audio-only metrics. */
  transcriptId: z.number().int().nullable(),
  kind: AnalysisKind,
  model: z.string().nullable(),
  /** 1, 2, … per (call, kind, transcript version). */
  run: z.number().int(),
  createdAt: z.string(),
  payload: z.unknown(),
});
export type AnalysisRecord = z.infer<typeof AnalysisRecord>;

// ---- Local conversation metrics (kind 'metrics') -------------------------------------------

/** A stretch of the call in seconds from its start. */
export const TimeSpan = z.object({ start: z.number(), end: z.number() });
export type TimeSpan = z.infer<typeof TimeSpan>;

/** Where a metrics run took its timing from: transcript segments, per-channel audio energy, or audio timing with transcript words. */
export const MetricsBasis = z.enum(['transcript', 'audio', 'both']);
export type MetricsBasis = z.infer<typeof MetricsBasis>;

/** One speaker's figures. */
export const SpeakerMetrics = z.object({
  /** Length of the union of the speaker's speech. */
  talkSec: z.number(),
  /** talkSec over the sum of every speaker's talkSec (overlapped speech counts for both), so shares add up to 1. */
  talkRatio: z.number(),
  /** talkSec over the call's duration. */
  callRatio: z.number(),
  /** Turns this speaker took (see `turns`). */
  turns: z.number().int(),
  /** Words spoken (from the transcript); null without one. */
  words: z.number().int().nullable(),
  /** words per minute of talkSec; null without a transcript or without talk. */
  wpm: z.number().nullable(),
});
export type SpeakerMetrics = z.infer<typeof SpeakerMetrics>;

/** Two speakers talking at once: `by` started the burst that overlaps `over`'s. */
export const OverlapItem = TimeSpan.extend({
  durationSec: z.number(),
  by: Speaker,
  over: Speaker,
  /** True when `by`'s burst lies wholly inside `over`'s (a backchannel such as "mm-hm"): not an interruption and not a turn. */
  contained: z.boolean(),
});
export type OverlapItem = z.infer<typeof OverlapItem>;

/** The hand-over between two turns: latencySec = next start − previous end (negative when the next speaker started before the previous one stopped). */
export const LatencyItem = z.object({
  /** When the previous speaker stopped. */
  at: z.number(),
  latencySec: z.number(),
  from: Speaker,
  to: Speaker,
});
export type LatencyItem = z.infer<typeof LatencyItem>;

/** Function calls of the bot, from the recorder's metadata. */
export const FunctionCallMetrics = z.object({
  count: z.number().int(),
  firstOffsetSec: z.number().nullable(),
  lastOffsetSec: z.number().nullable(),
  /** Each name with how often it was called, most called first. */
  names: z.array(z.object({ name: z.string(), count: z.number().int() })),
  /** Every call in time order (offset null when the recorder gave no usable time). */
  timings: z.array(z.object({ name: z.string(), offsetSec: z.number().nullable() })),
});
export type FunctionCallMetrics = z.infer<typeof FunctionCallMetrics>;

/** What the audio side of a run saw, per channel. */
export const AudioActivityInfo = z.object({
  /** 'stereo': both sides in one file; 'pair': a caller file and an agent file; 'single': one side's file only; 'mono': one channel, speaker unknown. */
  layout: z.enum(['stereo', 'pair', 'mono', 'single']),
  channels: z.array(z.object({ speaker: Speaker, speechSec: z.number(), bursts: z.number().int(), thresholdDbfs: z.number() })),
});
export type AudioActivityInfo = z.infer<typeof AudioActivityInfo>;

/** The local metrics of one call (and transcript version); public: the renderer and `show --json` read it. */
export const CallMetrics = z.object({
  /** Bumped when a definition changes, so old rows can be told apart. */
  version: z.literal(1),
  basis: MetricsBasis,
  durationSec: z.number(),
  speakers: z.partialRecord(Speaker, SpeakerMetrics),
  /** Length of the union of everyone's speech. */
  speechSec: z.number(),
  /** durationSec minus speechSec; `gaps` lists the silent stretches of 2 s or more (leading and trailing silence included). */
  silence: z.object({ totalSec: z.number(), ratio: z.number(), gaps: z.array(TimeSpan) }),
  overlaps: z.object({
    count: z.number().int(),
    totalSec: z.number(),
    items: z.array(OverlapItem),
  }),
  /** Overlaps that were not backchannels, counted by who interrupted. */
  interruptions: z.object({ count: z.number().int(), by: z.partialRecord(Speaker, z.number().int()) }),
  /** Turns: runs of one speaker's speech until another speaker's (non-backchannel) speech begins. */
  turns: z.number().int(),
  /** Response latency: median and worst over caller → agent/bot hand-overs, negatives counted as 0; items list every hand-over. */
  latency: z.object({
    count: z.number().int(),
    medianSec: z.number().nullable(),
    worstSec: z.number().nullable(),
    /** Caller → agent/bot hand-overs where the answer started before the caller stopped. */
    overlapped: z.number().int(),
    items: z.array(LatencyItem),
  }),
  /** The longest stretch of one speaker's speech with no pause of 1.5 s or more and no other speaker's turn in it. */
  monologue: z.object({ speaker: Speaker, start: z.number(), end: z.number(), durationSec: z.number() }).nullable(),
  functionCalls: FunctionCallMetrics,
  /** What the audio analysis saw, or null when the run did not read audio. */
  audio: AudioActivityInfo.nullable(),
  /** Why a source was left out (e.g. audio that could not be read); empty when nothing was. */
  notes: z.array(z.string()),
});
export type CallMetrics = z.infer<typeof CallMetrics>;
