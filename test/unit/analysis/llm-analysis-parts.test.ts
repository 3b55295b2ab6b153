/**
 * Long transcripts analysed in parts and combined (real library, fake OpenAI), how parts are cut,
 * and the JSON schema sent to the model agreeing with the zod schema answers are read with.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { labelFor } from '../../../electron/core/analysis/llm-merge.js';
import { partAnswerSchema, partJsonSchema } from '../../../electron/core/analysis/llm-schema.js';
import { estimateTokens, splitTranscript, transcriptLines } from '../../../electron/core/analysis/transcript-parts.js';
import { DEFAULT_QA_FLAGS, LlmAnalysis } from '../../../shared/llm-analysis.js';
import type { Segment } from '../../../shared/types.js';
import { fakeAnalysis, readPrompt } from '../../fakes/openai/chat-analysis.js';
import { addTranscript, chatRequests, citedIds, type Line } from '../../helpers/llm-analysis.js';
import { transcriptionRig, type TranscriptionRig } from '../../helpers/transcription.js';

const A1 = 'sess-a1b2c3_20260302_091504' as const;

let rig: TranscriptionRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

/** Six minutes of a call, a line every 20 s: a notice first, promises and a question in between, an escalation last. */
const LONG: Line[] = [
  'Good morning, this call is recorded and monitored for training.',
  'Hi, I am calling about the delivery of my new washing machine.',
  'Of course. Could you give me the order number please?',
  'Sure, it is order 5521 from last Tuesday at the store.',
  'Thank you. I see the delivery was planned for yesterday afternoon.',
  'Nobody came, I waited all day and this is not acceptable.',
  'I am sorry to hear that, that should not have happened at all.',
  "I'll book a new delivery slot for you on Thursday morning then.",
  'Thursday works for me, but please make sure they really come.',
  'Absolutely. Is there anything else about the delivery today?',
  'Yes, the washing machine should also be connected by the driver.',
  "We'll send a technician with the driver to connect it for you.",
  'Good, thank you. And what about the money for the missed delivery?',
  'The delivery fee will be refunded to your card within five days.',
  'That is fine. The delivery company has been terrible so far though.',
  'I understand, I will note your complaint about the delivery company.',
  'I want to talk to a supervisor about the delivery company anyway.',
  'Certainly, I will put you through to my supervisor right now.',
].map((text, i): Line => [i * 20 + 1, 'ACACACAACACACACACA'[i] === 'A' ? 'agent' : 'caller', text]);

describe('long transcripts', () => {
  it('are sent in parts under the token budget and combined: every line sent once, citations valid, items in call order, one entry per window', async () => {
    rig = await transcriptionRig();
    const { [A1]: callId } = await rig.importSessions(A1);
    const transcript = addTranscript(rig.core, callId!, LONG);
    rig.core.llm.setSettings({ partTokenBudget: 100 });
    rig.core.llm.request([callId!]);
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ failed: 0 });

    const sent = chatRequests(rig.fake);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    // Every line went out exactly once, in order, split at line boundaries.
    expect(sent.flatMap((r) => r.chat!.refs)).toEqual(transcript.segments.map((s) => `s${s.id}`));
    sent.forEach((r, i) => {
      const user = r.chat!.messages[1]!.content;
      expect(user).toMatch(new RegExp(`^Part ${i + 1} of ${sent.length} of the call`));
      const lines = user.split('\n').filter((l) => l.startsWith('[s'));
      expect(lines.reduce((n, l) => n + estimateTokens(l) + 1, 0)).toBeLessThanOrEqual(100);
    });

    const a = LlmAnalysis.parse(rig.core.llm.current(callId!)!.payload);
    expect(a.parts).toBe(sent.length);
    expect(a.usage.requests).toBe(sent.length);
    const ids = new Set(transcript.segments.map((s) => s.id));
    expect(citedIds(a).filter((id) => !ids.has(id))).toEqual([]);
    expect(a.summary.split('\n')).toHaveLength(sent.length);
    expect(a.summary).toMatch(/^00:01-\d\d:\d\d: A call between/);

    const seg = (i: number): Segment => transcript.segments[i]!;
    expect(a.actionItems.map((x) => [x.segmentId, x.at, x.owner, x.due])).toEqual([
      [seg(7).id, 141, 'agent', 'on Thursday'],
      [seg(11).id, 221, 'agent', null],
      [seg(15).id, 301, 'agent', null],
      [seg(17).id, 341, 'agent', null],
    ]);
    expect(a.questions.map((q) => [q.segmentId, q.answered, q.answerSegmentId])).toEqual([
      [seg(2).id, true, seg(3).id],
      [seg(9).id, true, seg(10).id],
      [seg(12).id, true, seg(13).id],
    ]);
    const flag = (name: string) => a.qaFlags.find((f) => f.flag === name)!;
    expect(flag('recording disclosure given')).toMatchObject({ present: true, segmentIds: [seg(0).id] });
    expect(flag('escalation requested')).toMatchObject({ present: true, segmentIds: [seg(16).id, seg(17).id] });
    expect(flag('compliance phrase')).toMatchObject({ present: false, segmentIds: [] });
    expect(flag('customer frustration').segmentIds).toEqual(expect.arrayContaining([seg(5).id, seg(14).id]));

    // One entry per 60 s window with speech, in order, whichever parts its lines were in.
    expect(a.sentiment.overTime.map((w) => w.start)).toEqual([0, 60, 120, 180, 240, 300]);
    for (const w of a.sentiment.overTime) expect(w.label).toBe(labelFor(w.score));
    expect(a.sentiment.bySpeaker.map((s) => s.speaker).sort()).toEqual(['agent', 'caller']);
    // "delivery" comes up in several parts: one key phrase with the lines of all of them.
    const delivery = a.keyPhrases.filter((k) => k.text === 'delivery');
    expect(delivery).toHaveLength(1);
    expect(delivery[0]!.segmentIds.length).toBeGreaterThan(5);
  });

  it('parts are cut at lines, stay within the budget, and a line longer than the budget is a part of its own', () => {
    const long = 'word '.repeat(200).trim();
    const segments: Segment[] = [...LONG.slice(0, 6), [110, 'caller', long] as Line, ...LONG.slice(6, 9)].map(([start, speaker, text], i) => ({ id: 100 + i, start, end: start + 3, speaker, text, channel: null, confidence: null }));
    const parts = splitTranscript(transcriptLines(segments), 60, 60);
    expect(parts.flatMap((p) => p.lines.map((l) => l.segmentId))).toEqual(segments.map((s) => s.id));
    for (const p of parts) expect(p.tokens <= 60 || p.lines.length === 1).toBe(true);
    expect(parts.find((p) => p.lines.some((l) => l.segmentId === 106))!.lines).toHaveLength(1);
    expect(parts.map((p) => p.windows.map((w) => w.id).join(','))).toContain('w3');
  });
});

