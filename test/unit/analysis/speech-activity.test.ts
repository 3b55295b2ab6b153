/**
 * Speech activity from audio energy: generated WAVs with tones at known times on each channel
 * (spans exact to the 20 ms frame), a noisy line, block-size independence, and the committed
 * recorder fixtures, whose transcript.json times match their audio to 1 ms.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutOf, sidesActivity } from '../../../electron/core/analysis/audio-activity.js';
import { SpeechActivityDetector } from '../../../electron/core/analysis/speech-activity.js';
import type { ChannelSource } from '../../../electron/core/transcription/channel-plan.js';
import type { TimeSpan } from '../../../shared/analysis.js';
import type { Speaker } from '../../../shared/types.js';
import { buildWav } from '../../helpers/wav-builder.js';
import { FIXTURE_RECORDINGS, FIXTURE_SESSIONS, makeTempDir } from '../../helpers/recorder-folder.js';

const RATE = 16000;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const spans = (list: TimeSpan[]) => list.map((s) => [r3(s.start), r3(s.end)]);

/** A tone of `amp` peak (RMS amp/√2) during each [start, end) second range, silence elsewhere. */
function tones(ranges: Array<[number, number, number?]>, freq = 300): (t: number) => number {
  return (t) => {
    for (const [a, b, amp = 0.2] of ranges) if (t >= a && t < b) return amp * Math.sin(2 * Math.PI * freq * t);
    return 0;
  };
}

/** Deterministic white noise of RMS `rms` (a linear congruential generator, so runs repeat). */
function noise(rms: number): (i: number) => number {
  return (i) => {
    const x = Math.imul(i + 1, 1103515245) + 12345;
    return (((x >>> 8) & 0xffff) / 0x8000 - 1) * rms * Math.sqrt(3);
  };
}

const src = (p: string, channel: number, speaker: Speaker, lane: number | null = channel): ChannelSource => ({ path: p, format: 'wav', channel, lane, speaker, durationSec: 0 });

