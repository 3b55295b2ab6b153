/**
 * The fake OpenAI's chat completions: requests validated against the spec's
 * CreateChatCompletionRequest and Structured Outputs' strict rules, answers checked with ajv
 * against CreateChatCompletionResponse, analyses that fit the schema the app sends and cite only
 * lines it was shown, malformations on demand, faults, and the request log.
 */
import type { ValidateFunction } from 'ajv';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { partPrompt } from '../../../electron/core/analysis/llm-prompt.js';
import { ANALYSIS_SCHEMA_NAME, partAnswerSchema, partJsonSchema, type PartAnswer } from '../../../electron/core/analysis/llm-schema.js';
import { speakersOf, splitTranscript, transcriptLines } from '../../../electron/core/analysis/transcript-parts.js';
import { DEFAULT_QA_FLAGS } from '../../../shared/llm-analysis.js';
import type { Segment } from '../../../shared/types.js';
import { FakeOpenAI } from '../../fakes/openai/fake-openai.js';
import { openaiValidators, type OpenAISchemaName } from '../../fakes/openai/schemas.js';
import { strictSchemaProblem } from '../../fakes/openai/strict-schema.js';

let fake: FakeOpenAI;
let baseURL: string;
let validators: Record<OpenAISchemaName, ValidateFunction>;

const seg = (id: number, start: number, speaker: Segment['speaker'], text: string): Segment => ({ id, start, end: start + 3, speaker, text, channel: null, confidence: null });

/** A short support call: a question answered, a promise with a day, an escalation, a recording notice. */
const CALL: Segment[] = [
  seg(41, 0, 'agent', 'Hello, this call is recorded for quality purposes.'),
  seg(42, 4, 'caller', 'My invoice is wrong again, this is ridiculous.'),
  seg(43, 9, 'agent', 'Sorry about that. Can you read me the invoice number?'),
  seg(44, 14, 'caller', 'It is 7731.'),
  seg(45, 70, 'agent', "Thanks. I'll send you a corrected invoice by Friday."),
  seg(46, 75, 'caller', 'Fine, but I want to speak to a manager next time.'),
];
const FLAGS = [...DEFAULT_QA_FLAGS];

/** The request the app makes for one part of CALL. */
function analysisRequest(segments = CALL) {
  const [part] = splitTranscript(transcriptLines(segments), 10_000, 60);
  const input = { flags: FLAGS, speakers: speakersOf(part!.lines), windows: part!.windows.map((w) => w.id) };
  return {
    part: part!,
    zod: partAnswerSchema(input),
    body: {
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: 'You review calls.' },
        { role: 'user', content: partPrompt(part!, 1, FLAGS) },
      ],
      response_format: { type: 'json_schema', json_schema: { name: ANALYSIS_SCHEMA_NAME, strict: true, schema: partJsonSchema(input) } },
    } as Record<string, unknown>,
  };
}

