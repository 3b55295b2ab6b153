/**
 * The OpenAI fake's refusals and faults as the openai SDK sees them: auth, the 25 MB limit,
 * validation against the spec, rate limits with Retry-After, server errors, dropped connections
 * and slow answers, each counted and logged.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { wavHeader16 } from '../../../electron/core/audio/transforms.js';
import { FakeOpenAI, MAX_FILE_BYTES } from '../../fakes/openai/fake-openai.js';
import { FIXTURE_CALLS } from '../../fakes/openai/fixture-scripts.js';

const CALLER = join(FIXTURE_CALLS, 'sess-q4m8z2_20260421_160351', 'caller_audio.wav');

let fake: FakeOpenAI;
let baseURL: string;
let wav: Buffer;

const sdk = (opts: ConstructorParameters<typeof OpenAI>[0] = {}): OpenAI => new OpenAI({ apiKey: fake.apiKey, baseURL, maxRetries: 0, ...opts });
const upload = async (bytes: Buffer = wav, name = 'call.wav'): Promise<File> => toFile(bytes, name, { type: 'audio/wav' });

/** A silent 16 kHz mono WAV of exactly `size` bytes. */
function silentWav(size: number): Buffer {
  return Buffer.concat([wavHeader16(1, 16000, size - 44), Buffer.alloc(size - 44)]);
}

