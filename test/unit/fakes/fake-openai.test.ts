/**
 * The OpenAI fake driven through the official openai SDK, as the app will call it: fixture
 * channels and chunks cut from them are transcribed with the texts and times of transcript.json,
 * in every response format, and every request is logged.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import type { TranscriptionDiarized } from 'openai/resources/audio/transcriptions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav16 } from '../../../electron/core/audio/transforms.js';
import { readWavFrames } from '../../../electron/core/audio/wav-reader.js';
import { FakeOpenAI } from '../../fakes/openai/fake-openai.js';
import { writeFixtureCut, type FixtureCut } from '../../fakes/openai/fixture-audio.js';
import { FIXTURE_CALLS, readFixtureTranscript, type FixtureUtterance } from '../../fakes/openai/fixture-scripts.js';

const A1 = 'sess-a1b2c3_20260302_091504';
const F7 = 'sess-7f3k9d_20260311_144237';
const Q4 = 'sess-q4m8z2_20260421_160351';
/** How close the fake's times must be to transcript.json's. */
const TIME_TOL = 0.15;

let fake: FakeOpenAI;
let client: OpenAI;
let dir: string;
let n = 0;

async function cut(c: FixtureCut): Promise<string> {
  const out = join(dir, `cut-${++n}.wav`);
  await writeFixtureCut(out, c);
  return out;
}

function expected(session: string, channel: 'caller' | 'bot'): FixtureUtterance[] {
  return readFixtureTranscript(join(FIXTURE_CALLS, session)).filter((e) => e.channel === channel);
}

function expectTimes(seg: { start: number; end: number }, startSec: number, endSec: number): void {
  expect(Math.abs(seg.start - startSec)).toBeLessThanOrEqual(TIME_TOL);
  expect(Math.abs(seg.end - endSec)).toBeLessThanOrEqual(TIME_TOL);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fake-openai-test-'));
  fake = new FakeOpenAI();
  const baseURL = await fake.start();
  expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  fake.addFixtureScripts();
  client = new OpenAI({ apiKey: fake.apiKey, baseURL, maxRetries: 0 });
});

