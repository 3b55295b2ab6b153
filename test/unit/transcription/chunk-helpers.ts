/** Shared pieces of the chunker tests: signal generators, a streaming WAV writer and chunk readers. */
import fs from 'node:fs';
import { expect } from 'vitest';
import { writeWav16 } from '../../../electron/core/audio/transforms.js';
import { readWavInfo } from '../../../electron/core/audio/wav-header.js';
import type { AudioChunk } from '../../../electron/core/transcription/chunk-audio.js';

/** A sample as a function of the frame index. */
export type Signal = (frame: number) => number;

/** Tone bursts that start every `period` frames from `first` and last `length` frames; a cosine, so each starts at full amplitude. */
export function bursts(o: { first: number; period: number; length: number; rate: number; freq?: number; amp?: number }): Signal {
  const w = (2 * Math.PI * (o.freq ?? 440)) / o.rate;
  const amp = o.amp ?? 0.5;
  return (i) => {
    if (i < o.first) return 0;
    const local = (i - o.first) % o.period;
    return local < o.length ? amp * Math.cos(w * local) : 0;
  };
}

/** Start frames of the bursts that begin before `frames`. */
export function burstStarts(o: { first: number; period: number }, frames: number): number[] {
  const out: number[] = [];
  for (let s = o.first; s < frames; s += o.period) out.push(s);
  return out;
}

/** Writes a 16-bit WAV of the given channels block by block through writeWav16, never holding the whole file. */
export async function writeSignalWav(file: string, channels: Signal[], frames: number, rate: number): Promise<void> {
  async function* blocks(): AsyncGenerator<Float32Array[]> {
    const size = 1 << 16;
    for (let at = 0; at < frames; at += size) {
      const n = Math.min(size, frames - at);
      yield channels.map((sig) => {
        const x = new Float32Array(n);
        for (let i = 0; i < n; i++) x[i] = sig(at + i);
        return x;
      });
    }
  }
  await writeWav16(file, blocks(), rate);
}

/** Collects every chunk a generator yields. */
export async function collect(gen: AsyncIterable<AudioChunk>): Promise<AudioChunk[]> {
  const out: AudioChunk[] = [];
  for await (const c of gen) out.push(c);
  return out;
}

/** Reads a chunk file, checking it is the 16 kHz mono 16-bit WAV its record says, and returns its samples. */
export async function readChunk(chunk: AudioChunk): Promise<Int16Array> {
  const info = await readWavInfo(chunk.path);
  expect(info).toMatchObject({ channels: 1, sampleRate: 16000, bitsPerSample: 16, sampleFormat: 'pcm', warnings: [] });
  expect(fs.statSync(chunk.path).size).toBe(chunk.bytes);
  expect(info.frames).toBe(Math.round((chunk.endSec - chunk.startSec) * 16000));
  const buf = fs.readFileSync(chunk.path);
  return new Int16Array(buf.buffer.slice(buf.byteOffset + info.dataOffset, buf.byteOffset + info.dataOffset + info.dataBytes));
}

/** Frames of a chunk, from its exact 16 kHz offsets. */
export const framesOf = (c: AudioChunk): number => Math.round((c.endSec - c.startSec) * 16000);

/** Indices where the signal gets louder than `threshold` (of full scale) after at least `gap` quieter samples. */
export function onsets(x: Int16Array, threshold = 0.1, gap = 1600): number[] {
  const limit = threshold * 32768;
  const out: number[] = [];
  let lastLoud = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i]!) <= limit) continue;
    if (i - lastLoud > gap) out.push(i);
    lastLoud = i;
  }
  return out;
}

/** Checks the chunks tile the timeline: they start at 0, each starts where the previous ended, and their frames add up. */
export function expectContiguous(chunks: AudioChunk[], totalFrames: number, maxBytes: number): void {
  expect(chunks[0]!.startSec).toBe(0);
  chunks.forEach((c, k) => {
    expect(c.index).toBe(k);
    expect(c.bytes).toBeLessThanOrEqual(maxBytes);
    expect(c.bytes).toBe(44 + framesOf(c) * 2);
    if (k > 0) expect(c.startSec).toBe(chunks[k - 1]!.endSec);
  });
  expect(chunks.reduce((s, c) => s + framesOf(c), 0)).toBe(totalFrames);
  expect(chunks.at(-1)!.endSec * 16000).toBeCloseTo(totalFrames, 6);
}
