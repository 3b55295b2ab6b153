import { z } from 'zod';

/** Which audio of a call to serve: a stored variant, or `best` (stereo, else mono, else a stereo derived from the caller + agent pair, else the caller side). */
export const AudioRequestVariant = z.enum(['best', 'stereo', 'mono', 'caller', 'agent']);
export type AudioRequestVariant = z.infer<typeof AudioRequestVariant>;

/** URL prefixes for audio: Electron's privileged scheme, or browser mode's HTTP route. */
export const AUDIO_URL = { electron: 'callaudio://call/', http: '/audio/call/' } as const;

/** The path tail both shells parse: `<callId>/<variant>` or `<callId>/<variant>/peaks`. Only ids and enum names, never paths. */
export function audioPath(callId: number, variant: AudioRequestVariant, peaks = false): string {
  return `${callId}/${variant}${peaks ? '/peaks' : ''}`;
}

/** Parses a path tail into an id and a variant; anything else (dots, slashes, escapes, NUL) is null. */
export function parseAudioPath(tail: string): { callId: number; variant: AudioRequestVariant; peaks: boolean; overview: boolean } | null {
  const m = /^([1-9][0-9]{0,15})\/(best|stereo|mono|caller|agent)(\/peaks|\/overview)?$/.exec(tail);
  if (!m) return null;
  const callId = Number(m[1]);
  if (!Number.isSafeInteger(callId)) return null;
  return { callId, variant: m[2] as AudioRequestVariant, peaks: m[3] !== undefined, overview: m[3] === '/overview' };
}

/** The most buckets a level of the `overview` peaks may have: what the player draws first. */
export const OVERVIEW_MAX_BUCKETS = 32_768;

/** The path tail of a call's overview peaks: only the levels the player needs to draw at once. */
export function overviewPath(callId: number, variant: AudioRequestVariant): string {
  return `${callId}/${variant}/overview`;
}

/** Keeps only the levels with at most `maxBuckets` buckets (the coarsest if none fits), as a smaller peaks file. */
export function slicePeaksLevels(file: Uint8Array, maxBuckets: number): Uint8Array {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const channels = v.getUint16(6, true);
  const levelCount = v.getUint16(28, true);
  const dims: { framesPerBucket: number; buckets: number; offset: number }[] = [];
  let off = PEAKS_HEADER_BYTES + levelCount * 8;
  for (let i = 0; i < levelCount; i++) {
    const buckets = v.getUint32(PEAKS_HEADER_BYTES + i * 8 + 4, true);
    dims.push({ framesPerBucket: v.getUint32(PEAKS_HEADER_BYTES + i * 8, true), buckets, offset: off });
    off += buckets * channels * 4;
  }
  let keep = dims.filter((d) => d.buckets <= maxBuckets);
  if (keep.length === 0 && dims.length > 0) keep = [dims.reduce((a, b) => (b.buckets < a.buckets ? b : a))];
  const dataBytes = keep.reduce((n, d) => n + d.buckets * channels * 4, 0);
  const out = new Uint8Array(PEAKS_HEADER_BYTES + keep.length * 8 + dataBytes);
  const w = new DataView(out.buffer);
  out.set(file.subarray(0, PEAKS_HEADER_BYTES));
  w.setUint16(28, keep.length, true);
  let data = PEAKS_HEADER_BYTES + keep.length * 8;
  keep.forEach((d, i) => {
    w.setUint32(PEAKS_HEADER_BYTES + i * 8, d.framesPerBucket, true);
    w.setUint32(PEAKS_HEADER_BYTES + i * 8 + 4, d.buckets, true);
    const len = d.buckets * channels * 4;
    out.set(file.subarray(d.offset, d.offset + len), data);
    data += len;
  });
  return out;
}

/**
 * Peaks file layout (little-endian), shared by the core that writes it and the renderer that reads it:
 * header 32 bytes — magic "CRPK", u16 version (1), u16 channels, u32 sampleRate, f64 durationSec,
 * f64 frames, u16 levelCount, u16 reserved; then per level 8 bytes — u32 framesPerBucket, u32 buckets;
 * then per level its data — for each bucket, for each channel, i16 min then i16 max (full scale ±32767).
 */
export const PEAKS_MAGIC = 'CRPK';
export const PEAKS_VERSION = 1;
export const PEAKS_HEADER_BYTES = 32;

/** One zoom level of peaks. */
export interface PeaksLevel {
  framesPerBucket: number;
  buckets: number;
  /** Per channel, interleaved min,max per bucket, scaled to -1..1 (what wavesurfer's `peaks` option takes). */
  channels: Float32Array[];
}

/** Decoded peaks of one audio file. */
export interface Peaks {
  channels: number;
  sampleRate: number;
  durationSec: number;
  frames: number;
  levels: PeaksLevel[];
}

/** Decodes a peaks file; throws on a wrong magic, version or size. */
export function decodePeaks(buf: ArrayBuffer): Peaks {
  const v = new DataView(buf);
  const magic = String.fromCharCode(v.getUint8(0), v.getUint8(1), v.getUint8(2), v.getUint8(3));
  if (magic !== PEAKS_MAGIC) throw new Error('not a peaks file');
  if (v.getUint16(4, true) !== PEAKS_VERSION) throw new Error('unsupported peaks version');
  const channels = v.getUint16(6, true);
  const sampleRate = v.getUint32(8, true);
  const durationSec = v.getFloat64(12, true);
  const frames = v.getFloat64(20, true);
  const levelCount = v.getUint16(28, true);
  let off = PEAKS_HEADER_BYTES;
  const dims: { framesPerBucket: number; buckets: number }[] = [];
  for (let i = 0; i < levelCount; i++, off += 8) dims.push({ framesPerBucket: v.getUint32(off, true), buckets: v.getUint32(off + 4, true) });
  const levels: PeaksLevel[] = [];
  for (const d of dims) {
    const need = d.buckets * channels * 4;
    if (off + need > buf.byteLength) throw new Error('peaks file is truncated');
    // One typed view per level instead of a DataView read per value: an hour of peaks decodes in a few ms.
    // The layout is little-endian like every machine the app runs on, and offsets stay even.
    const raw = new Int16Array(buf, off, d.buckets * channels * 2);
    const out = Array.from({ length: channels }, () => new Float32Array(d.buckets * 2));
    const scale = 1 / 32767;
    for (let c = 0; c < channels; c++) {
      const dst = out[c]!;
      for (let b = 0, src = c * 2; b < d.buckets; b++, src += channels * 2) {
        dst[b * 2] = raw[src]! * scale;
        dst[b * 2 + 1] = raw[src + 1]! * scale;
      }
    }
    off += need;
    levels.push({ framesPerBucket: d.framesPerBucket, buckets: d.buckets, channels: out });
  }
  return { channels, sampleRate, durationSec, frames, levels };
}
