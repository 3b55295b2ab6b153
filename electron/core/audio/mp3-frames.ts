import type { FileHandle } from 'node:fs/promises';
import { readAt } from './audio-file.js';

/** What one MPEG audio frame header says. */
export interface Mp3FrameHeader {
  /** 1, 2 or 2.5 (MPEG-2.5 is the 8 kHz-family extension telephony encoders use). */
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  sampleRate: number;
  channels: 1 | 2;
  bitrateKbps: number;
  /** Bytes of the whole frame; 0 for free-format streams, whose frame length the header does not give. */
  frameBytes: number;
  samplesPerFrame: number;
  crc: boolean;
}

const RATES: Record<number, number[]> = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 2.5: [11025, 12000, 8000] };
const BITRATES: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
/** Bytes searched for the first frame after the ID3 tags before deciding a file holds no MPEG audio. */
const FIRST_FRAME_SEARCH = 1 << 20;
const WINDOW = 1 << 16;

/** Parses the 4-byte frame header at `at`, or null if there is none (or a reserved value). */
export function parseFrameHeader(b: Buffer, at: number): Mp3FrameHeader | null {
  if (at + 4 > b.length || b[at] !== 0xff) return null;
  const b1 = b[at + 1]!;
  const b2 = b[at + 2]!;
  const b3 = b[at + 3]!;
  if ((b1 & 0xe0) !== 0xe0) return null;
  const v = (b1 >> 3) & 3;
  const l = (b1 >> 1) & 3;
  const bi = b2 >> 4;
  const si = (b2 >> 2) & 3;
  if (v === 1 || l === 0 || bi === 15 || si === 3) return null;
  const version = v === 3 ? 1 : v === 2 ? 2 : 2.5;
  const layer = (4 - l) as 1 | 2 | 3;
  const sampleRate = RATES[version]![si]!;
  const bitrateKbps = BITRATES[`${version === 1 ? 1 : 2}-${layer}`]![bi]!;
  const pad = (b2 >> 1) & 1;
  const samplesPerFrame = layer === 1 ? 384 : layer === 3 && version !== 1 ? 576 : 1152;
  const bps = bitrateKbps * 1000;
  const frameBytes = bps === 0 ? 0 : layer === 1 ? (Math.floor((12 * bps) / sampleRate) + pad) * 4 : Math.floor((samplesPerFrame / 8) * bps / sampleRate) + pad;
  return { version, layer, sampleRate, channels: b3 >> 6 === 3 ? 1 : 2, bitrateKbps, frameBytes, samplesPerFrame, crc: (b1 & 1) === 0 };
}

function sameStream(a: Mp3FrameHeader, b: Mp3FrameHeader): boolean {
  return a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;
}

/** Encoder delay and padding from a Xing/Info frame's LAME extension (what gapless decoders trim). */
interface XingTag {
  frames: number | null;
  delay: number;
  padding: number;
}

/** Reads a Xing/Info tag in the frame at `at` of `b`, if this frame is one (it carries no audio). */
function parseXing(b: Buffer, at: number, h: Mp3FrameHeader): XingTag | null {
  if (h.layer !== 3) return null;
  const side = h.version === 1 ? (h.channels === 1 ? 17 : 32) : h.channels === 1 ? 9 : 17;
  for (const off of [at + 4 + side, at + 6 + side]) {
    const tag = b.toString('latin1', off, off + 4);
    if ((tag !== 'Xing' && tag !== 'Info') || off + 8 > b.length) continue;
    const flags = b.readUInt32BE(off + 4);
    let p = off + 8;
    let frames: number | null = null;
    if (flags & 1 && p + 4 <= b.length) frames = b.readUInt32BE(p);
    p += (flags & 1 ? 4 : 0) + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
    // LAME extension: 9-byte encoder name, then 12 bytes of gains and flags, then 12-bit delay and 12-bit padding.
    const delayAt = p + 21;
    if (delayAt + 3 > b.length || !/^[A-Za-z]{4}/.test(b.toString('latin1', p, p + 4))) return { frames, delay: 0, padding: 0 };
    const d0 = b[delayAt]!;
    const d1 = b[delayAt + 1]!;
    const d2 = b[delayAt + 2]!;
    return { frames, delay: (d0 << 4) | (d1 >> 4), padding: ((d1 & 0x0f) << 8) | d2 };
  }
  return null;
}

/** mpg123's own decoder delay, which its gapless trimming adds to both ends. */
const DECODER_DELAY = 529;

