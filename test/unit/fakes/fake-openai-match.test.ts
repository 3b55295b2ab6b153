/**
 * The OpenAI fake's ears on their own: the energy VAD on synthetic and fixture audio, and the
 * matching of detected bursts to script utterances by duration.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWavFrames } from '../../../electron/core/audio/wav-reader.js';
import { FIXTURE_CALLS, fixtureScripts, readFixtureTranscript } from '../../fakes/openai/fixture-scripts.js';
import { matchBursts, type Script } from '../../fakes/openai/match.js';
import { EnergyVad, type Burst } from '../../fakes/openai/vad.js';

const RATE = 16000;

/** Tones (440 Hz) at `amp` over [start, end) seconds, silence elsewhere. */
function tones(totalSec: number, parts: [number, number][], amp = 0.3): Float32Array {
  const x = new Float32Array(Math.round(totalSec * RATE));
  for (const [a, b] of parts) for (let i = Math.round(a * RATE); i < Math.round(b * RATE); i++) x[i] = amp * Math.sin((2 * Math.PI * 440 * i) / RATE);
  return x;
}

function detect(x: Float32Array, chunk = x.length): Burst[] {
  const vad = new EnergyVad(RATE);
  for (let at = 0; at < x.length; at += chunk) vad.push(x.subarray(at, at + chunk));
  return vad.finish();
}

const rounded = (bs: Burst[]): number[][] => bs.map((b) => [Number(b.start.toFixed(2)), Number(b.end.toFixed(2))]);

describe('EnergyVad', () => {
  it('bridges gaps under 300 ms, keeps longer ones, drops bursts under 100 ms', () => {
    const x = tones(4, [
      [0.5, 1.0],
      [1.2, 1.5], // 200 ms gap: same burst
      [2.0, 2.5], // 500 ms gap: new burst
      [3.2, 3.26], // 60 ms blip: dropped
    ]);
    expect(rounded(detect(x))).toEqual([
      [0.5, 1.5],
      [2.0, 2.5],
    ]);
  });

  it('gives the same answer however the samples are chunked', () => {
    const x = tones(3, [
      [0.31, 0.97],
      [1.5, 2.73],
    ]);
    const whole = detect(x);
    for (const chunk of [1, 7, 319, 320, 321, 4096]) expect(detect(x, chunk)).toEqual(whole);
  });

  it('hears -40 dBFS but not -50 dBFS (threshold -45 dBFS RMS)', () => {
    // A sine's RMS is its peak / √2.
    const peak = (dbfs: number): number => Math.SQRT2 * 10 ** (dbfs / 20);
    expect(detect(tones(1, [[0.2, 0.8]], peak(-40)))).toHaveLength(1);
    expect(detect(tones(1, [[0.2, 0.8]], peak(-50)))).toHaveLength(0);
  });

  it('ends the last burst at the end of the audio, not of a padded frame', () => {
    const x = tones(1.005, [[0.5, 1.005]]);
    expect(detect(x)[0]?.end).toBeCloseTo(1.005, 6);
  });

  it("finds each fixture caller's utterances within 0.15 s of transcript.json", async () => {
    const session = 'sess-a1b2c3_20260302_091504';
    const vad = new EnergyVad(RATE);
    for await (const [mono] of readWavFrames(join(FIXTURE_CALLS, session, 'caller_audio.wav'))) vad.push(mono!);
    const bursts = vad.finish();
    const want = readFixtureTranscript(join(FIXTURE_CALLS, session)).filter((e) => e.channel === 'caller');
    expect(bursts).toHaveLength(want.length);
    want.forEach((e, i) => {
      expect(Math.abs(bursts[i]!.start - e.startSec)).toBeLessThanOrEqual(0.15);
      expect(Math.abs(bursts[i]!.end - e.startSec - e.durationSec)).toBeLessThanOrEqual(0.15);
    });
  });
});

describe('matchBursts', () => {
  const script: Script = {
    name: 's',
    utterances: [
      { text: 'one', durationSec: 1.0, speaker: 'caller' },
      { text: 'two', durationSec: 2.0, speaker: 'bot' },
      { text: 'three', durationSec: 0.6, speaker: 'caller' },
      { text: 'four', durationSec: 3.0, speaker: 'bot' },
    ],
  };

  it('matches a run from the middle of a script, on the upload timeline', () => {
    const out = matchBursts(
      [
        { start: 0.4, end: 2.45 },
        { start: 3.0, end: 3.62 },
      ],
      [script],
    );
    expect(out.map((s) => [s.text, s.speaker, s.source?.utterance])).toEqual([
      ['two', 'bot', 1],
      ['three', 'caller', 2],
    ]);
    expect(out[0]).toMatchObject({ start: 0.4, end: 2.45 });
  });

  it('joins bursts split by a pause inside one utterance', () => {
    const out = matchBursts(
      [
        { start: 0, end: 1.0 },
        { start: 2.0, end: 4.0 },
        { start: 4.5, end: 5.1 },
        { start: 5.5, end: 6.9 },
        { start: 7.4, end: 8.5 },
      ],
      [script],
    );
    expect(out.map((s) => [s.text, s.start, s.end])).toEqual([
      ['one', 0, 1.0],
      ['two', 2.0, 4.0],
      ['three', 4.5, 5.1],
      ['four', 5.5, 8.5],
    ]);
  });

  it('numbers bursts that fit nothing as placeholders, and prefers the closer of two candidates', () => {
    const other: Script = { name: 'o', utterances: [{ text: 'close', durationSec: 1.05 }] };
    const out = matchBursts(
      [
        { start: 0, end: 9 },
        { start: 10, end: 11.04 },
      ],
      [script, other],
    );
    expect(out.map((s) => [s.text, s.source])).toEqual([
      ['speech 1', null],
      ['close', { script: 'o', utterance: 0 }],
    ]);
  });

  it('the fixture scripts have one script per channel and a mixed one per session', () => {
    const names = fixtureScripts().map((s) => s.name);
    expect(names).toContain('sess-a1b2c3_20260302_091504/caller');
    expect(names).toContain('sess-q4m8z2_20260421_160351/bot');
    expect(names.filter((n) => n.endsWith('/mixed'))).toHaveLength(3);
  });
});
