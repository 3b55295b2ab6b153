import { open, stat, constants, type FileHandle } from 'node:fs/promises';
import { describeIrregular, fsProblem, readAt } from './audio-file.js';

/** How the samples in a WAV data chunk are encoded. */
export type WavSampleFormat = 'pcm' | 'float' | 'mulaw' | 'alaw';

/** What readWavInfo learned from a WAV header, with sizes already made safe to use. */
export interface WavInfo {
  container: 'wav';
  sampleFormat: WavSampleFormat;
  /** 1 PCM, 3 float, 6 A-law, 7 μ-law; for EXTENSIBLE the tag from the SubFormat GUID. */
  formatTag: number;
  extensible: boolean;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
  /** Byte offset of the first sample. */
  dataOffset: number;
  /** Data length after clamping to the file and to whole frames. */
  dataBytes: number;
  frames: number;
  durationSec: number;
  fileSize: number;
  /** Human sentences about header problems that were worked around. */
  warnings: string[];
}

/** Why a file could not be read as a WAV. */
export type WavErrorCode =
  | 'empty'
  | 'not-wav'
  | 'mp3'
  | 'rf64-unsupported'
  | 'no-fmt'
  | 'bad-fmt'
  | 'unsupported-format'
  | 'no-data'
  | 'unreadable';

/** A WAV file that cannot be used; the message is a plain sentence without the path (the caller adds it). */
export class WavError extends Error {
  readonly code: WavErrorCode;
  constructor(code: WavErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WavError';
    this.code = code;
  }
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;
const PLACEHOLDER_SIZE = 0xffffffff;
/** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID that wraps a classic format tag. */
const SUBFORMAT_GUID_TAIL = Buffer.from([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71]);
/** Names for tags people actually run into, so the error says more than a number. */
const KNOWN_TAGS: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0011: 'IMA ADPCM',
  0x0022: 'TrueSpeech',
  0x0031: 'GSM 6.10',
  0x0040: 'G.721 ADPCM',
  0x0050: 'MPEG audio',
  0x0055: 'MPEG Layer III (MP3)',
  0x0064: 'G.726 ADPCM',
  0x0065: 'G.722 ADPCM',
  0x0161: 'Windows Media Audio',
  0x1610: 'AAC',
};

/** Sniffs what kind of audio file a buffer's first bytes are. */
export function sniffAudio(head: Uint8Array): 'wav' | 'rf64' | 'mp3' | 'unknown' {
  const tag = (at: number): string => Buffer.from(head.subarray(at, at + 4)).toString('latin1');
  const magic = tag(0);
  if (magic === 'RIFF' && head.length >= 12 && tag(8) === 'WAVE') return 'wav';
  if (magic === 'RF64' || magic === 'BW64') return 'rf64';
  if (magic.startsWith('ID3')) return 'mp3';
  // An MP3 without ID3 tag starts directly with an MPEG frame: 11 set sync bits.
  if (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0) return 'mp3';
  return 'unknown';
}