async function post(body: unknown, key = fake.apiKey): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseURL}/chat/completions`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function errorsOf(name: OpenAISchemaName, value: unknown): string[] {
  const validate = validators[name];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

const contentOf = (body: Record<string, unknown>): string | null => ((body.choices as Array<{ message: { content: string | null } }>)[0]!.message.content);

beforeAll(async () => {
  validators = openaiValidators();
  fake = new FakeOpenAI();
  baseURL = await fake.start();
});
afterAll(async () => {
  await fake?.stop();
});
beforeEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});

describe('fake chat completions: answers', () => {
  it('answers the app’s analysis request with a spec-true completion whose content fits the schema sent and cites only shown lines', async () => {
    const { body, zod, part } = analysisRequest();
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(errorsOf('CreateChatCompletionResponse', res.body)).toEqual([]);
    // The check itself can fail: an extra field, or a choice without logprobs, is not a spec-true completion.
    expect(errorsOf('CreateChatCompletionResponse', { ...res.body, extra: 1 }).join()).toMatch(/additional/);
    const [choice] = res.body.choices as Array<Record<string, unknown>>;
    const { logprobs: _logprobs, ...noLogprobs } = choice!;
    expect(errorsOf('CreateChatCompletionResponse', { ...res.body, choices: [noLogprobs] }).join()).toMatch(/logprobs/);
    const analysis = zod.parse(JSON.parse(contentOf(res.body)!)) as PartAnswer;
    const shown = new Set(part.lines.map((l) => l.ref));
    const cited = [
      ...analysis.keyPhrases.flatMap((k) => k.segmentIds),
      ...analysis.actionItems.map((a) => a.segmentId),
      ...analysis.questions.flatMap((q) => [q.segmentId, ...(q.answerSegmentId ? [q.answerSegmentId] : [])]),
      ...(analysis.qaFlags ?? []).flatMap((f) => f.segmentIds),
    ];
    expect(cited.length).toBeGreaterThan(5);
    expect(cited.filter((r) => !shown.has(r))).toEqual([]);

    // The rules: the question is answered by the next line, the promise has its day, the flags their lines.
    expect(analysis.questions).toEqual([{ text: 'Can you read me the invoice number?', askedBy: 'agent', segmentId: 's43', answered: true, answerSegmentId: 's44' }]);
    expect(analysis.actionItems).toEqual([{ text: "I'll send you a corrected invoice by Friday", owner: 'agent', due: 'by Friday', segmentId: 's45' }]);
    const flags = Object.fromEntries((analysis.qaFlags ?? []).map((f) => [f.flag, f.segmentIds]));
    expect(flags).toEqual({ 'escalation requested': ['s46'], 'recording disclosure given': ['s41'], 'customer frustration': ['s42'], 'compliance phrase': [] });
    expect(analysis.sentiment.overTime.map((w) => w.window)).toEqual(['w1', 'w2']);
    expect(analysis.sentiment.bySpeaker.map((s) => s.speaker)).toEqual(['agent', 'caller']);
    expect(analysis.sentiment.bySpeaker.find((s) => s.speaker === 'caller')!.score).toBeLessThan(0);
  });

  it('the official SDK reads the answer; the request is logged with its messages and schema', async () => {
    const client = new OpenAI({ apiKey: fake.apiKey, baseURL, maxRetries: 0 });
    const { body } = analysisRequest();
    const res = await client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(res.choices[0]!.finish_reason).toBe('stop');
    expect(res.usage!.prompt_tokens).toBeGreaterThan(50);
    const [log] = fake.requests;
    expect(log).toMatchObject({ endpoint: 'chat', status: 200, model: 'gpt-4.1-mini', responseFormat: 'json_schema' });
    expect(log!.chat).toMatchObject({ schemaName: 'call_analysis', strict: true, lines: 6, refs: ['s41', 's42', 's43', 's44', 's45', 's46'], malformed: null });
    expect(log!.chat!.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('without a response_format it answers a plain summary', async () => {
    const res = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: '[s1 00:00 caller] Hi there.' }] });
    expect(res.status).toBe(200);
    expect(errorsOf('CreateChatCompletionResponse', res.body)).toEqual([]);
    expect(contentOf(res.body)).toBe('A call of 1 lines. caller: Hi there.');
  });
});

describe('fake chat completions: malformed answers on demand', () => {
  it('not-json, schema and bad-reference each replace one answer, in order, then answers are good again', async () => {
    const { body, zod } = analysisRequest();
    fake.malformedNext(1, 'not-json');
    fake.malformedNext(1, 'schema');
    fake.malformedNext(1, 'bad-reference');
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await post(body);
      expect(res.status).toBe(200);
      expect(errorsOf('CreateChatCompletionResponse', res.body)).toEqual([]);
      answers.push(contentOf(res.body)!);
    }
    expect(() => JSON.parse(answers[0]!) as unknown).toThrow(SyntaxError);
    const broken = zod.safeParse(JSON.parse(answers[1]!));
    expect(broken.success).toBe(false);
    expect(broken.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['summary', 'sentiment.overall.label', 'sentiment.overall.score']));
    const phantom = zod.parse(JSON.parse(answers[2]!));
    expect(phantom.keyPhrases.at(-1)).toEqual({ text: 'phantom topic', segmentIds: ['s9999'] });
    expect(zod.safeParse(JSON.parse(answers[3]!)).success).toBe(true);
    expect(fake.requests.map((r) => r.chat?.malformed)).toEqual(['not-json', 'schema', 'bad-reference', null]);
  });

  it('refusal: no content, the refusal text instead', async () => {
    fake.malformedNext(1, 'refusal');
    const res = await post(analysisRequest().body);
    const message = (res.body.choices as Array<{ message: Record<string, unknown> }>)[0]!.message;
    expect(message).toMatchObject({ content: null, refusal: expect.stringMatching(/can’t help/) });
    expect(errorsOf('CreateChatCompletionResponse', res.body)).toEqual([]);
  });
});

describe('fake chat completions: requests checked like the real API', () => {
  it('refuses what the spec does not allow, with spec-true error bodies', async () => {
    const { body } = analysisRequest();
    const cases: Array<[unknown, number, RegExp]> = [
      [{ ...body, temperature_boost: 2 }, 400, /Unrecognized request argument supplied: temperature_boost/],
      [{ model: 'gpt-4.1-mini' }, 400, /Missing required parameter: 'messages'/],
      [{ ...body, messages: [] }, 400, /messages/],
      [{ ...body, messages: [{ role: 'narrator', content: 'x' }] }, 400, /messages/],
      [{ ...body, temperature: 5 }, 400, /temperature/],
      [{ ...body, model: 'gpt-9-ultra' }, 404, /The model `gpt-9-ultra` does not exist/],
      [{ ...body, stream: true }, 400, /does not stream/],
      [{ ...body, response_format: { type: 'json_schema', json_schema: { name: 'call analysis!', strict: true, schema: { type: 'object' } } } }, 400, /json_schema.name/],
    ];
    for (const [req, status, message] of cases) {
      const res = await post(req);
      expect([res.status, (res.body.error as { message: string }).message], JSON.stringify(req).slice(0, 80)).toEqual([status, expect.stringMatching(message)]);
      expect(errorsOf('ErrorResponse', res.body)).toEqual([]);
    }
    expect((await post(body, 'sk-wrong-key-0000000000')).status).toBe(401);
  });

  it('refuses a strict schema that Structured Outputs would refuse', async () => {
    const { body } = analysisRequest();
    const rf = (schema: unknown) => ({ ...body, response_format: { type: 'json_schema', json_schema: { name: 'call_analysis', strict: true, schema } } });
    const open = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const partial = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'], additionalProperties: false };
    const tooLong = { type: 'object', properties: { a: { type: 'string', minLength: 1 } }, required: ['a'], additionalProperties: false };
    const expected = [
      [open, /'additionalProperties' is required to be supplied and to be false/],
      [partial, /Missing 'b'/],
      [tooLong, /In context=\('properties', 'a'\), 'minLength' is not permitted/],
      [{ anyOf: [open] }, /root schema must have/],
    ] as const;
    for (const [schema, message] of expected) {
      const res = await post(rf(schema));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_json_schema', param: 'response_format', message: expect.stringMatching(message) });
      expect((res.body.error as { message: string }).message).toMatch(/^Invalid schema for response_format 'call_analysis': /);
    }
    // Without strict the schema is not checked (the fake then only says it answers call_analysis alone).
    const loose = await post({ ...body, response_format: { type: 'json_schema', json_schema: { name: 'other', schema: tooLong } } });
    expect(loose.body.error).toMatchObject({ code: 'unsupported_value', param: 'response_format' });
  });

  it('the app’s schema passes the strict rules, with and without QA flags, for any speakers and windows', () => {
    expect(strictSchemaProblem(partJsonSchema({ flags: FLAGS, speakers: ['caller', 'agent'], windows: ['w1', 'w2'] }))).toBeNull();
    expect(strictSchemaProblem(partJsonSchema({ flags: [], speakers: [], windows: ['w7'] }))).toBeNull();
  });
});

describe('fake chat completions: faults', () => {
  it('status faults and dropped connections aimed at chat hit chat only', async () => {
    const { body } = analysisRequest();
    fake.failNext(1, 503, { target: 'chat' });
    fake.failNext(1, 429, { target: 'transcriptions' });
    const first = await post(body);
    expect(first.status).toBe(503);
    expect(errorsOf('ErrorResponse', first.body)).toEqual([]);
    expect((await post(body)).status).toBe(200);
    fake.dropNext(1, { target: 'chat' });
    await expect(post(body)).rejects.toThrow();
    expect(fake.requests.map((r) => [r.status, r.fault])).toEqual([
      [503, 'status'],
      [200, null],
      [0, 'drop'],
    ]);
  });
});
