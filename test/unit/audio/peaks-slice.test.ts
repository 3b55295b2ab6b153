import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePeaks, OVERVIEW_MAX_BUCKETS, parseAudioPath, slicePeaksLevels, type Peaks } from '../../../shared/audio.js';
import { computePeaks } from '../../../electron/core/audio/peaks.js';
import { sineWav } from '../../helpers/wav-builder.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-peaks-slice-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const decode = (b: Uint8Array): Peaks => decodePeaks(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);

describe('overview peaks', () => {
  it('keeps exactly the levels within the budget, byte for byte', async () => {
    const file = path.join(dir, 'tone.wav');
    fs.writeFileSync(file, sineWav(30, { channels: 2, sampleRate: 8000 }));
    const full = await computePeaks(file, 'wav');
    const all = decode(full);
    const budget = all.levels[1]!.buckets;
    const sliced = decode(slicePeaksLevels(full, budget));
    expect(sliced.levels.map((l) => l.buckets)).toEqual(all.levels.filter((l) => l.buckets <= budget).map((l) => l.buckets));
    expect({ ...sliced, levels: [] }).toEqual({ ...all, levels: [] });
    sliced.levels.forEach((l) => {
      const same = all.levels.find((a) => a.buckets === l.buckets)!;
      expect(l.framesPerBucket).toBe(same.framesPerBucket);
      expect(l.channels).toEqual(same.channels);
    });
  });

  it('keeps the coarsest level when none fits, and everything when all fit', async () => {
    const file = path.join(dir, 'short.wav');
    fs.writeFileSync(file, sineWav(2, { channels: 1, sampleRate: 16000 }));
    const full = await computePeaks(file, 'wav');
    const all = decode(full);
    const coarsest = Math.min(...all.levels.map((l) => l.buckets));
    expect(decode(slicePeaksLevels(full, 0)).levels.map((l) => l.buckets)).toEqual([coarsest]);
    expect(decode(slicePeaksLevels(full, OVERVIEW_MAX_BUCKETS)).levels.length).toBe(all.levels.length);
  });

  it('is addressed by its own strict path', () => {
    expect(parseAudioPath('7/best/overview')).toEqual({ callId: 7, variant: 'best', peaks: true, overview: true });
    expect(parseAudioPath('7/best/peaks')).toEqual({ callId: 7, variant: 'best', peaks: true, overview: false });
    expect(parseAudioPath('7/best/overview/x')).toBeNull();
  });
});
