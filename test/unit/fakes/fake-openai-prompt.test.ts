/**
 * The fake's prompt handling: vocabulary spelling as a pure function, and through the SDK on a
 * fixture channel (the caller of sess-a1b2c3 says "Zürich").
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAI } from '../../fakes/openai/fake-openai.js';
import { writeFixtureCut } from '../../fakes/openai/fixture-audio.js';
import { editDistance, foldWord, respellWithPrompt } from '../../fakes/openai/prompt.js';

describe('respellWithPrompt', () => {
  it('measures edit distance and folds case and diacritics', () => {
    expect(editDistance('zurich', 'zuerich')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('straße', 'strasse')).toBe(2);
    expect(foldWord('Zürich')).toBe('zurich');
    expect(foldWord('ÉCOLE')).toBe('ecole');
  });

  it('gives near misses the prompt spelling and keeps the punctuation around them', () => {
    expect(respellWithPrompt('It went to Zürich.', 'Zuerich')).toBe('It went to Zuerich.');
    expect(respellWithPrompt('It went to Zürich.', 'zuerich')).toBe('It went to Zuerich.');
    // Diacritics are ignored in the comparison, so a distance-0 match still takes the prompt's spelling.
    expect(respellWithPrompt('It went to Zurich.', 'Zürich')).toBe('It went to Zürich.');
    // Kaitlyn is two edits from Katelyn; Caitlin is four.
    expect(respellWithPrompt('Ask Kaitlyn, then Caitlin.', 'Katelyn')).toBe('Ask Katelyn, then Caitlin.');
    expect(respellWithPrompt('my new iphone', 'iPhone')).toBe('my new iPhone');
  });

  it('leaves short words, far words and plain case differences alone', () => {
    // "the" and "to" are two edits apart, but words under four letters never change.
    expect(respellWithPrompt('the cat sat', 'to cut set')).toBe('the cat sat');
    // Two edits on a five-letter word is too far; one is not.
    expect(respellWithPrompt('order', 'odder')).toBe('odder');
    expect(respellWithPrompt('order', 'adder')).toBe('order');
    // A plainly written prompt word takes the answer's initial case.
    expect(respellWithPrompt('I cannot refund that.', 'Refund')).toBe('I cannot refund that.');
    expect(respellWithPrompt('Refund it.', 'refund')).toBe('Refund it.');
    expect(respellWithPrompt('Zürich', '')).toBe('Zürich');
    expect(respellWithPrompt('Zürich', null)).toBe('Zürich');
    expect(respellWithPrompt('Zürich', '... !!')).toBe('Zürich');
  });

  it('takes the closest prompt word, the earlier one on a tie', () => {
    expect(respellWithPrompt('Schneider', 'Schnaidr Schneidr')).toBe('Schneidr');
    expect(respellWithPrompt('Meyer', 'Mayer Meier')).toBe('Mayer');
    expect(respellWithPrompt('Meyer', 'Meier Mayer')).toBe('Meier');
  });
});

describe('FakeOpenAI honours the prompt', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fake-openai-prompt-'));
    fake = new FakeOpenAI();
    fake.addFixtureScripts();
    client = new OpenAI({ apiKey: fake.apiKey, baseURL: await fake.start(), maxRetries: 0 });
  });
  afterAll(async () => {
    await fake?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('respells the answer in every text format, and only when a prompt is sent', async () => {
    const path = join(dir, 'caller.wav');
    await writeFixtureCut(path, { session: 'sess-a1b2c3_20260302_091504', channel: 'caller' });
    const plain = await client.audio.transcriptions.create({ file: createReadStream(path), model: 'whisper-1', response_format: 'verbose_json', timestamp_granularities: ['segment'] });
    expect(plain.segments?.map((s) => s.text.trim())).toEqual(['Refund order 48213 please, it went to Zürich.', 'No, get me a person.']);

    const prompted = await client.audio.transcriptions.create({
      file: createReadStream(path),
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
      prompt: 'Zuerich, pearson',
    });
    expect(prompted.segments?.map((s) => s.text.trim())).toEqual(['Refund order 48213 please, it went to Zuerich.', 'No, get me a pearson.']);
    expect(prompted.text).toBe('Refund order 48213 please, it went to Zuerich. No, get me a pearson.');
    expect(prompted.words?.map((w) => w.word)).toContain('Zuerich');
    // Times do not depend on the words.
    expect(prompted.segments?.map((s) => [s.start, s.end])).toEqual(plain.segments?.map((s) => [s.start, s.end]));
    expect(fake.requests.at(-1)).toMatchObject({ status: 200, prompt: 'Zuerich, pearson' });

    const text = await client.audio.transcriptions.create({ file: createReadStream(path), model: 'gpt-4o-transcribe', response_format: 'text', prompt: 'Zuerich' });
    expect(text).toBe('Refund order 48213 please, it went to Zuerich. No, get me a person.\n');
  });
});
