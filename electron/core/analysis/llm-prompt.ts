/**
 * The two messages of an analysis request: fixed instructions (system) and the part itself
 * (user): its place in the call, the speakers, the QA flags, the sentiment windows and the lines.
 * The layout of the user message is what the fake OpenAI reads back, so keep them in step.
 */
import { clock, speakersOf, type TranscriptPart } from './transcript-parts.js';

/** The instructions; the schema carries the shape, these say what goes in it. */
export const SYSTEM_PROMPT = [
  'You review recorded phone calls for a quality-assurance team.',
  'You get a call transcript, or one part of a long one, with one line per segment: [segment-id mm:ss speaker] text.',
  'Answer only with JSON in the given schema, in the language of these instructions.',
  'Cite lines only by the segment ids shown in square brackets (such as s12), and only ids that occur in this transcript; never invent one.',
  'Sentiment: a label and a score from -1 (very negative) to 1 (very positive) for the whole text, for each speaker who speaks, and for each listed window (the lines that start in it).',
  'Key phrases: the main topics, at most 8, each with the lines where it comes up.',
  'Action items: things someone commits to do after that point of the call, who is to do it, and when if it was said (else null).',
  'Questions: questions actually asked, who asked, and whether a later line answers them (with that line, else null).',
  'QA flags: report every listed flag exactly once; present is true only when the transcript shows it, and then cite the lines; the note says in one sentence what was or was not said.',
].join('\n');

/** The user message for one part. */
export function partPrompt(part: TranscriptPart, partCount: number, flags: readonly string[]): string {
  const where = partCount > 1 ? `Part ${part.index + 1} of ${partCount} of the call (${clock(part.start)}-${clock(part.end)}); analyse only this part.` : `The whole call (${clock(part.start)}-${clock(part.end)}).`;
  return [
    where,
    `Speakers: ${speakersOf(part.lines).join(', ')}.`,
    flags.length > 0 ? `QA flags to check: ${flags.join('; ')}.` : 'No QA flags to check.',
    'Sentiment windows:',
    ...part.windows.map((w) => `${w.id} ${clock(w.start)}-${clock(w.end)}`),
    'Transcript:',
    ...part.lines.map((l) => l.line),
  ].join('\n');
}
