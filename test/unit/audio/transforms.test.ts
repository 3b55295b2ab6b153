import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cutByTime, downmix, resample, splitChannel, writeWav16, type AudioChunks } from '../../../electron/core/audio/transforms.js';
import { readWavFrames } from '../../../electron/core/audio/wav-reader.js';
import { readWavInfo } from '../../../electron/core/audio/wav-header.js';
import { buildWav } from '../../helpers/wav-builder.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-xform-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A tone as Float32 samples. */
function tone(freq: number, rate: number, seconds: number, amp = 0.5): Float32Array {
  const n = Math.round(rate * seconds);
  return Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));
}

/** Feeds channels to a transform in chunks of the given sizes (cycled), like a reader would. */
async function* chunked(channels: Float32Array[], sizes: number[]): AsyncGenerator<Float32Array[]> {
  const n = channels[0]!.length;
  for (let at = 0, k = 0; at < n; k++) {
    const size = sizes[k % sizes.length]!;
    yield channels.map((c) => c.slice(at, at + size));
    at += size;
  }
}

/** Collects a stream into one array per channel. */
async function collect(chunks: AudioChunks): Promise<Float32Array[]> {
  const parts: Float32Array[][] = [];
  for await (const c of chunks) parts.push(c);
  const ch = parts[0]?.length ?? 0;
  return Array.from({ length: ch }, (_, c) => {
    const out = new Float32Array(parts.reduce((s, p) => s + p[c]!.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p[c]!, at);
      at += p[c]!.length;
    }
    return out;
  });
}