let tmp: string;
beforeAll(() => {
  tmp = makeTempDir('cr-activity-');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('SpeechActivityDetector', () => {
  it('finds tones at known times, joins gaps up to 0.3 s, keeps a 0.32 s gap, drops bursts under 0.1 s and ignores a −60 dBFS hum', () => {
    const f = tones([
      [0.5, 2.0],
      [3.0, 3.4],
      [3.7, 4.0], // exactly 0.3 s after the last: joined
      [5.0, 5.2],
      [5.52, 5.7], // 0.32 s after: a burst of its own
      [6.1, 6.16], // 60 ms click: dropped
      [6.5, 6.62], // 120 ms: kept
      [7.0, 8.0, 0.0014], // about −60 dBFS: not speech
    ]);
    const d = new SpeechActivityDetector(RATE);
    const n = 9 * RATE;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = f(i / RATE);
    d.add(x);
    const res = d.finish();
    expect(spans(res.spans)).toEqual([
      [0.5, 2],
      [3, 4],
      [5, 5.2],
      [5.52, 5.7],
      [6.5, 6.62],
    ]);
    expect(r3(res.speechSec)).toBe(3);
    expect(res.thresholdDbfs).toBe(-50);
  });

  it('gives the same answer whatever the block sizes', () => {
    const f = tones([
      [0.13, 0.91],
      [1.5, 1.77],
    ]);
    const x = Float32Array.from({ length: 2 * RATE + 77 }, (_, i) => f(i / RATE));
    const whole = new SpeechActivityDetector(RATE);
    whole.add(x);
    const expected = whole.finish();
    for (const block of [1, 7, 333, 4096]) {
      const d = new SpeechActivityDetector(RATE);
      for (let at = 0; at < x.length; at += block) d.add(x.subarray(at, at + block));
      expect(d.finish()).toEqual(expected);
    }
    // 20 ms frames: the tone edges land inside frames and are reported at frame edges.
    expect(spans(expected.spans)).toEqual([
      [0.12, 0.92],
      [1.5, 1.78],
    ]);
  });

  it('raises the threshold above a noisy line: −40 dBFS hiss is not speech, a −20 dBFS tone over it is', () => {
    const hiss = noise(0.01); // −40 dBFS RMS
    const f = tones([[1, 2, 0.14]]); // RMS 0.1: −20 dBFS
    const x = Float32Array.from({ length: 4 * RATE }, (_, i) => hiss(i) + f(i / RATE));
    const d = new SpeechActivityDetector(RATE);
    d.add(x);
    const res = d.finish();
    expect(spans(res.spans)).toEqual([[1, 2]]);
    expect(res.thresholdDbfs).toBeGreaterThan(-35);
    expect(res.thresholdDbfs).toBeLessThan(-25);
    // Without the noise-floor check the hiss itself would be speech from start to end.
    const fixed = new SpeechActivityDetector(RATE, { noiseMarginDb: -100 });
    fixed.add(x);
    expect(spans(fixed.finish().spans)).toEqual([[0, 4]]);
  });

  it('an empty or silent channel has no speech', () => {
    const d = new SpeechActivityDetector(RATE);
    expect(d.finish()).toEqual({ spans: [], speechSec: 0, thresholdDbfs: -50 });
    const s = new SpeechActivityDetector(8000);
    s.add(new Float32Array(8000));
    expect(s.finish().spans).toEqual([]);
  });
});

describe('sidesActivity on WAV files', () => {
  it('reads both channels of a stereo file in one pass, each with its speaker', async () => {
    const left = tones([
      [0.2, 1.2],
      [2.5, 3.0],
    ]);
    const right = tones([[1.5, 2.6]], 500);
    const file = path.join(tmp, 'stereo.wav');
    fs.writeFileSync(file, buildWav({ channels: 2, sampleRate: 8000, frames: 4 * 8000, samples: (i, ch) => (ch === 0 ? left(i / 8000) : right(i / 8000)) }));
    const plan = [src(file, 0, 'caller'), src(file, 1, 'agent')];
    expect(layoutOf(plan)).toBe('stereo');
    const sides = await sidesActivity(plan);
    expect(sides.map((s) => [s.speaker, spans(s.spans)])).toEqual([
      [
        'caller',
        [
          [0.2, 1.2],
          [2.5, 3],
        ],
      ],
      ['agent', [[1.5, 2.6]]],
    ]);
  });

  it('reads a caller file and an agent file of a pair; one file alone is a single side, an unknown speaker is mono', async () => {
    const callerFile = path.join(tmp, 'caller.wav');
    const agentFile = path.join(tmp, 'agent.wav');
    const c = tones([[0.4, 1.0]]);
    const a = tones([[1.3, 2.1]]);
    fs.writeFileSync(callerFile, buildWav({ sampleRate: RATE, frames: 3 * RATE, samples: (i) => c(i / RATE) }));
    fs.writeFileSync(agentFile, buildWav({ sampleRate: RATE, frames: 3 * RATE, formatTag: 3, samples: (i) => a(i / RATE) }));
    const plan = [src(callerFile, 0, 'caller', 0), src(agentFile, 0, 'bot', 1)];
    expect(layoutOf(plan)).toBe('pair');
    expect(layoutOf(plan.slice(0, 1))).toBe('single');
    expect(layoutOf([src(callerFile, 0, 'unknown', null)])).toBe('mono');
    const sides = await sidesActivity(plan);
    expect(sides.map((s) => [s.speaker, spans(s.spans)])).toEqual([
      ['caller', [[0.4, 1]]],
      ['bot', [[1.3, 2.1]]],
    ]);
  });

  it('stops with the abort reason when the signal is aborted', async () => {
    const file = path.join(tmp, 'long.wav');
    fs.writeFileSync(file, buildWav({ sampleRate: 8000, frames: 60 * 8000, samples: tones([[1, 50]]) }));
    const ac = new AbortController();
    ac.abort(new Error('stop now'));
    await expect(sidesActivity([src(file, 0, 'caller')], { signal: ac.signal })).rejects.toThrow('stop now');
  });
});

interface Entry {
  timestamp: string;
  channel: 'caller' | 'bot';
  duration_ms: number;
}

describe('speech activity of the recorder fixtures', () => {
  for (const session of FIXTURE_SESSIONS) {
    it(`${session}: one burst per transcript line, each edge within 0.1 s`, async () => {
      const dir = path.join(FIXTURE_RECORDINGS, session);
      const t = JSON.parse(fs.readFileSync(path.join(dir, 'transcript.json'), 'utf8')) as { start_time: string; entries: Entry[] };
      const t0 = Date.parse(t.start_time);
      const expected = (ch: 'caller' | 'bot') =>
        t.entries.filter((e) => e.channel === ch).map((e) => [(Date.parse(e.timestamp) - t0) / 1000, (Date.parse(e.timestamp) - t0 + e.duration_ms) / 1000]);
      const stereo = ['final_stereo_recording.wav', 'stereo_recording.wav'].map((f) => path.join(dir, f)).find((p) => fs.existsSync(p));
      const plans: ChannelSource[][] = [];
      if (stereo) plans.push([src(stereo, 0, 'caller'), src(stereo, 1, 'bot')]);
      if (fs.existsSync(path.join(dir, 'caller_audio.wav'))) plans.push([src(path.join(dir, 'caller_audio.wav'), 0, 'caller', 0), src(path.join(dir, 'bot_audio.wav'), 0, 'bot', 1)]);
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) {
        const sides = await sidesActivity(plan);
        for (const side of sides) {
          const want = expected(side.speaker as 'caller' | 'bot');
          expect(side.spans).toHaveLength(want.length);
          side.spans.forEach((s, i) => {
            expect(Math.abs(s.start - want[i]![0]!)).toBeLessThanOrEqual(0.1);
            expect(Math.abs(s.end - want[i]![1]!)).toBeLessThanOrEqual(0.1);
          });
        }
      }
    });
  }
});
