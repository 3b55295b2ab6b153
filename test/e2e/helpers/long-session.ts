import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './browser-mode.js';

/** The committed session the review e2e lengthens: a bot call with one function call (update_address). */
export const LONG_SESSION = 'sess-7f3k9d_20260311_144237';

/** Where a WAV file's chunks are and what its format says. */
interface WavLayout {
  dataAt: number;
  dataSize: number;
  channels: number;
  rate: number;
  bits: number;
}

function layout(wav: Buffer): WavLayout {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let fmt: Omit<WavLayout, 'dataAt' | 'dataSize'> | null = null;
  for (let at = 12; at + 8 <= wav.length; ) {
    const id = wav.toString('ascii', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === 'fmt ') fmt = { channels: wav.readUInt16LE(at + 10), rate: wav.readUInt32LE(at + 12), bits: wav.readUInt16LE(at + 22) };
    if (id === 'data') {
      if (fmt === null) throw new Error('data before fmt');
      return { ...fmt, dataAt: at, dataSize: size };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

/** The audio of a WAV file repeated `times` times (RIFF and data sizes fixed up), and its new length in seconds. */
export function repeatWav(wav: Buffer, times: number): { wav: Buffer; durationSec: number } {
  const l = layout(wav);
  const data = wav.subarray(l.dataAt + 8, l.dataAt + 8 + l.dataSize);
  const head = Buffer.from(wav.subarray(0, l.dataAt + 8));
  head.writeUInt32LE(l.dataSize * times, l.dataAt + 4);
  const out = Buffer.concat([head, ...Array.from({ length: times }, () => data)]);
  out.writeUInt32LE(out.length - 8, 4);
  return { wav: out, durationSec: (l.dataSize * times) / (l.rate * l.channels * (l.bits / 8)) };
}

/**
 * A recordings folder holding a copy of sess-7f3k9d whose recording plays `times` times over
 * (11.8 s → 23.7 s for 2), so that moments past 0:12 exist; its metadata says the new length.
 * Returns the folder to import and the new length in seconds.
 */
export async function longSession(times = 2): Promise<{ dir: string; durationSec: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'callreview-e2e-review-'));
  const session = join(dir, LONG_SESSION);
  await cp(join(repoRoot, 'test', 'fixtures', 'call_recordings', LONG_SESSION), session, { recursive: true });
  const wavPath = join(session, 'stereo_recording.wav');
  const { wav, durationSec } = repeatWav(await readFile(wavPath), times);
  await writeFile(wavPath, wav);
  const metaPath = join(session, 'call_metadata.json');
  const meta = JSON.parse(await readFile(metaPath, 'utf8')) as { duration_seconds: number };
  meta.duration_seconds = Math.round(durationSec * 1000) / 1000;
  await writeFile(metaPath, JSON.stringify(meta, null, 2));
  return { dir, durationSec };
}
