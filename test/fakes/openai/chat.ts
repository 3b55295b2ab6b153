/**
 * POST /v1/chat/completions answers: a `call_analysis` json_schema gets the rule-based analysis of
 * the transcript in the user message, checked with ajv against the very schema that was sent (so
 * "schema-true" is tested, not assumed); no response_format gets a plain summary. Queued
 * malformations replace a good answer with one that breaks the contract in a chosen way.
 */
import { randomBytes } from 'node:crypto';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { fakeAnalysis, fakeSummary, readPrompt } from './chat-analysis.js';
import type { ChatRequest } from './chat-request.js';
import { badRequest, errorReply, jsonReply, type FakeReply } from './reply.js';

/** How a malformed answer breaks: not JSON at all, JSON that breaks the schema, a citation of a line that does not exist, or a refusal. */
export type MalformedMode = 'not-json' | 'schema' | 'bad-reference' | 'refusal';

/** What the request log keeps of a chat request. */
export interface ChatLog {
  messages: Array<{ role: string; content: string }>;
  responseFormat: ChatRequest['responseFormat'];
  schemaName: string | null;
  strict: boolean;
  /** Transcript lines found in the user message. */
  lines: number;
  /** The lines' segment refs (s12…), in order. */
  refs: string[];
  /** The malformation applied to this answer, if any. */
  malformed: MalformedMode | null;
}

/** The json_schema name the fake knows how to answer. */
export const ANALYSIS_SCHEMA = 'call_analysis';

const validators = new Map<string, ValidateFunction>();

/** Compiles (once per distinct schema) a validator for the schema the client sent. */
function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    v = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    validators.set(key, v);
  }
  return v;
}

const tokens = (text: string): number => Math.ceil(text.length / 4);

/** Breaks a good answer the chosen way. */
function malform(mode: MalformedMode, good: Record<string, unknown>): { content: string | null; refusal: string | null } {
  switch (mode) {
    case 'not-json':
      return { content: `Here is the analysis you asked for: ${JSON.stringify(good).slice(0, 60)}`, refusal: null };
    case 'schema': {
      const { summary: _summary, ...rest } = good;
      const sentiment = good.sentiment as Record<string, unknown>;
      return { content: JSON.stringify({ ...rest, sentiment: { ...sentiment, overall: { label: 'ecstatic', score: 3 } } }), refusal: null };
    }
    case 'bad-reference': {
      const phrases = good.keyPhrases as unknown[];
      return { content: JSON.stringify({ ...good, keyPhrases: [...phrases, { text: 'phantom topic', segmentIds: ['s9999'] }] }), refusal: null };
    }
    case 'refusal':
      return { content: null, refusal: 'I’m sorry, I can’t help with that request.' };
  }
}

/** The answer to a valid chat request; `malformed` is the queued malformation to apply, if any. */
export function answerChat(req: ChatRequest, malformed: MalformedMode | null, log: ChatLog): FakeReply {
  const user = req.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const { lines, windows } = readPrompt(user);
  log.lines = lines.length;
  log.refs = lines.map((l) => l.ref);
  let content: string | null;
  let refusal: string | null = null;
  if (req.responseFormat === 'text') content = fakeSummary(lines);
  else if (req.responseFormat === 'json_schema' && req.schemaName === ANALYSIS_SCHEMA && req.schema) {
    const good = fakeAnalysis(lines, windows, req.schema);
    const validate = validatorFor(req.schema);
    if (!validate(good)) {
      // The fake itself fell out of step with the app's schema: a bug to see, not an answer to parse.
      return errorReply(500, `Fake OpenAI: its analysis does not fit the schema sent: ${JSON.stringify(validate.errors?.slice(0, 3))}`, 'server_error');
    }
    if (malformed) {
      log.malformed = malformed;
      ({ content, refusal } = malform(malformed, good));
    } else content = JSON.stringify(good);
  } else {
    return badRequest(`The fake OpenAI answers plain text or json_schema '${ANALYSIS_SCHEMA}' only (got ${req.responseFormat}${req.schemaName ? ` '${req.schemaName}'` : ''}).`, 'response_format', 'unsupported_value');
  }
  const prompt = req.messages.reduce((n, m) => n + tokens(m.content) + 4, 0);
  const completion = tokens(content ?? refusal ?? '');
  return jsonReply(200, {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_fake0penai',
  });
}
