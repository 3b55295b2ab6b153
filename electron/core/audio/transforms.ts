import { open, rm, type FileHandle } from 'node:fs/promises';
import { Resampler } from './resampler.js';

/** A stream of audio: each item holds one equally long -1..1 Float32Array per channel. */
export type AudioChunks = AsyncIterable<Float32Array[]>;

/** Keeps one channel (0-based) of a stream, as a mono stream. */
export async function* splitChannel(chunks: AudioChunks, ch: number): AsyncGenerator<Float32Array[]> {
  for await (const chunk of chunks) {
    const one = chunk[ch];
    if (!one) throw new RangeError(`Channel ${ch} does not exist; the audio has ${chunk.length} channel(s).`);
    yield [one];
  }
}

/** Averages all channels into one, so a stereo call becomes a mono one without clipping. */
export async function* downmix(chunks: AudioChunks): AsyncGenerator<Float32Array[]> {
  for await (const chunk of chunks) {
    if (chunk.length <= 1) {
      yield chunk;
      continue;
    }
    const n = chunk[0]!.length;
    const out = new Float32Array(n);
    for (const channel of chunk) for (let i = 0; i < n; i++) out[i]! += channel[i]!;
    const scale = 1 / chunk.length;
    for (let i = 0; i < n; i++) out[i]! *= scale;
    yield [out];
  }
}

/** Passes only frames [startSec, endSec) of a stream (for sources without a seeking reader, such as MP3). */
export async function* cutByTime(chunks: AudioChunks, sampleRate: number, startSec = 0, endSec = Infinity): AsyncGenerator<Float32Array[]> {
  const start = Math.max(0, Math.round(startSec * sampleRate));
  const end = endSec === Infinity ? Infinity : Math.max(start, Math.round(endSec * sampleRate));
  let at = 0;
  for await (const chunk of chunks) {
    const n = chunk[0]?.length ?? 0;
    const from = Math.max(0, start - at);
    const to = Math.min(n, end - at);
    at += n;
    if (to > from) yield from === 0 && to === n ? chunk : chunk.map((c) => c.subarray(from, to));
    if (at >= end) return;
  }
}

/** Converts a stream from one sample rate to another with a band-limited (anti-aliased) filter; chunking does not change the result. */
export async function* resample(chunks: AudioChunks, fromRate: number, toRate: number): AsyncGenerator<Float32Array[]> {
  if (fromRate === toRate) {
    yield* chunks;
    return;
  }
  const r = new Resampler(fromRate, toRate);
  for await (const chunk of chunks) {
    const out = r.push(chunk);
    if ((out[0]?.length ?? 0) > 0) yield out;
  }
  const tail = r.flush();
  if ((tail[0]?.length ?? 0) > 0) yield tail;
}

/** Writes a stream as a 16-bit PCM WAV, patching the sizes into the header at the end; removes the file if the stream fails. */
export async function writeWav16(path: string, chunks: AudioChunks, sampleRate: number): Promise<{ frames: number; channels: number }> {
  let handle: FileHandle | undefined;
  let channels = 0;
  let frames = 0;
  let opened = false;
  try {
    handle = await open(path, 'w');
    opened = true;
    await handle.write(Buffer.alloc(44), 0, 44, 0);
    let position = 44;
    for await (const chunk of chunks) {
      if (channels === 0) channels = chunk.length;
      if (chunk.length !== channels) throw new RangeError(`A chunk has ${chunk.length} channel(s), the stream started with ${channels}.`);
      const n = chunk[0]?.length ?? 0;
      if (n === 0) continue;
      const out = Buffer.from(new ArrayBuffer(n * channels * 2));
      for (let c = 0; c < channels; c++) {
        const x = chunk[c]!;
        for (let f = 0, at = c * 2; f < n; f++, at += channels * 2) {
          // ×32768 makes int16 → float → int16 an exact round trip; +1.0 is the one value that clips.
          out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(x[f]! * 32768))), at);
        }
      }
      await handle.write(out, 0, out.length, position);
      position += out.length;
      frames += n;
    }
    channels ||= 1;
    const dataBytes = frames * channels * 2;
    if (dataBytes > 0xffffffff - 36) throw new RangeError('The audio is too long for a WAV file (over 4 GB of samples).');
    const header = wavHeader16(channels, sampleRate, dataBytes);
    await handle.write(header, 0, header.length, 0);
    await handle.close();
    handle = undefined;
    return { frames, channels };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    // Only a half-written file of ours is removed, never one that could not even be opened.
    if (opened) await rm(path, { force: true });
    throw err;
  }
}

/** The canonical 44-byte header of a 16-bit PCM WAV. */
export function wavHeader16(channels: number, sampleRate: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}
