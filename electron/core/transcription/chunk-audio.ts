import { mkdir } from 'node:fs/promises';
import { z } from 'zod';
import { readMp3Frames, readMp3Info } from '../audio/mp3.js';
import { resample, splitChannel } from '../audio/transforms.js';
import { readWavInfo } from '../audio/wav-header.js';
import { readWavFrames } from '../audio/wav-reader.js';
import { cutStream, type AudioChunk } from './chunk-stream.js';
import { dbfsToPower, RMS_FRAME_SEC } from './silence.js';

export type { AudioChunk } from './chunk-stream.js';

/** The file to chunk; WavError / Mp3Error come from the readers when it cannot be read as that format. */
export interface ChunkSource {
  path: string;
  format: 'wav' | 'mp3';
}

/** Options for chunkChannel; only outDir is required. */
export interface ChunkChannelOptions {
  /** Where the chunk WAVs are written (created if missing); names are `ch<channel>-<index>.wav`. */
  outDir: string;
  /** Largest chunk file, header included; default 24 MiB, headroom under Whisper's 25 MB upload limit. */
  maxBytes?: number;
  /** Output rate; only 16 kHz, what Whisper works at internally. */
  sampleRate?: 16000;
  /** 20 ms frames with an RMS below this level are silence; default −40 dBFS. */
  silenceDbfs?: number;
  /** Shortest pause that counts as a silence to cut in; default 0.3 s. */
  minSilenceSec?: number;
  /** How far back from the size limit a cut may go; default 30 s (at most half a chunk). */
  searchWindowSec?: number;
  /** Aborting stops the chunking, deletes the chunk being written and throws the abort reason. */
  signal?: AbortSignal;
  /** Seconds of the channel processed so far, and the channel's length. */
  onProgress?: (doneSec: number, totalSec: number) => void;
}

/** 24 MiB: 25,165,824 bytes, about 13 minutes of 16 kHz 16-bit mono. */
export const DEFAULT_MAX_CHUNK_BYTES = 24 * 1024 * 1024;
const HEADER_BYTES = 44;
const OUTPUT_RATE = 16000;

const SourceSchema = z.object({ path: z.string().min(1), format: z.enum(['wav', 'mp3']) });
const OptionsSchema = z.object({
  outDir: z.string().min(1),
  // At least one second of audio per chunk, and within what a WAV header can describe.
  maxBytes: z.number().int().min(HEADER_BYTES + 2 * OUTPUT_RATE).max(0xffffffff).default(DEFAULT_MAX_CHUNK_BYTES),
  sampleRate: z.literal(OUTPUT_RATE).default(OUTPUT_RATE),
  silenceDbfs: z.number().max(0).default(-40),
  minSilenceSec: z.number().min(RMS_FRAME_SEC).max(60).default(0.3),
  searchWindowSec: z.number().positive().max(3600).default(30),
  signal: z.instanceof(AbortSignal).optional(),
  onProgress: z.custom<(doneSec: number, totalSec: number) => void>((v) => typeof v === 'function', 'onProgress must be a function').optional(),
});

/** Parses with a schema, turning a ZodError into a TypeError that says which argument was wrong. */
function parseArg<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new TypeError(`Invalid ${what} for chunkChannel: ${z.prettifyError(r.error)}`);
  return r.data;
}

/** Opens the source: its channel count, rate and length from the header, and a lazy stream of its samples. */
async function openSource(src: ChunkSource): Promise<{ channels: number; sampleRate: number; durationSec: number; frames: () => AsyncIterable<Float32Array[]> }> {
  const info = src.format === 'wav' ? await readWavInfo(src.path) : await readMp3Info(src.path);
  const frames = () => (src.format === 'wav' ? readWavFrames(src.path) : readMp3Frames(src.path));
  return { channels: info.channels, sampleRate: info.sampleRate, durationSec: info.durationSec, frames };
}

/** Takes the one channel out of each multi-channel block. */
async function* monoSamples(chunks: AsyncIterable<Float32Array[]>): AsyncGenerator<Float32Array> {
  for await (const chunk of chunks) yield chunk[0]!;
}

/**
 * Splits one channel of a call out, resamples it to 16 kHz mono and cuts it at silences into 16-bit
 * WAV chunks under maxBytes, streaming: memory holds the search window plus one read block, however
 * long the call. Chunk frames add up to the channel's resampled length, with no gap or overlap.
 */
export async function* chunkChannel(source: ChunkSource, channel: number, opts: ChunkChannelOptions): AsyncGenerator<AudioChunk> {
  const src = parseArg(SourceSchema, source, 'source');
  const ch = parseArg(z.number().int().min(0), channel, 'channel');
  const o = parseArg(OptionsSchema, opts, 'options');
  o.signal?.throwIfAborted();
  const input = await openSource(src);
  if (ch >= input.channels) {
    throw new RangeError(`Channel ${ch} does not exist: the audio has ${input.channels} channel(s), numbered from 0.`);
  }
  await mkdir(o.outDir, { recursive: true });
  const maxFrames = Math.floor((o.maxBytes - HEADER_BYTES) / 2);
  const frameLen = Math.round(RMS_FRAME_SEC * o.sampleRate);
  const onProgress = o.onProgress;
  const mono = resample(splitChannel(input.frames(), ch), input.sampleRate, o.sampleRate);
  yield* cutStream(monoSamples(mono), {
    outDir: o.outDir,
    prefix: `ch${ch}`,
    sampleRate: o.sampleRate,
    maxFrames,
    windowFrames: Math.max(1, Math.min(Math.round(o.searchWindowSec * o.sampleRate), Math.floor(maxFrames / 2))),
    rules: {
      frameLen,
      silencePower: dbfsToPower(o.silenceDbfs),
      // The epsilon stops a ratio that floating point leaves at 15.000…1 from rounding up to 16 frames.
      minSilenceFrames: Math.max(1, Math.ceil(o.minSilenceSec / RMS_FRAME_SEC - 1e-9)),
    },
    signal: o.signal,
    onFrames: onProgress && ((frames) => onProgress(frames / o.sampleRate, input.durationSec)),
  });
}
