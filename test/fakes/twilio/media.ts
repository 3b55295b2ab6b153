/**
 * Recording media for the fake: real speech from the committed fixture calls, resampled to
 * Twilio's 8 kHz, looped or cut to a recording's duration. Left = caller, right = the other
 * party. Built once per (duration, channels) and shared by every fake in the process, so a
 * thousand recordings cost a handful of buffers.
 */
import { encodeWav } from '../../fixtures/generate-recordings.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Twilio's recording sample rate. */
export const MEDIA_SAMPLE_RATE = 8000;

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const SESSIONS = ['sess-a1b2c3_20260302_091504', 'sess-q4m8z2_20260421_160351'];
const GAP_FRAMES = MEDIA_SAMPLE_RATE / 2;

/** Samples of a 16-bit PCM mono WAV, with its sample rate (walks the chunks; no canonical-header assumption). */
function readPcm16Mono(file: string): { rate: number; samples: Int16Array } {
  const buf = readFileSync(file);
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE') throw new Error(`${file}: not a WAV`);
  let rate = 0;
  for (let at = 12; at + 8 <= buf.length; ) {
    const id = buf.toString('latin1', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      if (buf.readUInt16LE(body) !== 1 || buf.readUInt16LE(body + 2) !== 1 || buf.readUInt16LE(body + 14) !== 16) throw new Error(`${file}: expected 16-bit PCM mono`);
      rate = buf.readUInt32LE(body + 4);
    } else if (id === 'data') {
      const bytes = Math.min(size, buf.length - body) & ~1;
      const samples = new Int16Array(bytes / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(body + i * 2);
      return { rate, samples };
    }
    at = body + size + (size & 1);
  }
  throw new Error(`${file}: no data chunk`);
}

/** 16 kHz → 8 kHz by averaging sample pairs (a crude low-pass is enough for test speech). */
function to8k(file: string): Int16Array {
  const { rate, samples } = readPcm16Mono(file);
  if (rate === MEDIA_SAMPLE_RATE) return samples;
  if (rate !== MEDIA_SAMPLE_RATE * 2) throw new Error(`${file}: expected 16 kHz, got ${rate} Hz`);
  const out = new Int16Array(Math.floor(samples.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(((samples[2 * i] ?? 0) + (samples[2 * i + 1] ?? 0)) / 2);
  return out;
}

/** The speech loop: both fixture calls back to back with half a second of silence after each. */
function speechLoop(): { left: Int16Array; right: Int16Array } {
  const parts = SESSIONS.map((s) => ({ caller: to8k(`${FIXTURES}call_recordings/${s}/caller_audio.wav`), bot: to8k(`${FIXTURES}call_recordings/${s}/bot_audio.wav`) }));
  const total = parts.reduce((n, p) => n + Math.max(p.caller.length, p.bot.length) + GAP_FRAMES, 0);
  const left = new Int16Array(total);
  const right = new Int16Array(total);
  let at = 0;
  for (const p of parts) {
    left.set(p.caller, at);
    right.set(p.bot, at);
    at += Math.max(p.caller.length, p.bot.length) + GAP_FRAMES;
  }
  return { left, right };
}

/** A 16-bit PCM WAV around interleaved little-endian samples, via the fixture generator's encoder. */
export function pcmWav(channels: number, sampleRate: number, data: Buffer): Buffer {
  // slice() copies, so the Int16Array view is aligned whatever the Buffer's offset.
  return encodeWav(new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)), channels, sampleRate);
}

/** MPEG audio frames of the committed MP3, split so they can be looped whole. */
function mp3Frames(file: string): { frames: Buffer[]; secPerFrame: number } {
  const buf = readFileSync(file);
  const frames: Buffer[] = [];
  let secPerFrame = 0;
  for (let at = 0; at + 4 <= buf.length; ) {
    const b1 = buf[at + 1] ?? 0;
    const b2 = buf[at + 2] ?? 0;
    const version = (b1 >> 3) & 3; // 0 MPEG-2.5, 2 MPEG-2, 3 MPEG-1
    if (buf[at] !== 0xff || (b1 & 0xe0) !== 0xe0 || ((b1 >> 1) & 3) !== 1 || version === 1) throw new Error(`${file}: not a Layer III frame at ${at}`);
    const mpeg1 = version === 3;
    const kbps = (mpeg1 ? [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320] : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160])[b2 >> 4] ?? 0;
    const rate = ({ 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as Record<number, number[]>)[version]?.[(b2 >> 2) & 3] ?? 0;
    if (kbps === 0 || rate === 0) throw new Error(`${file}: unsupported frame header at ${at}`);
    const length = Math.floor(((mpeg1 ? 144 : 72) * kbps * 1000) / rate) + ((b2 >> 1) & 1);
    frames.push(buf.subarray(at, at + length));
    secPerFrame = (mpeg1 ? 1152 : 576) / rate;
    at += length;
  }
  return { frames, secPerFrame };
}

/** Media bytes per duration and layout, cached. */
export class MediaLibrary {
  private readonly speech = speechLoop();
  private readonly mp3 = mp3Frames(`${FIXTURES}twilio/speech-8k.mp3`);
  private readonly cache = new Map<string, Buffer>();

  /** An 8 kHz 16-bit WAV of exactly durationSec seconds; 2 channels = caller left, other party right; 1 = both mixed. */
  wav(durationSec: number, channels: 1 | 2): Buffer {
    const key = `wav:${durationSec}:${channels}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const frames = Math.round(durationSec * MEDIA_SAMPLE_RATE);
    const { left, right } = this.speech;
    const data = Buffer.alloc(frames * channels * 2);
    for (let i = 0; i < frames; i++) {
      const l = left[i % left.length] ?? 0;
      const r = right[i % right.length] ?? 0;
      if (channels === 2) {
        data.writeInt16LE(l, i * 4);
        data.writeInt16LE(r, i * 4 + 2);
      } else {
        // Twilio's default download is both parties mixed into one channel.
        data.writeInt16LE(Math.max(-32768, Math.min(32767, l + r)), i * 2);
      }
    }
    const out = pcmWav(channels, MEDIA_SAMPLE_RATE, data);
    this.cache.set(key, out);
    return out;
  }

  /** A mono MP3 of about durationSec seconds: whole frames of the committed speech MP3, looped. */
  mp3Bytes(durationSec: number): Buffer {
    const key = `mp3:${durationSec}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const { frames, secPerFrame } = this.mp3;
    const count = Math.ceil(durationSec / secPerFrame);
    const out = Buffer.concat(Array.from({ length: count }, (_, i) => frames[i % frames.length] ?? Buffer.alloc(0)));
    this.cache.set(key, out);
    return out;
  }
}

let shared: MediaLibrary | undefined;

/** The process-wide media library (loaded on first use). */
export function sharedMedia(): MediaLibrary {
  shared ??= new MediaLibrary();
  return shared;
}
