/** A long stereo call for memory benchmarks: a fixture call's real speech repeated with silence between, written streaming. */
import { execFileSync } from 'node:child_process';
import { writeWav16 } from '../../../electron/core/audio/transforms.js';
import { readWavFrames } from '../../../electron/core/audio/wav-reader.js';

/** What was written. */
export interface LongCall {
  frames: number;
  sampleRate: number;
  /** How many times the source call was placed. */
  repeats: number;
}

/** Reads a (short) stereo WAV whole: the pattern to repeat. */
async function readStereo(path: string): Promise<Float32Array[]> {
  const parts: Float32Array[][] = [[], []];
  for await (const block of readWavFrames(path)) {
    parts[0]!.push(block[0]!);
    parts[1]!.push(block[1] ?? block[0]!);
  }
  return parts.map((chunks) => {
    const out = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  });
}

/**
 * Writes `minutes` of 16-bit stereo: `source` (a stereo call at `sampleRate`) starting 2 s into every
 * `periodSec`, silence elsewhere, so each side has speech-like bursts and long pauses to cut at.
 * Memory stays at one block however long the file.
 */
export async function writeLongCall(out: string, source: string, minutes: number, sampleRate: number, periodSec = 60): Promise<LongCall> {
  const src = await readStereo(source);
  const len = src[0]!.length;
  const frames = Math.round(minutes * 60 * sampleRate);
  const period = Math.round(periodSec * sampleRate);
  const offset = 2 * sampleRate;
  if (len + offset > period) throw new Error(`the source call (${len / sampleRate} s) does not fit a ${periodSec} s period`);
  async function* blocks(): AsyncGenerator<Float32Array[]> {
    const size = 1 << 16;
    for (let at = 0; at < frames; at += size) {
      const n = Math.min(size, frames - at);
      yield src.map((channel) => {
        const x = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const pos = ((at + i) % period) - offset;
          if (pos >= 0 && pos < len) x[i] = channel[pos]!;
        }
        return x;
      });
    }
  }
  await writeWav16(out, blocks(), sampleRate);
  let repeats = 0;
  for (let s = offset; s + len <= frames; s += period) repeats++;
  return { frames, sampleRate, repeats };
}

/** Bytes free on the file system holding `dir`, from `df -Pk`; null when df is not there. */
export function freeBytes(dir: string): number | null {
  try {
    const lines = execFileSync('df', ['-Pk', dir], { encoding: 'utf8' }).trim().split('\n');
    const avail = Number(lines.at(-1)?.split(/\s+/)[3]);
    return Number.isFinite(avail) ? avail * 1024 : null;
  } catch {
    return null;
  }
}
