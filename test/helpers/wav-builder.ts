/**
 * Builds WAV files in memory for tests, with real encoded samples and knobs for
 * the header lies real recorders produce. Pure: no file system access.
 */

/** A RIFF chunk to add besides fmt and data (LIST, fact, bext, JUNK, anything). */
export interface ExtraChunk {
  /** Four-character chunk id, e.g. 'LIST'. */
  id: string;
  body: Buffer;
  /** true: placed before the fmt chunk; otherwise after the data chunk. */
  before?: boolean;
}

/** Options for buildWav; every field is optional and defaults to a valid 8 kHz mono 16-bit PCM file. */
export interface BuildWavOptions {
  /** Default 1. Written as given, even 0, so invalid headers can be made. */
  channels?: number;
  /** Default 8000. */
  sampleRate?: number;
  /** Default 16 for PCM, 32 for float, 8 for μ-law/A-law. */
  bitsPerSample?: number;
  /** 1 PCM (default), 3 float, 6 A-law, 7 μ-law; other tags write zeroed sample bytes. */
  formatTag?: number;
  /** Wrap the format in WAVE_FORMAT_EXTENSIBLE (fmt size 40, SubFormat GUID carrying formatTag). */
  extensible?: boolean;
  /** Number of frames; default one second (sampleRate frames). */
  frames?: number;
  /** Sample value in -1..1 for a frame and channel; default silence. */
  samples?: (frame: number, channel: number) => number;
  extraChunks?: ExtraChunk[];
  /** Value written as the RIFF size instead of the true one. */
  riffSizeOverride?: number;
  /** Value written as the data chunk size instead of the true one. */
  dataSizeOverride?: number;
  /** Value written as the fmt blockAlign instead of channels * bytes per sample. */
  blockAlignOverride?: number;
  /** Cut the finished file to this many bytes (simulates a truncated copy). */
  truncateTo?: number;
  omitFmt?: boolean;
  omitData?: boolean;
}

/** Options for sineWav: everything buildWav takes except frames/samples, plus the tone. */
export interface SineWavOptions extends Omit<BuildWavOptions, 'frames' | 'samples'> {
  /** Hz; default 440. */
  frequency?: number;
  /** Peak in 0..1; default 0.5. */
  amplitude?: number;
}

/** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_* GUIDs. */
const GUID_TAIL = [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71];

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Converts -1..1 to a 16-bit linear sample, the input G.711 encoders expect. */
function toInt16(x: number): number {
  return clamp(Math.round(x * 32767), -32768, 32767);
}

