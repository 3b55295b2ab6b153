import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chunkChannel, DEFAULT_MAX_CHUNK_BYTES } from '../../../electron/core/transcription/chunk-audio.js';
import { bursts, burstStarts, expectContiguous, onsets, readChunk, writeSignalWav } from './chunk-helpers.js';
import type { AudioChunk } from '../../../electron/core/transcription/chunk-audio.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-chunk-long-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('chunkChannel on a 40-minute stereo call', () => {
  const rate = 16000;
  const frames = 40 * 60 * rate;
  // Half-second bursts every 20 s, the bot's 10 s after the caller's: mostly silence, like a real call's channel.
  const plans = [
    { first: 7 * rate, period: 20 * rate, length: rate / 2, rate, freq: 440 },
    { first: 17 * rate + 123, period: 20 * rate, length: rate / 2, rate, freq: 660 },
  ];
  const wav = path.join(dir, 'call-40min.wav');

  it('cuts each channel into ≥ 2 chunks under the default limit, with offsets right to 0.1 s', { timeout: 120_000 }, async () => {
    await writeSignalWav(wav, plans.map(bursts), frames, rate);
    for (const ch of [0, 1]) {
      const chunks: AudioChunk[] = [];
      const found: number[] = [];
      for await (const c of chunkChannel({ path: wav, format: 'wav' }, ch, { outDir: path.join(dir, 'out') })) {
        chunks.push(c);
        for (const i of onsets(await readChunk(c))) found.push(c.startSec + i / rate);
        // Chunks are checked and dropped as they come, so the test needs no more disk than the chunker does.
        fs.rmSync(c.path);
      }
      expect(chunks.length).toBeGreaterThanOrEqual(2);
      expectContiguous(chunks, frames, DEFAULT_MAX_CHUNK_BYTES);
      const starts = burstStarts(plans[ch]!, frames).map((s) => s / rate);
      expect(found).toHaveLength(starts.length);
      found.forEach((t, k) => expect(Math.abs(t - starts[k]!)).toBeLessThan(0.1));
      // Every cut is in a silence: at least 1 s from any burst.
      for (const c of chunks.slice(0, -1)) {
        const near = starts.some((s) => c.endSec > s - 1 && c.endSec < s + 0.5 + 1);
        expect(near).toBe(false);
      }
    }
  });
});
