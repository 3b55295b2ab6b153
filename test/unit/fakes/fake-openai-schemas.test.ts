/**
 * The OpenAI fake's JSON checked against the schemas copied from OpenAI's OpenAPI spec (no
 * unlisted fields allowed, so the check itself can fail), and the fake's request validation
 * checked to use the spec's own enums and field names.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAI } from '../../fakes/openai/fake-openai.js';
import { FIXTURE_CALLS } from '../../fakes/openai/fixture-scripts.js';
import { FIELD_NAMES, INCLUDES, MODEL_FORMATS, RESPONSE_FORMATS, TIMESTAMP_GRANULARITIES } from '../../fakes/openai/request.js';
import { openaiSpecExcerpt, openaiValidators, type Json, type OpenAISchemaName } from '../../fakes/openai/schemas.js';

let fake: FakeOpenAI;
let baseURL: string;
let validators: Record<OpenAISchemaName, ValidateFunction>;
let wav: Buffer;

type Body = Record<string, unknown>;

async function call(path: string, fields: Record<string, string | string[]> | null, key = fake.apiKey): Promise<{ status: number; body: Body; headers: Headers }> {
  const init: RequestInit = { headers: { Authorization: `Bearer ${key}` } };
  if (fields) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
    form.append('file', new Blob([new Uint8Array(wav)], { type: 'audio/wav' }), 'caller.wav');
    Object.assign(init, { method: 'POST', body: form });
  }
  const res = await fetch(`${baseURL}${path}`, init);
  return { status: res.status, body: (await res.json()) as Body, headers: res.headers };
}

const transcribe = (fields: Record<string, string | string[]>, key?: string): ReturnType<typeof call> => call('/audio/transcriptions', fields, key);

function errorsOf(name: OpenAISchemaName, value: unknown): string[] {
  const validate = validators[name];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** A schema of the excerpt, walked by keys. */
function at(...keys: string[]): Json {
  let v: Json = openaiSpecExcerpt();
  for (const k of keys) v = v && typeof v === 'object' && !Array.isArray(v) ? (v[k] ?? null) : null;
  return v;
}

beforeAll(async () => {
  validators = openaiValidators();
  wav = await readFile(join(FIXTURE_CALLS, 'sess-7f3k9d_20260311_144237', 'stereo_recording.wav'));
  fake = new FakeOpenAI();
  baseURL = await fake.start();
  fake.addFixtureScripts();
});

afterAll(async () => {
  await fake?.stop();
});