/** Rejection of a promise, for looking at the error's fields. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable('the request succeeded'),
    (err: unknown) => err,
  );
}

/** A hand-made multipart POST, for what the SDK will not send. */
async function post(fields: Record<string, string>, file: Buffer | null = wav, key: string | null = fake.apiKey): Promise<{ status: number; body: { error: { message: string; param: string | null; code: string | null } } }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([new Uint8Array(file)], { type: 'audio/wav' }), 'call.wav');
  const res = await fetch(`${baseURL}/audio/transcriptions`, { method: 'POST', body: form, headers: key === null ? {} : { Authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as { error: { message: string; param: string | null; code: string | null } } };
}

beforeAll(async () => {
  wav = await readFile(CALLER);
});

beforeEach(async () => {
  fake = new FakeOpenAI({ apiKey: 'sk-test-0123456789abcdef' });
  baseURL = await fake.start();
  fake.addFixtureScripts();
});

afterEach(async () => {
  await fake.stop();
});

describe('FakeOpenAI auth and limits', () => {
  it('401 for a wrong key (AuthenticationError, invalid_api_key) and for none', async () => {
    const err = await failure(sdk({ apiKey: 'sk-wrong-key-99999999' }).audio.transcriptions.create({ file: await upload(), model: 'whisper-1' }));
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
    expect((err as Error).message).toContain('sk-*');
    expect((err as Error).message).not.toContain('sk-wrong-key-99999999');
    const none = await post({ model: 'whisper-1' }, wav, null);
    expect(none.status).toBe(401);
    expect(none.body.error.message).toMatch(/didn't provide an API key/);
    expect(fake.requests.map((r) => r.auth)).toEqual(['wrong', 'missing']);
    await expect(sdk({ apiKey: 'nope' }).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('413 above the real 25 MB file limit, 200 at it', async () => {
    expect(MAX_FILE_BYTES).toBe(26_214_400);
    const at = await sdk().audio.transcriptions.create({ file: await upload(silentWav(MAX_FILE_BYTES)), model: 'whisper-1' });
    expect(at.text).toBe('');
    const err = await failure(sdk().audio.transcriptions.create({ file: await upload(silentWav(MAX_FILE_BYTES + 1)), model: 'whisper-1' }));
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err).toMatchObject({ status: 413, type: 'server_error' });
    expect((err as Error).message).toContain(`Maximum content size limit (26214400) exceeded (26214401 bytes read)`);
    expect(fake.requests.map((r) => [r.status, r.file?.bytes])).toEqual([
      [200, MAX_FILE_BYTES],
      [413, undefined],
    ]);
  });

  it('413 with a configured limit, for streamed uploads too (also when the body is far over it)', async () => {
    fake.setMaxFileBytes(100_000);
    await expect(sdk().audio.transcriptions.create({ file: createReadStream(CALLER), model: 'whisper-1' })).rejects.toMatchObject({ status: 413 });
    const big = await failure(sdk().audio.transcriptions.create({ file: await upload(silentWav(1_300_000)), model: 'whisper-1' }));
    expect(big).toMatchObject({ status: 413 });
    expect(fake.requests.at(-1)?.bodyBytes).toBeGreaterThan(1_300_000);
  });
});

describe('FakeOpenAI validation against the spec', () => {
  it.each([
    [{ model: 'whisper-1', response_format: 'xml' }, 400, 'response_format', /Supported values are: 'json', 'text', 'srt', 'verbose_json', 'vtt', 'diarized_json'/],
    [{ model: 'whisper-1', temperature: '2' }, 400, 'temperature', /temperature/],
    [{ model: 'whisper-1', temperature: 'warm' }, 400, 'temperature', /number/],
    [{ model: 'whisper-1', language: 'english' }, 400, 'language', /ISO-639-1/],
    [{ model: 'whisper-1', 'timestamp_granularities[]': 'sentence' }, 400, 'timestamp_granularities.0', /'word', 'segment'/],
    [{ model: 'whisper-1', 'timestamp_granularities[]': 'word' }, 400, 'timestamp_granularities', /verbose_json/],
    [{ model: 'gpt-4o-transcribe', response_format: 'verbose_json' }, 400, 'response_format', /not compatible/],
    [{ model: 'gpt-4o-transcribe-diarize', response_format: 'diarized_json', prompt: 'hi' }, 400, 'prompt', /not supported/],
    [{ model: 'whisper-1', chunking_strategy: 'manual' }, 400, 'chunking_strategy', /Invalid/],
    [{ model: 'whisper-1', speed: 'fast' }, 400, null, /Unrecognized request argument supplied: speed/],
    [{ model: 'gpt-4o-transcribe', stream: 'true' }, 400, 'stream', /does not stream/],
    [{ model: 'whisper-9' }, 404, 'model', /does not exist/],
    [{}, 400, 'model', /Missing required parameter: 'model'/],
  ])('%j → %i (%s)', async (fields, status, param, message) => {
    const res = await post(fields);
    expect(res.status).toBe(status);
    expect(res.body.error.param).toBe(param);
    expect(res.body.error.message).toMatch(message);
  });

  it('accepts what the spec allows: a VadConfig chunking strategy, word timestamps, logprobs for gpt-4o', async () => {
    expect((await post({ model: 'whisper-1', 'chunking_strategy[type]': 'server_vad', 'chunking_strategy[threshold]': '0.4' })).status).toBe(200);
    const res = await sdk().audio.transcriptions.create({ file: await upload(), model: 'gpt-4o-mini-transcribe', include: ['logprobs'] });
    expect(res.logprobs?.map((l) => l.token).join('')).toBe(res.text);
    expect(res.usage?.type).toBe('tokens');
  });

  it('the diarizing model needs chunking_strategy above 30 s', async () => {
    const long = silentWav(44 + 31 * 32000);
    expect((await post({ model: 'gpt-4o-transcribe-diarize', response_format: 'diarized_json' }, long)).body.error).toMatchObject({ param: 'chunking_strategy' });
    expect((await post({ model: 'gpt-4o-transcribe-diarize', response_format: 'diarized_json', chunking_strategy: 'auto' }, long)).status).toBe(200);
    expect((await post({ model: 'gpt-4o-transcribe-diarize', response_format: 'diarized_json' }, wav)).status).toBe(200);
  });

  it('400 for a missing file, a file that is not audio and audio under 0.1 s', async () => {
    expect((await post({ model: 'whisper-1' }, null)).body.error).toMatchObject({ param: 'file', code: 'missing_required_parameter' });
    const text = await failure(sdk().audio.transcriptions.create({ file: await upload(Buffer.from('not audio at all, just text'), 'notes.wav'), model: 'whisper-1' }));
    expect(text).toBeInstanceOf(OpenAI.BadRequestError);
    expect((text as Error).message).toMatch(/^400 Invalid file format/);
    const broken = await failure(sdk().audio.transcriptions.create({ file: await upload(wav.subarray(0, 30)), model: 'whisper-1' }));
    expect((broken as Error).message).toMatch(/Invalid file format/);
    const short = await failure(sdk().audio.transcriptions.create({ file: await upload(silentWav(44 + 2 * 1000)), model: 'whisper-1' }));
    expect(short).toMatchObject({ status: 400, code: 'audio_too_short' });
  });
});

describe('FakeOpenAI faults', () => {
  it('429 carries Retry-After and retry-after-ms; the SDK (maxRetries 0) throws RateLimitError with them', async () => {
    fake.failNext(1, 429, { retryAfterSec: 2, retryAfterMs: 1500 });
    const err = await failure(sdk().audio.transcriptions.create({ file: await upload(), model: 'whisper-1' }));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect([e.headers?.get('retry-after'), e.headers?.get('retry-after-ms'), e.code]).toEqual(['2', '1500', 'rate_limit_exceeded']);
    expect(e.message).toContain('whisper-1');
    // Used up: the next request goes through.
    expect((await sdk().audio.transcriptions.create({ file: await upload(), model: 'whisper-1' })).text).toBe('Can I book a cleaning Tuesday? Yes, thanks.');
    expect(fake.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, 'status'],
      [200, null],
    ]);
  });

  it('500 and 503 are counted; the SDK retries them after retry-after-ms and then succeeds', async () => {
    fake.failNext(1, 500);
    await expect(sdk().audio.transcriptions.create({ file: await upload(), model: 'whisper-1' })).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    fake.failNext(2, 503, { retryAfterMs: 10 });
    const res = await sdk({ maxRetries: 2 }).audio.transcriptions.create({ file: await upload(), model: 'whisper-1' });
    expect(res.text).toContain('Tuesday');
    expect(fake.requests.map((r) => r.status)).toEqual([500, 503, 503, 200]);
    expect(fake.stats.failed).toEqual({ 500: 1, 503: 2 });
  });

  it('faults can aim at one endpoint; 401 can be injected too', async () => {
    fake.failNext(1, 401, { target: 'models' });
    const ok = await sdk().audio.transcriptions.create({ file: await upload(), model: 'whisper-1' });
    expect(ok.text).not.toBe('');
    await expect(sdk().models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    expect((await sdk().models.list()).data.length).toBeGreaterThan(0);
  });

  it('a connection dropped before the answer is an APIConnectionError; one cut mid-body fails the read', async () => {
    fake.dropNext(1);
    await expect(sdk().audio.transcriptions.create({ file: await upload(), model: 'whisper-1' })).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    fake.dropNext(1, { mode: 'mid-body' });
    const cut = await failure(sdk().audio.transcriptions.create({ file: await upload(), model: 'whisper-1' }));
    // undici reports a body cut short as TypeError('terminated'); the SDK passes it on as is.
    expect((cut as Error).message).toMatch(/terminated/);
    expect(fake.stats.dropped).toBe(2);
    expect(fake.requests.map((r) => [r.status, r.fault])).toEqual([
      [0, 'drop'],
      [200, 'drop'],
    ]);
  });

  it('slow answers: a queued delay outlasts the client timeout; latency is logged per request', async () => {
    fake.delayNext(1, 2000);
    await expect(sdk({ timeout: 200 }).audio.transcriptions.create({ file: await upload(), model: 'whisper-1' })).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    fake.setLatency(300);
    await sdk().models.list();
    fake.clearFaults();
    expect(fake.stats.delayed).toBe(1);
    // The timed-out request is logged when the fake finally answers it, after the models call.
    await vi.waitFor(() => expect(fake.requests).toHaveLength(2), { timeout: 5000 });
    expect(fake.requests.map((r) => [r.endpoint, r.delayMs])).toEqual([
      ['models', 300],
      ['transcriptions', 2000],
    ]);
  });
});