/** Reads the header of a WAV file by positional reads (fs.promises.open + read), never the whole file. */
export async function readWavInfo(path: string): Promise<WavInfo> {
  let handle: FileHandle | undefined;
  try {
    // Checked before open(): opening a FIFO for reading blocks until a writer appears.
    const before = await stat(path);
    refuseIrregular(before);
    // O_NONBLOCK closes the race where the path is swapped for a FIFO after the stat.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = await handle.stat();
    refuseIrregular(st);
    return await parse(handle, st.size);
  } catch (err) {
    throw toWavError(err);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function refuseIrregular(st: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): void {
  if (st.isFile()) return;
  throw new WavError('unreadable', describeIrregular(st));
}

function toWavError(err: unknown): WavError {
  if (err instanceof WavError) return err;
  return new WavError('unreadable', fsProblem(err), { cause: err });
}

function printable(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[^\x20-\x7e]/g, '.');
}

/** A chunk header is plausible if its id is four printable ASCII characters and its body fits in the file. */
function looksLikeChunk(header: Buffer, at: number, fileSize: number): boolean {
  if (header.length < 8) return false;
  for (let i = 0; i < 4; i++) {
    const c = header[i] ?? 0;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return at + 8 + header.readUInt32LE(4) <= fileSize;
}

interface FmtFields {
  formatTag: number;
  extensible: boolean;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function parseFmt(body: Buffer, declaredSize: number): FmtFields {
  if (declaredSize < 16) throw new WavError('bad-fmt', `The fmt chunk is only ${declaredSize} bytes; at least 16 are needed.`);
  if (body.length < 16) throw new WavError('bad-fmt', 'The fmt chunk is cut off by the end of the file.');
  let formatTag = body.readUInt16LE(0);
  const channels = body.readUInt16LE(2);
  const sampleRate = body.readUInt32LE(4);
  const blockAlign = body.readUInt16LE(12);
  const bitsPerSample = body.readUInt16LE(14);
  const extensible = formatTag === FORMAT_EXTENSIBLE;
  if (extensible) {
    if (body.length < 40) {
      throw new WavError('bad-fmt', `The fmt chunk says WAVE_FORMAT_EXTENSIBLE but is only ${body.length} bytes; 40 are needed.`);
    }
    const guid = body.subarray(24, 40);
    if (!guid.subarray(2).equals(SUBFORMAT_GUID_TAIL)) {
      throw new WavError('unsupported-format', 'The WAVE_FORMAT_EXTENSIBLE SubFormat GUID is not one CallReview can decode.');
    }
    formatTag = guid.readUInt16LE(0);
  }
  if (channels === 0) throw new WavError('bad-fmt', 'The fmt chunk says the audio has 0 channels.');
  if (sampleRate === 0) throw new WavError('bad-fmt', 'The fmt chunk says the sample rate is 0 Hz.');
  return { formatTag, extensible, channels, sampleRate, blockAlign, bitsPerSample };
}

function sampleFormatOf(tag: number, bits: number): WavSampleFormat {
  const supported: Record<number, [WavSampleFormat, number[], string]> = {
    [FORMAT_PCM]: ['pcm', [8, 16, 24, 32], 'PCM'],
    [FORMAT_FLOAT]: ['float', [32, 64], 'floating-point'],
    [FORMAT_ALAW]: ['alaw', [8], 'A-law'],
    [FORMAT_MULAW]: ['mulaw', [8], 'μ-law'],
  };
  const entry = supported[tag];
  const hex = `0x${tag.toString(16).padStart(4, '0')}`;
  if (!entry) {
    const name = KNOWN_TAGS[tag] ?? 'an unknown codec';
    throw new WavError('unsupported-format', `The audio is encoded as ${name} (format tag ${hex}), which CallReview cannot decode.`);
  }
  const [format, allowed, label] = entry;
  if (!allowed.includes(bits)) {
    const list = allowed.length === 1 ? `${allowed[0]}-bit` : `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}-bit`;
    throw new WavError('unsupported-format', `${bits}-bit ${label} audio is not supported (only ${list}).`);
  }
  return format;
}

async function parse(handle: FileHandle, fileSize: number): Promise<WavInfo> {
  if (fileSize === 0) throw new WavError('empty', 'The file is empty (0 bytes).');
  const head = await readAt(handle, 0, 12);
  const kind = sniffAudio(head);
  if (kind === 'mp3') throw new WavError('mp3', 'It is an MP3 file with a .wav name; it is not a WAV file.');
  if (kind === 'rf64') {
    throw new WavError('rf64-unsupported', `It is an ${printable(head.subarray(0, 4))} (64-bit WAV) file, which is not supported yet.`);
  }
  if (head.length < 12) throw new WavError('not-wav', `It is only ${head.length} bytes long, too short to be a WAV file.`);
  if (kind !== 'wav') {
    const why = printable(head.subarray(0, 4)) === 'RIFF'
      ? `it is a RIFF file of type "${printable(head.subarray(8, 12))}", not WAVE`
      : `it starts with "${printable(head.subarray(0, 4))}" instead of "RIFF"`;
    throw new WavError('not-wav', `It is not a WAV file: ${why}.`);
  }

  const warnings: string[] = [];
  const riffSize = head.readUInt32LE(4);
  let fmt: FmtFields | undefined;
  let data: { offset: number; declared: number } | undefined;
  let dataPlaceholder = false;
  let offset = 12;
  // Stop once both chunks are known: anything after them (LIST, id3) does not matter here.
  while (offset + 8 <= fileSize && !(fmt && data)) {
    const header = await readAt(handle, offset, 8);
    if (header.length < 8) break;
    const id = header.toString('latin1', 0, 4);
    const size = header.readUInt32LE(4);
    const bodyStart = offset + 8;
    if (id === 'fmt ' && !fmt) {
      fmt = parseFmt(await readAt(handle, bodyStart, Math.min(size, 40)), size);
    } else if (id === 'data' && !data) {
      data = { offset: bodyStart, declared: size };
      const rest = fileSize - bodyStart;
      // A recorder that has not finalised its header leaves 0 or 0xFFFFFFFF; the data then runs to EOF.
      if (size === 0 && rest > 0) {
        dataPlaceholder = !looksLikeChunk(await readAt(handle, bodyStart, 8), bodyStart, fileSize);
      } else if (size === PLACEHOLDER_SIZE && rest < size) {
        dataPlaceholder = true;
      }
      if (dataPlaceholder || size > rest) break;
    }
    offset = bodyStart + size + (size & 1);
  }

  if (!fmt) throw new WavError('no-fmt', 'The file has no fmt chunk, so its sample format is unknown.');
  if (!data) throw new WavError('no-data', 'The file has no data chunk, so it contains no audio.');
  const sampleFormat = sampleFormatOf(fmt.formatTag, fmt.bitsPerSample);

  const expectedRiff = fileSize - 8;
  const riffPlaceholder = riffSize === 0 || riffSize === PLACEHOLDER_SIZE;
  // A cut-off file makes both sizes too big; the data warning below says it once.
  const truncated = !dataPlaceholder && data.declared > fileSize - data.offset && riffSize > expectedRiff;
  // Off by one is just a missing or uncounted pad byte after an odd final chunk.
  if (Math.abs(riffSize - expectedRiff) > 1 && !(riffPlaceholder && dataPlaceholder) && !truncated) {
    warnings.push(`The RIFF header says ${riffSize + 8} bytes but the file is ${fileSize} bytes; ignoring the RIFF size.`);
  }

  const blockAlign = fmt.channels * (fmt.bitsPerSample / 8);
  if (fmt.blockAlign !== blockAlign) {
    warnings.push(`The fmt chunk says ${fmt.blockAlign} bytes per frame but ${fmt.channels} channel(s) of ${fmt.bitsPerSample}-bit audio need ${blockAlign}; using ${blockAlign}.`);
  }

  const available = fileSize - data.offset;
  let dataBytes = data.declared;
  if (dataPlaceholder) {
    dataBytes = available;
    warnings.push(`The header sizes were not filled in (data size ${data.declared === 0 ? '0' : '0xFFFFFFFF'}), so the file may still be being written; using the ${available} bytes to the end of the file.`);
  } else if (data.declared > available) {
    dataBytes = available;
    warnings.push(`The data chunk says ${data.declared} bytes but only ${available} follow; the file looks truncated — using ${available}.`);
  }
  const partial = dataBytes % blockAlign;
  if (partial > 0) {
    dataBytes -= partial;
    // Truncation already explains a ragged end; only a badly sized chunk deserves its own note.
    if (dataBytes + partial === data.declared) warnings.push(`Dropped a partial frame of ${partial} byte(s) at the end of the data.`);
  }
  const frames = dataBytes / blockAlign;
  return {
    container: 'wav',
    sampleFormat,
    formatTag: fmt.formatTag,
    extensible: fmt.extensible,
    channels: fmt.channels,
    sampleRate: fmt.sampleRate,
    bitsPerSample: fmt.bitsPerSample,
    blockAlign,
    dataOffset: data.offset,
    dataBytes,
    frames,
    durationSec: frames / fmt.sampleRate,
    fileSize,
    warnings,
  };
}