/** The middle of a signal, away from the filter's start-up and tail. */
const middle = (x: Float32Array, skip: number) => x.subarray(skip, x.length - skip);
const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
const peak = (x: Float32Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
function zeroCrossings(x: Float32Array): number {
  let n = 0;
  for (let i = 1; i < x.length; i++) if ((x[i - 1]! < 0) !== (x[i]! < 0)) n++;
  return n;
}
const db = (ratio: number) => 20 * Math.log10(ratio);

describe('resample', () => {
  it('1 kHz at 8 kHz → 16 kHz keeps its frequency and amplitude', async () => {
    const input = tone(1000, 8000, 2, 0.5);
    const [out] = await collect(resample(chunked([input], [4096]), 8000, 16000));
    expect(out!.length).toBe(32000);
    const mid = middle(out!, 1600); // 0.1 s off each end
    // 1 kHz crosses zero 2000 times a second; the middle lasts 1.8 s.
    expect(Math.abs(zeroCrossings(mid) - 3600)).toBeLessThanOrEqual(2);
    expect(peak(mid)).toBeGreaterThan(0.49);
    expect(peak(mid)).toBeLessThan(0.51);
    expect(rms(mid)).toBeCloseTo(0.5 / Math.SQRT2, 3);
  });

  it('anti-aliases: 10 kHz at 48 kHz → 16 kHz (would alias to 6 kHz) is attenuated ≥ 30 dB', async () => {
    const input = tone(10000, 48000, 1, 0.5);
    const [out] = await collect(resample(chunked([input], [5000]), 48000, 16000));
    expect(db(rms(middle(out!, 800)) / rms(input))).toBeLessThan(-30);
  });

  it('anti-aliases: 6 kHz at 48 kHz → 8 kHz (above the 4 kHz Nyquist) is attenuated ≥ 30 dB', async () => {
    const input = tone(6000, 48000, 1, 0.5);
    const [out] = await collect(resample(chunked([input], [5000]), 48000, 8000));
    expect(db(rms(middle(out!, 400)) / rms(input))).toBeLessThan(-30);
  });

  it('passes 6 kHz at 48 kHz → 16 kHz (below the 8 kHz Nyquist) unchanged in level', async () => {
    const input = tone(6000, 48000, 1, 0.5);
    const [out] = await collect(resample(chunked([input], [5000]), 48000, 16000));
    expect(Math.abs(db(rms(middle(out!, 800)) / rms(input)))).toBeLessThan(0.1);
  });

  it('gives bit-identical output for one chunk or many odd-sized ones, per channel', async () => {
    const left = tone(440, 44100, 0.5);
    const right = tone(3000, 44100, 0.5, 0.3);
    for (const [from, to] of [[44100, 16000], [8000, 16000], [48000, 16000], [16000, 8000]] as const) {
      const whole = await collect(resample(chunked([left, right], [left.length]), from, to));
      const pieces = await collect(resample(chunked([left, right], [1, 2, 17, 333, 4096, 5]), from, to));
      expect(pieces[0]).toEqual(whole[0]);
      expect(pieces[1]).toEqual(whole[1]);
    }
  });

  it('outputs round(input × ratio) ± 1 samples for common and awkward ratios', async () => {
    const ratios: [number, number][] = [[8000, 16000], [16000, 8000], [44100, 16000], [48000, 16000], [22050, 8000], [8000, 44100], [11025, 16000], [7919, 48000]];
    for (const [from, to] of ratios) {
      for (const n of [1, 999, 12345]) {
        const input = tone(100, from, n / from);
        const [out] = await collect(resample(chunked([input], [1000]), from, to));
        expect(Math.abs(out!.length - Math.round((n * to) / from)), `${from}→${to}, ${n} in`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps a constant constant (unity gain at DC), also when coefficients are computed per sample', async () => {
    for (const [from, to] of [[8000, 16000], [7919, 48000]] as const) {
      const [out] = await collect(resample(chunked([new Float32Array(from).fill(0.25)], [700]), from, to));
      const mid = middle(out!, Math.round(to * 0.05));
      expect(Math.max(...mid.map((v) => Math.abs(v - 0.25)))).toBeLessThan(1e-5);
    }
  });

  it('passes the stream through when the rates are equal, and refuses a rate of 0', async () => {
    const input = tone(440, 8000, 0.1);
    expect((await collect(resample(chunked([input], [100]), 8000, 8000)))[0]).toEqual(input);
    await expect(collect(resample(chunked([input], [100]), 8000, 0))).rejects.toThrow(/positive whole number/);
  });
});

describe('splitChannel, downmix, cutByTime', () => {
  const left = Float32Array.from({ length: 10 }, (_, i) => i / 10);
  const right = Float32Array.from({ length: 10 }, (_, i) => -i / 20);

  it('splits one channel out', async () => {
    expect(await collect(splitChannel(chunked([left, right], [3]), 1))).toEqual([right]);
    await expect(collect(splitChannel(chunked([left], [3]), 1))).rejects.toThrow(/Channel 1 does not exist/);
  });

  it('downmixes by averaging', async () => {
    const [mono] = await collect(downmix(chunked([left, right], [4])));
    expect(Array.from(mono!)).toEqual(Array.from(left, (v, i) => Math.fround((v + right[i]!) / 2)));
  });

  it('cuts a stream by time across chunk boundaries', async () => {
    // At 10 Hz, 0.25 s..0.75 s is frames 3 (rounded) up to 8.
    const [cut] = await collect(cutByTime(chunked([left], [3]), 10, 0.25, 0.75));
    expect(Array.from(cut!)).toEqual(Array.from(left.subarray(3, 8)));
  });
});

describe('writeWav16', () => {
  it('streams 16-bit PCM and patches the header; the reader gets the same samples back', async () => {
    const src = buildWav({ channels: 2, frames: 5000, sampleRate: 16000, samples: (f, c) => Math.sin(f / 30 + c) * 0.8 });
    const inPath = path.join(dir, 'in.wav');
    fs.writeFileSync(inPath, src);
    const outPath = path.join(dir, 'out.wav');
    const written = await writeWav16(outPath, readWavFrames(inPath, { chunkFrames: 777 }), 16000);
    expect(written).toEqual({ frames: 5000, channels: 2 });
    const info = await readWavInfo(outPath);
    expect(info).toMatchObject({ sampleFormat: 'pcm', bitsPerSample: 16, channels: 2, sampleRate: 16000, frames: 5000, warnings: [] });
    // int16 → float → int16 is exact, so the data bytes are identical.
    expect(fs.readFileSync(outPath)).toEqual(src);
  });

  it('writes a resampled mono caller channel', async () => {
    const inPath = path.join(dir, 'stereo8k.wav');
    fs.writeFileSync(inPath, buildWav({ channels: 2, frames: 8000, samples: (f, c) => (c === 0 ? 0.5 * Math.sin((2 * Math.PI * 1000 * f) / 8000) : 0) }));
    const outPath = path.join(dir, 'caller16k.wav');
    const written = await writeWav16(outPath, resample(splitChannel(readWavFrames(inPath), 0), 8000, 16000), 16000);
    expect(written).toEqual({ frames: 16000, channels: 1 });
    expect(await readWavInfo(outPath)).toMatchObject({ channels: 1, sampleRate: 16000, frames: 16000, durationSec: 1 });
  });

  it('writes an empty mono file for an empty stream, and removes a half-written file when the stream fails', async () => {
    const empty = path.join(dir, 'empty.wav');
    expect(await writeWav16(empty, chunked([new Float32Array(0)], [1]), 8000)).toEqual({ frames: 0, channels: 1 });
    expect(await readWavInfo(empty)).toMatchObject({ frames: 0, channels: 1 });

    async function* failing(): AsyncGenerator<Float32Array[]> {
      yield [new Float32Array(100)];
      throw new Error('source broke');
    }
    const broken = path.join(dir, 'broken.wav');
    await expect(writeWav16(broken, failing(), 8000)).rejects.toThrow('source broke');
    expect(fs.existsSync(broken)).toBe(false);
  });
});