/** The samples mpg123 outputs with gapless trimming: it cuts delay + 529 at the start and ends at padding − 529 before the end (never past the data). */
function gaplessLength(total: number, xing: XingTag, frames: number): number {
  // The padding is only at the end of a complete file; a cut-off one lost it with its last frames.
  const complete = xing.frames === null || xing.frames === frames;
  const end = complete ? Math.min(total, total - xing.padding + DECODER_DELAY) : total;
  return Math.max(0, end - (xing.delay + DECODER_DELAY));
}

/** The result of walking an MP3 file's frame headers. */
export interface Mp3Scan {
  /** The first audio frame's header (sample rate, channels, layer). */
  first: Mp3FrameHeader;
  /** Byte offset of the first frame (after ID3v2 tags), including a Xing/Info frame. */
  firstOffset: number;
  /** Audio frames counted (a Xing/Info frame is not one); null if the stream is free-format and was not walked. */
  frames: number | null;
  /** Samples per channel a gapless decoder outputs; null when frames is null. */
  samples: number | null;
  /** Bytes skipped between frames (junk, trailing tags, a cut-off last frame). */
  skippedBytes: number;
}

/** A positional reader with a sliding window, so a frame walk costs one read per 64 KB. */
class Window {
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;
  constructor(private readonly handle: FileHandle, readonly size: number) {}

  /** Returns the window and the offset of `pos` in it, holding at least `n` bytes from `pos` unless the file ends first. */
  async at(pos: number, n: number): Promise<[Buffer, number]> {
    if (pos < this.start || pos + n > this.start + this.buf.length) {
      this.buf = await readAt(this.handle, pos, Math.max(WINDOW, n));
      this.start = pos;
    }
    return [this.buf, pos - this.start];
  }
}

/** Skips ID3v2 tags at the start; returns the offset after them. */
async function skipId3(w: Window): Promise<number> {
  let pos = 0;
  for (;;) {
    const [b, o] = await w.at(pos, 10);
    if (o + 10 > b.length || b.toString('latin1', o, o + 3) !== 'ID3') return pos;
    const size = ((b[o + 6]! & 0x7f) << 21) | ((b[o + 7]! & 0x7f) << 14) | ((b[o + 8]! & 0x7f) << 7) | (b[o + 9]! & 0x7f);
    pos += 10 + size + (b[o + 5]! & 0x10 ? 10 : 0);
  }
}

/** Finds the next frame at or after `pos` (within `limit` bytes) that is followed by a matching frame or the end of the file. */
async function findFrame(w: Window, pos: number, limit: number, like: Mp3FrameHeader | null): Promise<[number, Mp3FrameHeader] | null> {
  for (let p = pos; p < Math.min(w.size, pos + limit); p++) {
    const [b, o] = await w.at(p, 4);
    const h = parseFrameHeader(b, o);
    if (!h || (like && !sameStream(h, like))) continue;
    if (h.frameBytes === 0) return like ? null : [p, h];
    const nextAt = p + h.frameBytes;
    if (nextAt === w.size) return [p, h];
    const [nb, no] = await w.at(nextAt, 4);
    const next = parseFrameHeader(nb, no);
    if (next && sameStream(h, next)) return [p, h];
  }
  return null;
}

/** Walks the frame headers of an MP3 (no decoding) to learn its format and exact gapless length; null if no MPEG audio is found. */
export async function scanMp3(handle: FileHandle, size: number, walk = true): Promise<Mp3Scan | null> {
  const w = new Window(handle, size);
  const start = await skipId3(w);
  const found = await findFrame(w, start, FIRST_FRAME_SEARCH, null);
  if (!found) return null;
  const [firstOffset, head] = found;
  const [fb, fo] = await w.at(firstOffset, Math.max(head.frameBytes, 256));
  const xing = parseXing(fb, fo, head);
  const result: Mp3Scan = { first: head, firstOffset, frames: null, samples: null, skippedBytes: 0 };
  if (!walk || head.frameBytes === 0) return result;
  let frames = 0;
  let pos = firstOffset + (xing ? head.frameBytes : 0);
  while (pos + 4 <= size) {
    const [b, o] = await w.at(pos, 4);
    const h = parseFrameHeader(b, o);
    if (h && sameStream(h, head) && h.frameBytes > 0 && pos + h.frameBytes <= size) {
      frames++;
      pos += h.frameBytes;
      continue;
    }
    const again = await findFrame(w, pos + 1, size, head);
    if (!again) break;
    result.skippedBytes += again[0] - pos;
    pos = again[0];
  }
  result.skippedBytes += size - pos;
  result.frames = frames;
  const total = frames * head.samplesPerFrame;
  result.samples = xing ? gaplessLength(total, xing, frames) : total;
  return result;
}
