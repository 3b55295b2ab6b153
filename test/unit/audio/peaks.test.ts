import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodePeaks, type Peaks } from '../../../shared/audio.js';
import { computePeaks, finestFramesPerBucket, PEAKS_LEVELS } from '../../../electron/core/audio/peaks.js';
import { readMp3Frames } from '../../../electron/core/audio/mp3.js';
import { WavError } from '../../../electron/core/audio/wav-header.js';
import { REPO_ROOT } from '../../helpers/recorder-folder.js';
import { buildWav, type BuildWavOptions } from '../../helpers/wav-builder.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-peaks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SPEECH = path.join(REPO_ROOT, 'test', 'fixtures', 'twilio', 'speech-8k.mp3');

/** decodePeaks takes an ArrayBuffer holding exactly the file. */
function decode(buf: Buffer): Peaks {
  return decodePeaks(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer);
}

/** Quantises like the format: full scale ±32767 (and no -0, which an int16 cannot hold). */
const q = (x: number) => Math.max(-32767, Math.min(32767, Math.round(x * 32767))) || 0;

/**
 * The reference: every level computed on its own, straight from the decoded samples of the whole file
 * (no merging of finer levels, no streaming), as decodePeaks returns it (interleaved min,max over 32767).
 */
function reference(samples: number[][], framesPerBucket: number): Float32Array[] {
  return samples.map((ch) => {
    const buckets = Math.ceil(ch.length / framesPerBucket);
    const out = new Float32Array(buckets * 2);
    for (let b = 0; b < buckets; b++) {
      const slice = ch.slice(b * framesPerBucket, (b + 1) * framesPerBucket);
      out[b * 2] = q(Math.min(...slice)) / 32767;
      out[b * 2 + 1] = q(Math.max(...slice)) / 32767;
    }
    return out;
  });
}

/** Deterministic noise with a slow envelope, so buckets differ from each other. */
function noisy(f: number, c: number): number {
  const x = Math.sin(f * 12.9898 + c * 78.233) * 43758.5453;
  return (x - Math.floor(x) - 0.5) * 2 * (0.2 + 0.8 * Math.abs(Math.sin(f / 900 + c)));
}

describe('computePeaks (WAV) equals a whole-file reference', () => {
  const cases: [string, BuildWavOptions, (v: Buffer, at: number) => number][] = [
    // The 16-bit path works on the integers; the reader maps int16 s to s / 32768.
    ['16-bit', { bitsPerSample: 16 }, (v, at) => v.readInt16LE(at) / 32768],
    ['float 32', { formatTag: 3, bitsPerSample: 32 }, (v, at) => v.readFloatLE(at)],
  ];
  for (const [label, fmt, sampleAt] of cases) {
    for (const sampleRate of [8000, 16000]) {
      for (const channels of [1, 2]) {
        it(`${label}, ${sampleRate / 1000} kHz, ${channels === 1 ? 'mono' : 'stereo'}, with a partial last bucket`, async () => {
          const fpb = finestFramesPerBucket(sampleRate);
          expect(fpb).toBe(sampleRate / 100);
          // Not a multiple of any level's bucket, so every level ends with a partial bucket.
          const frames = fpb * 4 ** (PEAKS_LEVELS - 1) * 3 + fpb * 5 + 7;
          const bytes = buildWav({ ...fmt, sampleRate, channels, frames, samples: noisy });
          const p = path.join(dir, `${label}-${sampleRate}-${channels}.wav`);
          fs.writeFileSync(p, bytes);

          const width = (fmt.bitsPerSample ?? 16) / 8;
          const samples = Array.from({ length: channels }, (_, c) => Array.from({ length: frames }, (_, f) => sampleAt(bytes, 44 + (fmt.formatTag === 3 ? 2 : 0) + (f * channels + c) * width)));

          const peaks = decode(await computePeaks(p, 'wav'));
          expect(peaks).toMatchObject({ channels, sampleRate, frames, durationSec: frames / sampleRate });
          expect(peaks.levels.map((l) => l.framesPerBucket)).toEqual([fpb, fpb * 4, fpb * 16, fpb * 64]);
          for (const level of peaks.levels) {
            expect(level.buckets).toBe(Math.ceil(frames / level.framesPerBucket));
            expect(level.channels).toEqual(reference(samples, level.framesPerBucket));
          }
        });
      }
    }
  }

  it('an empty WAV gives four empty levels; full-scale samples stay within ±32767', async () => {
    const empty = path.join(dir, 'empty.wav');
    fs.writeFileSync(empty, buildWav({ frames: 0 }));
    const e = decode(await computePeaks(empty, 'wav'));
    expect(e).toMatchObject({ frames: 0, durationSec: 0 });
    expect(e.levels.map((l) => l.buckets)).toEqual([0, 0, 0, 0]);

    const loud = path.join(dir, 'loud.wav');
    fs.writeFileSync(loud, buildWav({ frames: 80, samples: (f) => (f % 2 ? 1 : -1) }));
    const l = decode(await computePeaks(loud, 'wav'));
    // buildWav writes ±32767; read as ±32767/32768 that is 32766 of the format's 32767.
    expect(Array.from(l.levels[0]!.channels[0]!)).toEqual([-32766 / 32767, 32766 / 32767].map(Math.fround));
  });

  it('a missing file is a clear error', async () => {
    const err = await computePeaks(path.join(dir, 'gone.wav'), 'wav').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WavError);
    expect((err as Error).message).toBe('The file does not exist.');
  });
});

describe('computePeaks (MP3)', () => {
  it('matches a reference over the fully decoded fixture', async () => {
    const decoded: number[] = [];
    for await (const chunk of readMp3Frames(SPEECH)) for (const v of chunk[0]!) decoded.push(v);
    const peaks = decode(await computePeaks(SPEECH, 'mp3'));
    expect(peaks).toMatchObject({ channels: 1, sampleRate: 8000, frames: decoded.length });
    expect(peaks.durationSec).toBeCloseTo(9.288, 3);
    for (const level of peaks.levels) expect(level.channels).toEqual(reference([decoded], level.framesPerBucket));
  });
});