/** G.711 μ-law encoder for a 16-bit linear sample (the classic Sun/CCITT algorithm). */
export function mulawEncode(pcm16: number): number {
  const BIAS = 0x84;
  const CLIP = 32635;
  let pcm = clamp(Math.trunc(pcm16), -32768, 32767);
  const sign = pcm < 0 ? 0x80 : 0;
  if (pcm < 0) pcm = -pcm;
  pcm = Math.min(pcm, CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (pcm & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (pcm >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** G.711 A-law encoder for a 16-bit linear sample (the classic Sun/CCITT algorithm). */
export function alawEncode(pcm16: number): number {
  let value = clamp(Math.trunc(pcm16), -32768, 32767) >> 3; // A-law works on 13 bits
  let mask: number;
  if (value >= 0) {
    mask = 0xd5;
  } else {
    mask = 0x55;
    value = -value - 1;
  }
  const segEnds = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];
  const seg = segEnds.findIndex((end) => value <= end);
  if (seg < 0) return 0x7f ^ mask;
  const mantissa = seg < 2 ? (value >> 1) & 0x0f : (value >> seg) & 0x0f;
  return ((seg << 4) | mantissa) ^ mask;
}

/** Writes one -1..1 sample at `at` in the given encoding; unsupported encodings leave zeros. */
function writeSample(buf: Buffer, at: number, x: number, formatTag: number, bits: number): void {
  const s = clamp(x, -1, 1);
  if (formatTag === 1) {
    if (bits === 8) buf.writeUInt8(clamp(Math.round(s * 127) + 128, 0, 255), at);
    else if (bits === 16) buf.writeInt16LE(toInt16(s), at);
    else if (bits === 24) buf.writeIntLE(clamp(Math.round(s * 8388607), -8388608, 8388607), at, 3);
    else if (bits === 32) buf.writeInt32LE(clamp(Math.round(s * 2147483647), -2147483648, 2147483647), at);
  } else if (formatTag === 3) {
    if (bits === 32) buf.writeFloatLE(s, at);
    else if (bits === 64) buf.writeDoubleLE(s, at);
  } else if (formatTag === 6 && bits === 8) {
    buf.writeUInt8(alawEncode(toInt16(s)), at);
  } else if (formatTag === 7 && bits === 8) {
    buf.writeUInt8(mulawEncode(toInt16(s)), at);
  }
}

/** Serialises a chunk, adding the RIFF pad byte after odd-sized bodies. */
function chunk(id: string, body: Buffer, sizeOverride?: number): Buffer {
  if (id.length !== 4) throw new Error(`chunk id must be 4 characters: "${id}"`);
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(sizeOverride ?? body.length, 4);
  return Buffer.concat([header, body, Buffer.alloc(body.length & 1)]);
}

function fmtBody(tag: number, extensible: boolean, channels: number, rate: number, bits: number, blockAlign: number): Buffer {
  const body = Buffer.alloc(extensible ? 40 : tag === 1 ? 16 : 18);
  body.writeUInt16LE(extensible ? 0xfffe : tag, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(rate, 4);
  body.writeUInt32LE((rate * blockAlign) >>> 0, 8);
  body.writeUInt16LE(blockAlign & 0xffff, 12);
  body.writeUInt16LE(bits, 14);
  // cbSize stays 0 for non-PCM plain formats; EXTENSIBLE carries 22 more bytes.
  if (extensible) {
    body.writeUInt16LE(22, 16);
    body.writeUInt16LE(bits, 18); // valid bits
    body.writeUInt32LE(channels === 1 ? 0x4 : channels === 2 ? 0x3 : 0, 20); // speaker mask
    body.writeUInt16LE(tag, 24);
    Buffer.from(GUID_TAIL).copy(body, 26);
  }
  return body;
}

/** Builds a complete WAV file as a Buffer; see BuildWavOptions for the knobs. */
export function buildWav(opts: BuildWavOptions = {}): Buffer {
  const formatTag = opts.formatTag ?? 1;
  const channels = opts.channels ?? 1;
  const sampleRate = opts.sampleRate ?? 8000;
  const bits = opts.bitsPerSample ?? (formatTag === 3 ? 32 : formatTag === 6 || formatTag === 7 ? 8 : 16);
  const frames = opts.frames ?? sampleRate;
  const bytesPerSample = Math.ceil(bits / 8);
  const frameBytes = channels * bytesPerSample;

  const data = Buffer.alloc(frames * frameBytes);
  if (formatTag === 1 && bits === 8) data.fill(0x80); // unsigned 8-bit silence
  const sample = opts.samples ?? (() => 0);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++) {
      writeSample(data, f * frameBytes + c * bytesPerSample, sample(f, c), formatTag, bits);
    }
  }

  const extras = opts.extraChunks ?? [];
  const parts: Buffer[] = extras.filter((e) => e.before).map((e) => chunk(e.id, e.body));
  if (!opts.omitFmt) {
    const blockAlign = opts.blockAlignOverride ?? frameBytes;
    parts.push(chunk('fmt ', fmtBody(formatTag, opts.extensible ?? false, channels, sampleRate, bits, blockAlign)));
  }
  if (!opts.omitData) parts.push(chunk('data', data, opts.dataSizeOverride));
  parts.push(...extras.filter((e) => !e.before).map((e) => chunk(e.id, e.body)));

  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(opts.riffSizeOverride ?? body.length + 4, 4);
  header.write('WAVE', 8, 'latin1');
  const file = Buffer.concat([header, body]);
  return opts.truncateTo === undefined ? file : file.subarray(0, opts.truncateTo);
}

/** Builds a WAV holding a sine tone of the given length on every channel. */
export function sineWav(seconds: number, opts: SineWavOptions = {}): Buffer {
  const { frequency = 440, amplitude = 0.5, ...rest } = opts;
  const sampleRate = rest.sampleRate ?? 8000;
  const frames = Math.round(seconds * sampleRate);
  const w = (2 * Math.PI * frequency) / sampleRate;
  return buildWav({ ...rest, sampleRate, frames, samples: (f) => amplitude * Math.sin(w * f) });
}
