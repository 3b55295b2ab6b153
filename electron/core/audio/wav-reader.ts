import { open, constants, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { readWavInfo, WavError, type WavInfo } from './wav-header.js';

/** Which part of a file to read and in what chunk size; times are clamped to the audio. */
export interface ReadFramesOptions {
  /** Seconds from the start; default 0. */
  startSec?: number;
  /** Seconds from the start; default the end of the audio. */
  endSec?: number;
  /** Frames per yielded chunk; default 65536. */
  chunkFrames?: number;
}

const DEFAULT_CHUNK_FRAMES = 65536;
/** Typed-array views read samples in host order; every machine Node ships for is little-endian, but stay correct if not. */
const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** G.711 μ-law byte → linear -1..1 (the CCITT reference expansion). */
const MULAW = Float32Array.from({ length: 256 }, (_, b) => {
  const u = ~b & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return (u & 0x80 ? 0x84 - t : t - 0x84) / 32768;
});
/** G.711 A-law byte → linear -1..1 (the CCITT reference expansion). */
const ALAW = Float32Array.from({ length: 256 }, (_, b) => {
  const a = b ^ 0x55;
  const seg = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  t = seg === 0 ? t + 8 : (t + 0x108) << (seg - 1);
  return (a & 0x80 ? t : -t) / 32768;
});

/** Turns start/end seconds into a clamped [startFrame, endFrame) range of the file's frames. */
export function frameRange(info: Pick<WavInfo, 'frames' | 'sampleRate'>, opts: Pick<ReadFramesOptions, 'startSec' | 'endSec'> = {}): [number, number] {
  const at = (sec: number | undefined, fallback: number): number =>
    sec === undefined || !Number.isFinite(sec) ? fallback : Math.min(info.frames, Math.max(0, Math.round(sec * info.sampleRate)));
  const start = at(opts.startSec, 0);
  return [start, Math.max(start, at(opts.endSec, info.frames))];
}

/**
 * Yields the raw, frame-aligned bytes of frames [startFrame, endFrame) by positional reads.
 * The yielded buffer is reused: it is valid only until the generator is resumed.
 */
export async function* readWavBlocks(path: string, info: WavInfo, startFrame: number, endFrame: number, chunkFrames = DEFAULT_CHUNK_FRAMES): AsyncGenerator<Buffer> {
  const frameBytes = info.blockAlign;
  const perChunk = Math.max(1, Math.floor(chunkFrames));
  // Offset 0 of its own ArrayBuffer, so typed-array views over it are always aligned.
  const buf = Buffer.from(new ArrayBuffer(Math.min(perChunk, Math.max(1, endFrame - startFrame)) * frameBytes));
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!(await handle.stat()).isFile()) throw new WavError('unreadable', 'It is not a regular file.');
    for (let frame = startFrame; frame < endFrame; ) {
      const want = Math.min(perChunk, endFrame - frame) * frameBytes;
      const position = info.dataOffset + frame * frameBytes;
      let got = 0;
      while (got < want) {
        const { bytesRead } = await handle.read(buf, got, want - got, position + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      // A file cut shorter since its header was read: stop at the last whole frame.
      const whole = got - (got % frameBytes);
      if (whole > 0) yield buf.subarray(0, whole);
      if (got < want) return;
      frame += whole / frameBytes;
    }
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Decodes frame-aligned WAV data bytes into one -1..1 Float32Array per channel. */
export function decodeWavBlock(info: Pick<WavInfo, 'sampleFormat' | 'bitsPerSample' | 'channels'>, bytes: Buffer): Float32Array[] {
  const ch = info.channels;
  const frames = Math.floor(bytes.length / ((info.bitsPerSample / 8) * ch));
  const get = sampleReader(info, bytes, frames * ch);
  const out: Float32Array[] = [];
  for (let c = 0; c < ch; c++) {
    const o = new Float32Array(frames);
    for (let f = 0, i = c; f < frames; f++, i += ch) o[f] = get(i);
    out.push(o);
  }
  return out;
}

/** Returns a reader of interleaved sample `i` as -1..1, over typed-array views when the bytes allow it. */
function sampleReader(info: Pick<WavInfo, 'sampleFormat' | 'bitsPerSample'>, bytes: Buffer, n: number): (i: number) => number {
  const width = info.bitsPerSample / 8;
  const aligned = LITTLE_ENDIAN_HOST && bytes.byteOffset % width === 0;
  switch (`${info.sampleFormat}${info.bitsPerSample}`) {
    case 'pcm8':
      return (i) => (bytes[i]! - 128) / 128;
    case 'pcm16': {
      if (!aligned) return (i) => bytes.readInt16LE(i * 2) / 32768;
      const v = new Int16Array(bytes.buffer, bytes.byteOffset, n);
      return (i) => v[i]! / 32768;
    }
    case 'pcm24':
      // Shifting the top byte into the sign bit and back sign-extends the 24-bit value.
      return (i) => (((bytes[i * 3]! | (bytes[i * 3 + 1]! << 8) | (bytes[i * 3 + 2]! << 16)) << 8) >> 8) / 8388608;
    case 'pcm32': {
      if (!aligned) return (i) => bytes.readInt32LE(i * 4) / 2147483648;
      const v = new Int32Array(bytes.buffer, bytes.byteOffset, n);
      return (i) => v[i]! / 2147483648;
    }
    case 'float32': {
      if (!aligned) return (i) => bytes.readFloatLE(i * 4);
      const v = new Float32Array(bytes.buffer, bytes.byteOffset, n);
      return (i) => v[i]!;
    }
    case 'float64': {
      if (!aligned) return (i) => bytes.readDoubleLE(i * 8);
      const v = new Float64Array(bytes.buffer, bytes.byteOffset, n);
      return (i) => v[i]!;
    }
    case 'mulaw8':
      return (i) => MULAW[bytes[i]!]!;
    case 'alaw8':
      return (i) => ALAW[bytes[i]!]!;
    default:
      throw new WavError('unsupported-format', `${info.bitsPerSample}-bit ${info.sampleFormat} audio cannot be decoded.`);
  }
}

/** Streams a WAV file as per-channel -1..1 Float32Array chunks, reading only the requested range and never the whole file. */
export async function* readWavFrames(path: string, opts: ReadFramesOptions = {}): AsyncGenerator<Float32Array[]> {
  const info = await readWavInfo(path);
  const [start, end] = frameRange(info, opts);
  for await (const block of readWavBlocks(path, info, start, end, opts.chunkFrames)) yield decodeWavBlock(info, block);
}
