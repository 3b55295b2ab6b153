import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chunkChannel } from '../../../electron/core/transcription/chunk-audio.js';
import { readMp3Info, Mp3Error } from '../../../electron/core/audio/mp3.js';
import { WavError } from '../../../electron/core/audio/wav-header.js';
import { REPO_ROOT } from '../../helpers/recorder-folder.js';
import { buildWav, sineWav } from '../../helpers/wav-builder.js';
import { bursts, burstStarts, collect, expectContiguous, framesOf, onsets, readChunk, writeSignalWav } from './chunk-helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-chunk-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let seq = 0;
/** A fresh output folder per run, so file listings show only that run's chunks. */
const outDir = () => path.join(dir, `out-${++seq}`);
const put = (name: string, data: Buffer | string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
};

/** A deterministic int16 value per frame and channel (an LCG), so every sample can be checked exactly. */
const noise = (f: number, c: number) => ((((f * 1103515245 + c * 12345 + 7) >>> 0) % 20001) - 10000);

describe('chunkChannel on a stereo 16 kHz call', () => {
  const frames = 160_000; // 10 s
  // The caller side is a steady tone, the bot side noise: no sample of one can pass for the other.
  const wav = put('stereo.wav', buildWav({ channels: 2, sampleRate: 16000, frames, samples: (f, c) => (c === 0 ? 0.4 * Math.sin(f / 5) : noise(f, c) / 32767) }));
  const expected = [0, 1].map((c) => {
    const data = fs.readFileSync(wav).subarray(44);
    return Int16Array.from({ length: frames }, (_, f) => data.readInt16LE((f * 2 + c) * 2));
  });

  for (const ch of [0, 1]) {
    it(`channel ${ch}: the chunks, joined, are exactly that channel's samples`, async () => {
      const maxBytes = 100_000;
      const chunks = await collect(chunkChannel({ path: wav, format: 'wav' }, ch, { outDir: outDir(), maxBytes }));
      expect(chunks.length).toBeGreaterThanOrEqual(3);
      expectContiguous(chunks, frames, maxBytes);
      const joined = new Int16Array(frames);
      for (const c of chunks) joined.set(await readChunk(c), Math.round(c.startSec * 16000));
      expect(Buffer.from(joined.buffer).equals(Buffer.from(expected[ch]!.buffer))).toBe(true);
      expect(chunks.every((c) => path.basename(c.path) === `ch${ch}-${String(c.index).padStart(3, '0')}.wav`)).toBe(true);
    });
  }
});

describe('chunkChannel resamples', () => {
  it('an 8 kHz file to 16 kHz, keeping its duration and pitch', async () => {
    const wav = put('tone-8k.wav', sineWav(3, { sampleRate: 8000, frequency: 1000, amplitude: 0.5 }));
    const progress: [number, number][] = [];
    const chunks = await collect(chunkChannel({ path: wav, format: 'wav' }, 0, { outDir: outDir(), onProgress: (d, t) => progress.push([d, t]) }));
    expect(chunks).toHaveLength(1);
    expect(Math.abs(framesOf(chunks[0]!) - 48_000)).toBeLessThanOrEqual(1);
    expect(chunks[0]!.speechSec).toBeCloseTo(3, 1);
    const x = await readChunk(chunks[0]!);
    let crossings = 0;
    for (let i = 1; i < x.length; i++) if (x[i - 1]! < 0 !== x[i]! < 0) crossings++;
    // 1 kHz for 3 s crosses zero 6,000 times whatever the rate.
    expect(Math.abs(crossings - 6000)).toBeLessThanOrEqual(4);
    expect(progress.at(-1)![0]).toBeCloseTo(3, 3);
    expect(progress.every(([, t]) => t === 3)).toBe(true);
  });

  it('an 8 kHz MP3 to 16 kHz, with its speech counted', async () => {
    const mp3 = path.join(REPO_ROOT, 'test', 'fixtures', 'twilio', 'speech-8k.mp3');
    const info = await readMp3Info(mp3);
    const chunks = await collect(chunkChannel({ path: mp3, format: 'mp3' }, 0, { outDir: outDir() }));
    expect(chunks).toHaveLength(1);
    expect(Math.abs(framesOf(chunks[0]!) - info.frames * 2)).toBeLessThanOrEqual(1);
    expect(chunks[0]!.speechSec).toBeGreaterThan(2);
    expect(chunks[0]!.speechSec).toBeLessThan(info.durationSec);
  });
});