describe('fake OpenAI JSON against the spec schemas', () => {
  it('verbose_json with segments, with words, with both', async () => {
    for (const granularities of [['segment'], ['word'], ['word', 'segment']]) {
      const { status, body } = await transcribe({ model: 'whisper-1', response_format: 'verbose_json', 'timestamp_granularities[]': granularities, language: 'de' });
      expect(status).toBe(200);
      expect(errorsOf('CreateTranscriptionResponseVerboseJson', body)).toEqual([]);
      expect('words' in body).toBe(granularities.includes('word'));
      expect('segments' in body).toBe(granularities.includes('segment'));
      expect(body.language).toBe('german');
    }
  });

  it('json for whisper-1 (duration usage) and gpt-4o (token usage, logprobs)', async () => {
    const whisper = await transcribe({ model: 'whisper-1' });
    expect(errorsOf('CreateTranscriptionResponseJson', whisper.body)).toEqual([]);
    const gpt = await transcribe({ model: 'gpt-4o-transcribe', 'include[]': 'logprobs', prompt: 'card numbers' });
    expect(errorsOf('CreateTranscriptionResponseJson', gpt.body)).toEqual([]);
    expect(gpt.body.usage).toMatchObject({ type: 'tokens' });
  });

  it('diarized_json', async () => {
    const { body } = await transcribe({ model: 'gpt-4o-transcribe-diarize', response_format: 'diarized_json', chunking_strategy: 'auto', 'known_speaker_names[]': ['agent'], 'known_speaker_references[]': ['data:audio/wav;base64,UklGRg=='] });
    expect(errorsOf('CreateTranscriptionResponseDiarizedJson', body)).toEqual([]);
    expect((body.segments as { speaker: string }[]).map((s) => s.speaker)).toContain('agent');
  });

  it('models list and model', async () => {
    expect(errorsOf('ListModelsResponse', (await call('/models', null)).body)).toEqual([]);
    expect(errorsOf('Model', (await call('/models/gpt-4o-transcribe', null)).body)).toEqual([]);
  });

  it('error bodies: 400, 401, 404, 413, 429 (with an integer Retry-After ≥ 1, as the spec says)', async () => {
    const errors = [
      await transcribe({ model: 'whisper-1', response_format: 'xml' }),
      await transcribe({ model: 'whisper-1' }, 'sk-wrong'),
      await call('/models/nope', null),
      await call('/audio/translations', null),
    ];
    fake.setMaxFileBytes(1000);
    errors.push(await transcribe({ model: 'whisper-1' }));
    fake.setMaxFileBytes(26_214_400);
    fake.failNext(1, 429, { retryAfterMs: 250 });
    const limited = await transcribe({ model: 'whisper-1' });
    errors.push(limited);
    expect(errors.map((e) => e.status)).toEqual([400, 401, 404, 404, 413, 429]);
    for (const e of errors) expect(errorsOf('ErrorResponse', e.body)).toEqual([]);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('retry-after-ms')).toBe('250');
    expect(at('retryAfterHeader')).toEqual({ type: 'integer', minimum: 1 });
  });

  it('fails broken objects: missing, extra, mistyped and out-of-enum fields', async () => {
    const { body } = await transcribe({ model: 'whisper-1', response_format: 'verbose_json', 'timestamp_granularities[]': ['word', 'segment'] });
    const segment = (body.segments as Body[])[0]!;
    const { text: _text, ...noText } = body;
    expect(errorsOf('CreateTranscriptionResponseVerboseJson', noText).join()).toMatch(/text/);
    expect(errorsOf('CreateTranscriptionResponseVerboseJson', { ...body, confidence: 0.9 }).join()).toMatch(/additional/);
    expect(errorsOf('CreateTranscriptionResponseVerboseJson', { ...body, duration: '9.1' }).join()).toMatch(/duration/);
    expect(errorsOf('CreateTranscriptionResponseVerboseJson', { ...body, task: 'translate' }).join()).toMatch(/task/);
    expect(errorsOf('CreateTranscriptionResponseVerboseJson', { ...body, segments: [{ ...segment, id: 'seg_1' }] }).join()).toMatch(/segments\/0\/id/);
    const { tokens: _tokens, ...noTokens } = segment;
    expect(errorsOf('CreateTranscriptionResponseVerboseJson', { ...body, segments: [noTokens] }).join()).toMatch(/tokens/);
    expect(errorsOf('CreateTranscriptionResponseVerboseJson', { ...body, usage: { type: 'tokens', seconds: 9 } })).not.toEqual([]);
    expect(errorsOf('ErrorResponse', { error: { message: 'x', type: 'y', code: null } }).join()).toMatch(/param/);
    expect(errorsOf('Model', { id: 'whisper-1', object: 'model', created: 1.5, owned_by: 'x' }).join()).toMatch(/created/);
  });
});

describe('the fake validates requests with the spec’s own names', () => {
  it('response formats, granularities, includes and models equal the spec’s enums', () => {
    const req = (...k: string[]): Json => at('components', 'schemas', 'CreateTranscriptionRequest', 'properties', ...k);
    expect(at('components', 'schemas', 'AudioResponseFormat', 'enum')).toEqual([...RESPONSE_FORMATS]);
    expect(req('timestamp_granularities', 'items', 'enum')).toEqual([...TIMESTAMP_GRANULARITIES]);
    expect(at('components', 'schemas', 'TranscriptionInclude', 'enum')).toEqual([...INCLUDES]);
    const modelEnum = (req('model', 'anyOf') as { enum?: string[] }[]).find((s) => s.enum)?.enum;
    expect([...(modelEnum ?? [])].sort()).toEqual(Object.keys(MODEL_FORMATS).sort());
  });

  it('the fields it accepts are exactly the spec’s request properties', () => {
    const props = at('components', 'schemas', 'CreateTranscriptionRequest', 'properties') as Record<string, Json>;
    expect([...FIELD_NAMES].sort()).toEqual(Object.keys(props).sort());
    expect(at('components', 'schemas', 'CreateTranscriptionRequest', 'required')).toEqual(['file', 'model']);
    expect(Object.keys(at('components', 'schemas', 'VadConfig', 'properties') as object).sort()).toEqual(['prefix_padding_ms', 'silence_duration_ms', 'threshold', 'type']);
  });
});
