/** Shared bits of the LLM analysis tests: transcripts written straight into the library, and what an analysis cites. */
import type { Core } from '../../electron/core/app-core.js';
import type { LlmAnalysis } from '../../shared/llm-analysis.js';
import type { Speaker, TranscriptInfo } from '../../shared/types.js';
import type { FakeOpenAI, FakeOpenAIRequest } from '../fakes/openai/fake-openai.js';

/** One line of a made-up transcript: start second, speaker, text (each line lasts 3 s). */
export type Line = [number, Speaker, string];

/** Adds a transcript version made of `lines` to a call and makes it active; returns it with its segment ids. */
export function addTranscript(core: Core, callId: number, lines: readonly Line[]): TranscriptInfo {
  const segments = lines.map(([start, speaker, text]) => ({ speaker, channel: null, start, end: start + 3, text, confidence: null }));
  const id = core.repos.transcripts.add(callId, { source: 'test', engine: null, model: null, params: {}, activate: true }, segments, core.now());
  return core.repos.transcripts.get(id)!;
}

/** The fake's chat completion requests, in order. */
export function chatRequests(fake: FakeOpenAI): FakeOpenAIRequest[] {
  return fake.requests.filter((r) => r.endpoint === 'chat');
}

/** Every segment id an analysis cites. */
export function citedIds(a: LlmAnalysis): number[] {
  return [
    ...a.keyPhrases.flatMap((k) => k.segmentIds),
    ...a.actionItems.map((i) => i.segmentId),
    ...a.questions.flatMap((q) => (q.answerSegmentId === null ? [q.segmentId] : [q.segmentId, q.answerSegmentId])),
    ...a.qaFlags.flatMap((f) => f.segmentIds),
  ];
}

/** A support call with a question, a promise with a day, an escalation request and a recording notice. */
export const SUPPORT_CALL: Line[] = [
  [0.5, 'agent', 'Hello, this call is recorded for quality purposes.'],
  [4.2, 'caller', 'My invoice is wrong again, this is ridiculous.'],
  [9.8, 'agent', 'Sorry about that. Can you read me the invoice number?'],
  [14.1, 'caller', 'It is 7731.'],
  [70.3, 'agent', "Thanks. I'll send you a corrected invoice by Friday."],
  [75.6, 'caller', 'Fine, but I want to speak to a manager next time.'],
];