describe('chunkChannel cuts at silences', () => {
  const rate = 16000;
  // 1.2 s tone bursts every 2.3 s from 0.5 s: each gap is 1.1 s of digital silence.
  const plan = { first: 8000, period: 36_800, length: 19_200, rate };
  const frames = 60 * rate;
  const wav = path.join(dir, 'bursts.wav');
  const ready = writeSignalWav(wav, [bursts(plan)], frames, rate);
  const maxBytes = 200_000;

  it('every chunk is under the limit, cut in the middle of a gap, and each burst is where its offset says', async () => {
    await ready;
    const chunks = await collect(chunkChannel({ path: wav, format: 'wav' }, 0, { outDir: outDir(), maxBytes }));
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expectContiguous(chunks, frames, maxBytes);
    const starts = burstStarts(plan, frames);
    for (const cut of chunks.slice(0, -1).map((c) => c.endSec * rate)) {
      const k = starts.findLastIndex((s) => s <= cut);
      const gapStart = starts[k]! + plan.length;
      const gapEnd = starts[k]! + plan.period;
      // The whole 1.1 s gap lies in the 3.1 s search window, so the cut is at its middle (±1 analysis frame).
      expect(Math.abs(cut - (gapStart + gapEnd) / 2)).toBeLessThanOrEqual(0.02 * rate);
    }
    const found: number[] = [];
    for (const c of chunks) {
      const x = await readChunk(c);
      for (const i of onsets(x)) found.push(c.startSec + i / rate);
      const tone = starts.reduce((s, b) => s + Math.max(0, Math.min(b + plan.length, c.endSec * rate) - Math.max(b, c.startSec * rate)), 0) / rate;
      expect(Math.abs(c.speechSec - tone)).toBeLessThanOrEqual(0.05);
    }
    expect(found).toHaveLength(starts.length);
    found.forEach((t, k) => expect(Math.abs(t - starts[k]! / rate)).toBeLessThan(0.01));
  });

  it('a silent stretch reports no speech, so it need not be uploaded', async () => {
    const silent = put('silent.wav', buildWav({ channels: 2, sampleRate: 16000, frames: 4 * rate, samples: (f, c) => (c === 0 ? 0.3 * Math.sin(f / 3) : 0) }));
    const [loud] = await collect(chunkChannel({ path: silent, format: 'wav' }, 0, { outDir: outDir() }));
    const [quiet] = await collect(chunkChannel({ path: silent, format: 'wav' }, 1, { outDir: outDir() }));
    expect(loud!.speechSec).toBeCloseTo(4, 5);
    expect(quiet!.speechSec).toBe(0);
  });

  it('audio with no silence at all is still cut under the limit, at its quietest point', async () => {
    // A 400 Hz tone (8 whole cycles per 20 ms frame) whose level swings between 0.1 and 0.5 every 2 s.
    const env = (f: number) => 0.3 + 0.2 * Math.sin((2 * Math.PI * 0.5 * f) / rate);
    const file = path.join(dir, 'no-silence.wav');
    await writeSignalWav(file, [(f) => env(f) * Math.sin((2 * Math.PI * 400 * f) / rate)], 20 * rate, rate);
    const chunks = await collect(chunkChannel({ path: file, format: 'wav' }, 0, { outDir: outDir(), maxBytes }));
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expectContiguous(chunks, 20 * rate, maxBytes);
    for (const c of chunks.slice(0, -1)) expect(env(c.endSec * rate)).toBeLessThan(0.12);
    for (const c of chunks) expect(c.speechSec).toBeCloseTo(c.endSec - c.startSec, 5);
  });
});

describe('chunkChannel stops cleanly', () => {
  const rate = 16000;
  const wav = path.join(dir, 'abort.wav');
  const ready = writeSignalWav(wav, [bursts({ first: 8000, period: 36_800, length: 19_200, rate })], 60 * rate, rate);

  it('on abort: throws an AbortError and deletes the chunk it was writing, keeping the finished ones', async () => {
    await ready;
    const out = outDir();
    const ctrl = new AbortController();
    let sawPartial = false;
    const got: string[] = [];
    const run = async () => {
      const gen = chunkChannel({ path: wav, format: 'wav' }, 0, {
        outDir: out,
        maxBytes: 200_000,
        signal: ctrl.signal,
        onProgress: () => {
          // Abort only once the second chunk has samples on disk, so there is a partial file to clean up.
          if (fs.existsSync(path.join(out, 'ch0-001.wav'))) {
            sawPartial = true;
            ctrl.abort();
          }
        },
      });
      for await (const c of gen) got.push(path.basename(c.path));
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(sawPartial).toBe(true);
    expect(got).toEqual(['ch0-000.wav']);
    expect(fs.readdirSync(out)).toEqual(['ch0-000.wav']);
  });

  it('an already aborted signal writes nothing', async () => {
    await ready;
    const out = outDir();
    await expect(collect(chunkChannel({ path: wav, format: 'wav' }, 0, { outDir: out, signal: AbortSignal.abort() }))).rejects.toMatchObject({ name: 'AbortError' });
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('chunkChannel refuses bad input with typed errors', () => {
  const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof WavError || e instanceof Mp3Error ? `${e.name}:${e.code}` : String(e)));

  it('a corrupt or missing WAV gives a WavError', async () => {
    const bad = put('corrupt.wav', Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00JUNKJUNK', 'latin1'), Buffer.alloc(100, 7)]));
    expect(await code(collect(chunkChannel({ path: bad, format: 'wav' }, 0, { outDir: outDir() })))).toBe('WavError:not-wav');
    const cut = put('no-data.wav', buildWav({ omitData: true }));
    expect(await code(collect(chunkChannel({ path: cut, format: 'wav' }, 0, { outDir: outDir() })))).toBe('WavError:no-data');
    expect(await code(collect(chunkChannel({ path: path.join(dir, 'nope.wav'), format: 'wav' }, 0, { outDir: outDir() })))).toBe('WavError:unreadable');
  });

  it('a file that is not an MP3 gives an Mp3Error', async () => {
    const bad = put('corrupt.mp3', Buffer.alloc(4096, 0x41));
    expect(await code(collect(chunkChannel({ path: bad, format: 'mp3' }, 0, { outDir: outDir() })))).toBe('Mp3Error:not-mp3');
  });

  it('a channel the file does not have, or nonsense options, are refused before anything is written', async () => {
    const wav = put('mono.wav', sineWav(1));
    const out = outDir();
    await expect(collect(chunkChannel({ path: wav, format: 'wav' }, 1, { outDir: out }))).rejects.toThrow(/Channel 1 does not exist: the audio has 1 channel/);
    await expect(collect(chunkChannel({ path: wav, format: 'wav' }, -1, { outDir: out }))).rejects.toThrow(TypeError);
    await expect(collect(chunkChannel({ path: wav, format: 'wav' }, 0, { outDir: out, maxBytes: 1000 }))).rejects.toThrow(/maxBytes/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