describe('the JSON schema sent and the zod schema read with', () => {
  const input = { flags: [...DEFAULT_QA_FLAGS], speakers: ['caller', 'agent'] as const, windows: ['w1', 'w2'] };
  const zod = partAnswerSchema({ ...input, speakers: [...input.speakers] });
  const ajv = new Ajv2020({ strict: true, allErrors: true }).compile(partJsonSchema({ ...input, speakers: [...input.speakers] }));
  const lines = LONG.slice(0, 8).map(([start, speaker, text], i) => ({ ref: `s${i + 1}`, start, speaker, text }));
  const good = fakeAnalysis(lines, readPrompt('w1 00:00-01:00\nw2 01:00-02:00').windows, partJsonSchema({ ...input, speakers: [...input.speakers] }));

  it('accept the same good answer', () => {
    expect(ajv(good)).toBe(true);
    expect(zod.safeParse(good).success).toBe(true);
  });

  it('refuse the same broken answers', () => {
    const g = good as { summary: string; sentiment: { overall: object; overTime: object[] }; keyPhrases: Array<{ text: string; segmentIds: string[] }>; qaFlags: object[] };
    const broken: Record<string, unknown>[] = [
      { ...g, extra: 1 },
      (({ summary: _s, ...rest }) => rest)(g),
      { ...g, summary: null },
      { ...g, sentiment: { ...g.sentiment, overall: { label: 'positive', score: 1.5 } } },
      { ...g, sentiment: { ...g.sentiment, overTime: [{ window: 'w9', label: 'neutral', score: 0 }] } },
      { ...g, keyPhrases: [{ text: 'x', segmentIds: ['12'] }] },
      { ...g, keyPhrases: [{ text: 'x', segmentIds: [] }] },
      { ...g, qaFlags: [{ flag: 'made up', present: false, segmentIds: [], note: '' }] },
      { ...g, questions: [{ text: 'q?', askedBy: 'bot', segmentId: 's1', answered: false, answerSegmentId: null }] },
    ];
    for (const b of broken) {
      expect([ajv(b), zod.safeParse(b).success], JSON.stringify(b).slice(0, 120)).toEqual([false, false]);
    }
  });

  it('settings refuse a budget or window too small, and equal flags', () => {
    return transcriptionRig().then(async (r) => {
      rig = r;
      expect(() => r.core.llm.setSettings({ partTokenBudget: 10 })).toThrow(/partTokenBudget/);
      expect(() => r.core.llm.setSettings({ windowSec: 1 })).toThrow(/windowSec/);
      expect(() => r.core.llm.setSettings({ qaFlags: ['Upsell', 'upsell'] })).toThrow(/QA flags must differ/);
      expect(r.core.llm.setSettings({ qaFlags: ['upsell offered'], model: 'o4-mini' })).toMatchObject({ qaFlags: ['upsell offered'], model: 'o4-mini', autoAnalyze: false, partTokenBudget: 24_000 });
    });
  });
});
