/**
 * Uploads cut from the committed fixture calls with the app's own audio transforms: one channel
 * (or both mixed down) of a session, optionally only a time range, as a 16-bit WAV at the
 * recording's rate (16 kHz). What the app sends to the API looks like this.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { downmix, splitChannel, writeWav16 } from '../../../electron/core/audio/transforms.js';
import { readWavInfo } from '../../../electron/core/audio/wav-header.js';
import { readWavFrames } from '../../../electron/core/audio/wav-reader.js';
import { FIXTURE_CALLS } from './fixture-scripts.js';

/** A part of the fixture audio; times in seconds from the call start. */
export interface FixtureCut {
  /** A folder name under test/fixtures/call_recordings. */
  session: string;
  /** One side, or 'mixed' for both averaged into one channel (needs a stereo recording). */
  channel: 'caller' | 'bot' | 'mixed';
  startSec?: number;
  endSec?: number;
}

/** The session's stereo file (left = caller, right = bot), or null when it has only the mono pair. */
function stereoFile(session: string): string | null {
  for (const name of ['final_stereo_recording.wav', 'stereo_recording.wav']) {
    const path = join(FIXTURE_CALLS, session, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** Writes the cut as a mono 16-bit WAV at `out`; returns its sample rate and length in frames. */
export async function writeFixtureCut(out: string, cut: FixtureCut): Promise<{ sampleRate: number; frames: number }> {
  const range = { startSec: cut.startSec ?? 0, endSec: cut.endSec ?? Infinity };
  const stereo = stereoFile(cut.session);
  let source: string;
  let chunks: AsyncIterable<Float32Array[]>;
  if (cut.channel === 'mixed') {
    if (!stereo) throw new Error(`${cut.session} has no stereo recording to mix down`);
    source = stereo;
    chunks = downmix(readWavFrames(stereo, range));
  } else if (stereo) {
    source = stereo;
    chunks = splitChannel(readWavFrames(stereo, range), cut.channel === 'caller' ? 0 : 1);
  } else {
    source = join(FIXTURE_CALLS, cut.session, `${cut.channel}_audio.wav`);
    chunks = readWavFrames(source, range);
  }
  const { sampleRate } = await readWavInfo(source);
  const { frames } = await writeWav16(out, chunks, sampleRate);
  return { sampleRate, frames };
}
