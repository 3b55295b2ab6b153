import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWavFrames, decodeWavBlock } from '../../../electron/core/audio/wav-reader.js';
import { WavError } from '../../../electron/core/audio/wav-header.js';
import { buildWav, type BuildWavOptions } from '../../helpers/wav-builder.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-wavread-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function put(bytes: Buffer): string {
  const p = path.join(dir, `r${counter++}.wav`);
  fs.writeFileSync(p, bytes);
  return p;
}

/** Reads a whole file through the streaming reader and joins the chunks per channel. */
async function readAll(p: string, opts: Parameters<typeof readWavFrames>[1] = {}): Promise<{ channels: Float32Array[]; chunks: number }> {
  const parts: Float32Array[][] = [];
  for await (const chunk of readWavFrames(p, opts)) parts.push(chunk);
  const ch = parts[0]?.length ?? 0;
  const channels = Array.from({ length: ch }, (_, c) => {
    const total = parts.reduce((n, part) => n + part[c]!.length, 0);
    const out = new Float32Array(total);
    let at = 0;
    for (const part of parts) {
      out.set(part[c]!, at);
      at += part[c]!.length;
    }
    return out;
  });
  return { channels, chunks: parts.length };
}

/** A signal that covers the full range, both signs and near-silence, different per channel. */
const signal = (f: number, c: number): number => 0.97 * Math.sin((2 * Math.PI * 440 * f) / 8000 + c) * (f % 50 === 0 ? 0.001 : 1);

/** The largest error a format's quantisation allows for the value x (G.711 is logarithmic). */
function tolerance(tag: number, bits: number, x: number): number {
  if (tag === 6 || tag === 7) return (Math.max(16, Math.abs(x * 32767) / 16) * 1.1) / 32768;
  // The output is Float32, whose 24-bit mantissa is coarser than 32-bit PCM.
  const float32 = 1.2e-7;
  if (tag === 3) return float32;
  return Math.max(float32, 2 / 2 ** (bits - 1));
}

describe('readWavFrames: every supported encoding decodes to what buildWav encoded', () => {
  const cases: [string, BuildWavOptions][] = [
    ['PCM 8-bit unsigned', { bitsPerSample: 8 }],
    ['PCM 16-bit', { bitsPerSample: 16 }],
    ['PCM 24-bit', { bitsPerSample: 24 }],
    ['PCM 32-bit', { bitsPerSample: 32 }],
    ['float 32', { formatTag: 3, bitsPerSample: 32 }],
    ['float 64', { formatTag: 3, bitsPerSample: 64 }],
    ['μ-law', { formatTag: 7 }],
    ['A-law', { formatTag: 6 }],
    ['EXTENSIBLE PCM 24', { bitsPerSample: 24, extensible: true }],
    ['EXTENSIBLE float 32', { formatTag: 3, bitsPerSample: 32, extensible: true }],
    ['EXTENSIBLE μ-law', { formatTag: 7, extensible: true }],
  ];
  for (const [label, opts] of cases) {
    for (const channels of [1, 2, 3]) {
      it(`${label}, ${channels} channel(s)`, async () => {
        const frames = 3001;
        const p = put(buildWav({ ...opts, channels, frames, samples: signal }));
        // A small odd chunk size makes the reader cross many chunk boundaries.
        const { channels: got, chunks } = await readAll(p, { chunkFrames: 997 });
        expect(chunks).toBe(Math.ceil(frames / 997));
        expect(got).toHaveLength(channels);
        const tag = opts.formatTag ?? 1;
        const bits = opts.bitsPerSample ?? 8;
        for (let c = 0; c < channels; c++) {
          expect(got[c]).toHaveLength(frames);
          let worst = 0;
          for (let f = 0; f < frames; f++) {
            const want = signal(f, c);
            worst = Math.max(worst, Math.abs(got[c]![f]! - want) - tolerance(tag, bits, want));
          }
          expect(worst, `channel ${c}`).toBeLessThanOrEqual(0);
        }
      });
    }
  }

  it('maps the extremes of each integer width to -1 and just under +1', () => {
    const pcm = (bits: number, bytes: number[]) => decodeWavBlock({ sampleFormat: 'pcm', bitsPerSample: bits, channels: 1 }, Buffer.from(bytes))[0];
    expect(Array.from(pcm(8, [0, 128, 255])!)).toEqual([-1, 0, 127 / 128]);
    expect(Array.from(pcm(16, [0x00, 0x80, 0xff, 0x7f])!)).toEqual([-1, Math.fround(32767 / 32768)]);
    expect(Array.from(pcm(24, [0x00, 0x00, 0x80, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff])!)).toEqual([-1, Math.fround(8388607 / 8388608), Math.fround(-1 / 8388608)]);
  });
});

describe('readWavFrames: ranges and chunks', () => {
  const p = (() => put(buildWav({ channels: 2, frames: 16000, samples: (f, c) => ((f % 1000) / 1000) * (c === 0 ? 1 : -1) })))();

  it('cuts by startSec/endSec without reading the rest', async () => {
    const { channels } = await readAll(p, { startSec: 0.5, endSec: 1.25, chunkFrames: 1000 });
    expect(channels[0]).toHaveLength(6000);
    // Frame 4000 is the first one: its value is (4000 % 1000) / 1000 = 0.
    expect(channels[0]![0]).toBe(0);
    expect(channels[0]![1]).toBeCloseTo(0.001, 4);
    expect(channels[1]![999]).toBeCloseTo(-0.999, 4);
  });

  it('clamps times outside the audio and yields nothing for an empty range', async () => {
    expect((await readAll(p, { startSec: -3, endSec: 99 })).channels[0]).toHaveLength(16000);
    expect((await readAll(p, { startSec: 1.5, endSec: 1 })).chunks).toBe(0);
    expect((await readAll(p, { startSec: 5 })).chunks).toBe(0);
  });

  it('gives the same samples whatever the chunk size', async () => {
    const whole = await readAll(p, { chunkFrames: 1 << 20 });
    for (const size of [1, 7, 4096]) {
      const parts = await readAll(p, { chunkFrames: size, endSec: size === 1 ? 0.1 : undefined });
      const n = parts.channels[0]!.length;
      expect(parts.channels[0]).toEqual(whole.channels[0]!.subarray(0, n));
      expect(parts.channels[1]).toEqual(whole.channels[1]!.subarray(0, n));
    }
  });

  it('reads a file whose data chunk is followed by other chunks, stopping at the data end', async () => {
    const q = put(buildWav({ frames: 100, samples: () => 0.5, extraChunks: [{ id: 'LIST', body: Buffer.alloc(64, 0x7f) }] }));
    const { channels } = await readAll(q);
    expect(channels[0]).toHaveLength(100);
    expect(new Set(channels[0])).toEqual(new Set([Math.fround(16384 / 32768)]));
  });

  it('reads a truncated file up to its last whole frame', async () => {
    const q = put(buildWav({ channels: 2, frames: 1000, samples: () => 0.25, truncateTo: 44 + 4 * 600 + 3 }));
    const { channels } = await readAll(q, { chunkFrames: 256 });
    expect(channels[0]).toHaveLength(600);
  });

  it('reports a missing file as a WavError', async () => {
    await expect(readAll(path.join(dir, 'absent.wav'))).rejects.toThrow(WavError);
    await expect(readAll(path.join(dir, 'absent.wav'))).rejects.toThrow(/does not exist/);
  });
});
