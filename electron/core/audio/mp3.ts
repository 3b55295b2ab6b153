import type { FileHandle } from 'node:fs/promises';
import { MPEGDecoder } from 'mpg123-decoder';
import { AudioFileError, openRegular, readAt } from './audio-file.js';
import { scanMp3, type Mp3Scan } from './mp3-frames.js';
import { cutByTime } from './transforms.js';
import { sniffAudio } from './wav-header.js';

/** What readMp3Info learned of an MP3 file; field names match WavInfo where they mean the same. */
export interface Mp3Info {
  container: 'mp3';
  sampleFormat: 'mp3';
  /** MPEG version (1, 2 or 2.5) and layer (3 for MP3) of the first frame. */
  mpegVersion: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  channels: number;
  sampleRate: number;
  /** MP3 has no sample width; 16 is the precision it is decoded to (what soxi reports too). */
  bitsPerSample: number;
  /** Samples per channel a gapless decoder outputs. */
  frames: number;
  durationSec: number;
  /** Average over the whole file, in kbit/s. */
  bitrateKbps: number;
  fileSize: number;
  warnings: string[];
}

/** Why a file could not be read as an MP3. */
export type Mp3ErrorCode = 'empty' | 'not-mp3' | 'unreadable' | 'undecodable';

/** An MP3 file that cannot be used; the message is a plain sentence without the path (the caller adds it). */
export class Mp3Error extends Error {
  readonly code: Mp3ErrorCode;
  constructor(code: Mp3ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Mp3Error';
    this.code = code;
  }
}

/** Options for readMp3Frames; times are seconds from the start. */
export interface ReadMp3Options {
  startSec?: number;
  endSec?: number;
}

const READ_BYTES = 1 << 16;

async function withMp3<T>(path: string, fn: (handle: FileHandle, size: number) => Promise<T>): Promise<T> {
  let opened: { handle: FileHandle; size: number };
  try {
    opened = await openRegular(path);
  } catch (err) {
    throw new Mp3Error('unreadable', err instanceof AudioFileError ? err.message : String(err), { cause: err });
  }
  try {
    if (opened.size === 0) throw new Mp3Error('empty', 'The file is empty (0 bytes).');
    return await fn(opened.handle, opened.size);
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}

async function scanOrThrow(handle: FileHandle, size: number, walk: boolean): Promise<Mp3Scan> {
  const scan = await scanMp3(handle, size, walk);
  if (scan) return scan;
  const kind = sniffAudio(await readAt(handle, 0, 12));
  throw new Mp3Error('not-mp3', kind === 'wav' ? 'It is a WAV file with an .mp3 name; it is not an MP3 file.' : 'No MPEG audio frames were found in it; it is not an MP3 file.');
}

/** Reads an MP3's format and exact (gapless) duration by walking its frame headers; decodes only free-format streams. */
export async function readMp3Info(path: string): Promise<Mp3Info> {
  const { scan, size } = await withMp3(path, async (handle, size) => ({ scan: await scanOrThrow(handle, size, true), size }));
  const warnings: string[] = [];
  let frames = scan.samples;
  if (frames === null) {
    // A free-format stream's frame length is not in its headers: only decoding tells how long it is.
    frames = 0;
    for await (const chunk of readMp3Frames(path)) frames += chunk[0]?.length ?? 0;
  }
  if (scan.skippedBytes > 0) warnings.push(`${scan.skippedBytes} byte(s) between MPEG frames were not audio and were skipped.`);
  const { first } = scan;
  const durationSec = frames / first.sampleRate;
  return {
    container: 'mp3',
    sampleFormat: 'mp3',
    mpegVersion: first.version,
    layer: first.layer,
    channels: first.channels,
    sampleRate: first.sampleRate,
    bitsPerSample: 16,
    frames,
    durationSec,
    bitrateKbps: durationSec > 0 ? Math.round(((size - scan.firstOffset) * 8) / durationSec / 1000) : first.bitrateKbps,
    fileSize: size,
    warnings,
  };
}

/** Reads only the first frame header: the sample rate and channel count a decode will produce. */
export async function readMp3Format(path: string): Promise<{ sampleRate: number; channels: number }> {
  const scan = await withMp3(path, (handle, size) => scanOrThrow(handle, size, false));
  return { sampleRate: scan.first.sampleRate, channels: scan.first.channels };
}

/** Streams an MP3 as per-channel -1..1 Float32Array chunks, decoding with mpg123 (WASM) 64 KB of file at a time. */
export async function* readMp3Frames(path: string, opts: ReadMp3Options = {}): AsyncGenerator<Float32Array[]> {
  const { sampleRate, channels } = await readMp3Format(path);
  const all = decodeFile(path, channels);
  yield* opts.startSec === undefined && opts.endSec === undefined ? all : cutByTime(all, sampleRate, opts.startSec, opts.endSec);
}

async function* decodeFile(path: string, channels: number): AsyncGenerator<Float32Array[]> {
  let opened: { handle: FileHandle; size: number };
  try {
    opened = await openRegular(path);
  } catch (err) {
    throw new Mp3Error('unreadable', err instanceof AudioFileError ? err.message : String(err), { cause: err });
  }
  const { handle, size } = opened;
  let decoder: MPEGDecoder | undefined;
  try {
    decoder = new MPEGDecoder();
    await decoder.ready;
    const buf = Buffer.alloc(READ_BYTES);
    let decoded = 0;
    let firstError: string | undefined;
    for (let pos = 0; pos < size; ) {
      const bytes = await readAt(handle, pos, READ_BYTES, buf);
      if (bytes.length === 0) break;
      pos += bytes.length;
      // The decoder copies the bytes into its own memory, so the read buffer can be reused.
      const r = decoder.decode(bytes);
      firstError ??= r.errors[0]?.message;
      if (r.samplesDecoded === 0) continue;
      decoded += r.samplesDecoded;
      // mpg123 always hands back two channels; a mono stream's are copies of each other.
      yield r.channelData.slice(0, channels).map((c) => c.subarray(0, r.samplesDecoded));
    }
    if (decoded === 0) throw new Mp3Error('undecodable', `No audio could be decoded from it${firstError ? ` (${firstError})` : ''}.`);
  } finally {
    try {
      decoder?.free();
    } catch {
      // A decoder whose WASM never instantiated has nothing to free.
    }
    await handle.close().catch(() => undefined);
  }
}