afterAll(async () => {
  await fake?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('FakeOpenAI transcriptions through the openai SDK', () => {
  it.each([
    [A1, 'caller'],
    [A1, 'bot'],
    [F7, 'caller'],
  ] as const)('verbose_json of %s %s has the transcript texts at their times', async (session, channel) => {
    const path = await cut({ session, channel });
    const res = await client.audio.transcriptions.create({
      file: createReadStream(path),
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
      language: 'en',
      prompt: 'Refund, order number, Zürich.',
      temperature: 0.2,
    });
    const want = expected(session, channel);
    expect(res.segments?.map((s) => s.text.trim())).toEqual(want.map((e) => e.text));
    want.forEach((e, i) => expectTimes(res.segments![i]!, e.startSec, e.startSec + e.durationSec));
    expect(res.text).toBe(want.map((e) => e.text).join(' '));
    expect(res.language).toBe('english');
    expect(res.segments?.every((s) => s.temperature === 0.2)).toBe(true);
    expect(res.words).toBeUndefined();
    const log = fake.requests.at(-1)!;
    expect(log).toMatchObject({ status: 200, model: 'whisper-1', responseFormat: 'verbose_json', language: 'en', prompt: 'Refund, order number, Zürich.', segments: want.length });
    expect(log.fields.timestamp_granularities).toEqual(['segment']);
    expect(log.file?.bytes).toBe((await readFile(path)).length);
    const frames = (await readFile(path)).length / 2 - 22;
    expect(log.durationSec).toBeCloseTo(frames / 16000, 6);
    expect(res.duration).toBeCloseTo(frames / 16000, 2);
  });

  it('a chunk cut from the middle of a channel gets that part of the transcript, on the chunk timeline', async () => {
    const [, second] = expected(A1, 'caller');
    const from = 4.3;
    const res = await client.audio.transcriptions.create({ file: await toFile(await readFile(await cut({ session: A1, channel: 'caller', startSec: from })), 'chunk.wav'), model: 'whisper-1', response_format: 'verbose_json', timestamp_granularities: ['segment'] });
    expect(res.segments?.map((s) => s.text.trim())).toEqual([second!.text]);
    expectTimes(res.segments![0]!, second!.startSec - from, second!.startSec - from + second!.durationSec);
  });

  it('a chunk from the middle of a longer call matches a run of the script; unknown speech gets a placeholder', async () => {
    // Three callers back to back make one 29 s "call" whose script is their six utterances in order.
    const parts = [A1, F7, Q4];
    const long = join(dir, 'long.wav');
    const offsets: number[] = [];
    async function* chained(): AsyncGenerator<Float32Array[]> {
      let at = 0;
      for (const session of parts) {
        offsets.push(at);
        for await (const chunk of readWavFrames(await cut({ session, channel: 'caller' }))) {
          at += chunk[0]!.length / 16000;
          yield chunk;
        }
      }
    }
    await writeWav16(long, chained(), 16000);
    const script = parts.flatMap((s, i) => expected(s, 'caller').map((e) => ({ ...e, startSec: e.startSec + offsets[i]! })));
    fake.addScript(script.map((e) => ({ text: e.text, durationSec: e.durationSec, speaker: 'caller' })), 'three-callers');
    // 5 s .. 24 s: the second utterance of the first call through the first of the third.
    const [from, to] = [5, 24];
    const chunk = join(dir, 'long-chunk.wav');
    await writeWav16(chunk, readWavFrames(long, { startSec: from, endSec: to }), 16000);
    const res = await client.audio.transcriptions.create({ file: createReadStream(chunk), model: 'whisper-1', response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'] });
    const inside = script.filter((e) => e.startSec >= from && e.startSec + e.durationSec <= to);
    expect(inside).toHaveLength(4);
    expect(res.segments?.map((s) => s.text.trim())).toEqual(inside.map((e) => e.text));
    inside.forEach((e, i) => expectTimes(res.segments![i]!, e.startSec - from, e.startSec - from + e.durationSec));
    expect(res.words?.map((w) => w.word).slice(0, 4)).toEqual(['No', 'get', 'me', 'a']);
    expect(res.words?.[0]?.start).toBe(res.segments?.[0]?.start);

    // A tone is speech to the detector but in no script.
    const tone = join(dir, 'tone.wav');
    async function* toneChunks(): AsyncGenerator<Float32Array[]> {
      yield [Float32Array.from({ length: 32000 }, (_, i) => (i >= 16000 && i < 24000 ? 0.3 * Math.sin((2 * Math.PI * 440 * i) / 16000) : 0))];
    }
    await writeWav16(tone, toneChunks(), 16000);
    const placeholder = await client.audio.transcriptions.create({ file: createReadStream(tone), model: 'whisper-1', response_format: 'verbose_json', timestamp_granularities: ['segment'] });
    expect(placeholder.segments?.map((s) => s.text.trim())).toEqual(['speech 1']);
    expectTimes(placeholder.segments![0]!, 1.0, 1.5);
  });

  it('decodes MP3 uploads too (mixed down like the API does)', async () => {
    const res = await client.audio.transcriptions.create({ file: createReadStream(join(FIXTURE_CALLS, '..', 'twilio', 'speech-8k.mp3')), model: 'whisper-1', response_format: 'verbose_json' });
    // 129 MPEG-2.5 frames of 576 samples at 8 kHz; both sides of sess-a1b2c3 mixed.
    expect(res.duration).toBeCloseTo((129 * 576) / 8000, 3);
    const [first] = readFixtureTranscript(join(FIXTURE_CALLS, A1));
    expect(res.segments?.[0]?.text.trim()).toBe(first!.text);
    expect(fake.requests.at(-1)?.file?.name).toBe('speech-8k.mp3');
  });

  it('json, text and srt answers carry the same transcript', async () => {
    const path = await cut({ session: Q4, channel: 'caller' });
    const want = expected(Q4, 'caller').map((e) => e.text);
    const json = await client.audio.transcriptions.create({ file: createReadStream(path), model: 'whisper-1' });
    expect(json.text).toBe(want.join(' '));
    expect(json.usage).toEqual({ type: 'duration', seconds: 9 });
    const text = await client.audio.transcriptions.create({ file: createReadStream(path), model: 'gpt-4o-transcribe', response_format: 'text' });
    expect(text).toBe(`${want.join(' ')}\n`);
    const srt = await client.audio.transcriptions.create({ file: createReadStream(path), model: 'whisper-1', response_format: 'srt' });
    expect(srt).toMatch(/^1\n00:00:00,[23]\d\d --> 00:00:01,[789]\d\d\nCan I book a cleaning Tuesday\?\n\n2\n/);
  });

  it('diarized_json of a mono mix labels caller and bot segments A and B', async () => {
    const path = await cut({ session: F7, channel: 'mixed' });
    // The SDK has no overload for diarized_json (it types the answer as Transcription), so the caller casts.
    const res = (await client.audio.transcriptions.create({ file: createReadStream(path), model: 'gpt-4o-transcribe-diarize', response_format: 'diarized_json', chunking_strategy: 'auto' })) as TranscriptionDiarized;
    const all = readFixtureTranscript(join(FIXTURE_CALLS, F7));
    expect(res.segments.map((s) => [s.speaker, s.text])).toEqual(all.map((e) => [e.channel === 'caller' ? 'A' : 'B', e.text]));
    all.forEach((e, i) => expectTimes(res.segments[i]!, e.startSec, e.startSec + e.durationSec));
    expect(res.segments.every((s) => s.type === 'transcript.text.segment')).toBe(true);
    expect(fake.requests.at(-1)?.fields.chunking_strategy).toBe('auto');
  });

  it('lists and retrieves models for a connection test', async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining(['whisper-1', 'gpt-4o-transcribe-diarize']));
    expect((await client.models.retrieve('whisper-1')).owned_by).toBe('openai-internal');
    await expect(client.models.retrieve('whisper-9')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});
