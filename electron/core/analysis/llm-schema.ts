/**
 * What the model answers for one part of a transcript, as a zod schema built per request (the
 * flags, speakers and windows become enums), and the JSON schema sent with it, generated from the
 * same zod schema so the two cannot drift. z.toJSONSchema already writes what OpenAI's strict
 * structured outputs require: every object closed (additionalProperties: false) with every key
 * required, nullable fields as ["string", "null"], and only keywords strict mode supports
 * (string lengths are left out on purpose: strict mode refuses minLength/maxLength).
 */
import { z } from 'zod';
import { SentimentLabel } from '../../../shared/llm-analysis.js';
import type { Speaker } from '../../../shared/types.js';

/** The json_schema name sent in response_format. */
export const ANALYSIS_SCHEMA_NAME = 'call_analysis';

/** A citation of a transcript line: `s` and the segment id, as the lines show it. */
export const SegmentRef = z.string().regex(/^s\d+$/).describe('A segment id exactly as shown at the start of a transcript line, e.g. s12');

/** What varies per request. */
export interface PartSchemaInput {
  /** The QA flags to check (may be empty: then the answer has no qaFlags). */
  flags: readonly string[];
  /** Speakers that occur in the part; 'unknown' is always allowed. */
  speakers: readonly Speaker[];
  /** Window ids of the part (w1, w2, …); at least one. */
  windows: readonly string[];
}

const enumOf = <T extends string>(values: readonly T[]) => z.enum([...new Set(values)] as [T, ...T[]]);

/** The zod schema of one part's answer. */
export function partAnswerSchema(input: PartSchemaInput) {
  if (input.windows.length === 0) throw new Error('a part has at least one window');
  const speaker = enumOf<Speaker>([...input.speakers, 'unknown']);
  const score = z.number().min(-1).max(1).describe('-1 very negative … 0 neutral … 1 very positive');
  const sentiment = { label: SentimentLabel, score };
  const base = z.strictObject({
    summary: z.string().describe('What the call (this part) is about and how it went, in 2 to 4 sentences'),
    sentiment: z.strictObject({
      overall: z.strictObject(sentiment),
      bySpeaker: z.array(z.strictObject({ speaker, ...sentiment })).describe('One entry per speaker who speaks'),
      overTime: z.array(z.strictObject({ window: enumOf(input.windows), ...sentiment })).describe('One entry per listed window'),
    }),
    keyPhrases: z.array(z.strictObject({ text: z.string(), segmentIds: z.array(SegmentRef).min(1) })).describe('Main topics and key phrases, at most 8'),
    actionItems: z
      .array(
        z.strictObject({
          text: z.string(),
          owner: speaker.describe('Who is to do it'),
          due: z.string().nullable().describe('When, as said in the call, or null'),
          segmentId: SegmentRef,
        }),
      )
      .describe('Commitments to do something after this point of the call'),
    questions: z
      .array(
        z.strictObject({
          text: z.string(),
          askedBy: speaker,
          segmentId: SegmentRef,
          answered: z.boolean(),
          answerSegmentId: SegmentRef.nullable().describe('The line that answers it, or null'),
        }),
      )
      .describe('Questions asked in the call'),
  });
  if (input.flags.length === 0) return base;
  return base.extend({
    qaFlags: z
      .array(
        z.strictObject({
          flag: enumOf(input.flags),
          present: z.boolean(),
          segmentIds: z.array(SegmentRef).describe('The lines that show it; at least one when present'),
          note: z.string().describe('One sentence on what was (or was not) said'),
        }),
      )
      .describe('Every listed QA flag exactly once'),
  });
}

/** One part's answer after zod. */
export type PartAnswer = z.output<ReturnType<typeof partAnswerSchema>> & { qaFlags?: Array<{ flag: string; present: boolean; segmentIds: string[]; note: string }> };

/** The JSON schema for response_format.json_schema.schema (strict mode). */
export function partJsonSchema(input: PartSchemaInput): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(partAnswerSchema(input), { target: 'draft-2020-12' }) as Record<string, unknown>;
  return schema;
}
