/**
 * Decodes an upload with the app's own readers (every WAV layout electron/core reads, and MP3),
 * mixes it to mono like the API does, and runs the energy VAD over it while streaming. The
 * readers take a path, so the upload is written to the fake's temp folder first.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Mp3Error, readMp3Format, readMp3Frames } from '../../../electron/core/audio/mp3.js';
import { downmix, type AudioChunks } from '../../../electron/core/audio/transforms.js';
import { readWavInfo, sniffAudio, WavError } from '../../../electron/core/audio/wav-header.js';
import { readWavFrames } from '../../../electron/core/audio/wav-reader.js';
import { EnergyVad, type Burst, type VadOptions } from './vad.js';

/** What the fake heard in an upload. */
export interface HeardAudio {
  container: 'wav' | 'mp3';
  sampleRate: number;
  durationSec: number;
  bursts: Burst[];
}

/** Decodes `bytes` and finds its speech; null when it is not audio the fake can decode. */
export async function hearUpload(bytes: Buffer, tmpDir: string, id: number, vad: Partial<VadOptions> = {}): Promise<HeardAudio | null> {
  const kind = sniffAudio(bytes.subarray(0, 16));
  if (kind !== 'wav' && kind !== 'mp3') return null;
  const path = join(tmpDir, `upload-${id}.${kind}`);
  await writeFile(path, bytes);
  try {
    let sampleRate: number;
    let chunks: AudioChunks;
    if (kind === 'wav') {
      sampleRate = (await readWavInfo(path)).sampleRate;
      chunks = readWavFrames(path);
    } else {
      sampleRate = (await readMp3Format(path)).sampleRate;
      chunks = readMp3Frames(path);
    }
    const detector = new EnergyVad(sampleRate, vad);
    let frames = 0;
    for await (const [mono] of downmix(chunks)) {
      if (!mono) continue;
      detector.push(mono);
      frames += mono.length;
    }
    return { container: kind, sampleRate, durationSec: frames / sampleRate, bursts: detector.finish() };
  } catch (err) {
    // A header that lies, a format the readers refuse, samples that do not decode; anything else is a bug in the fake.
    if (err instanceof WavError || err instanceof Mp3Error) return null;
    throw err;
  } finally {
    await rm(path, { force: true });
  }
}
