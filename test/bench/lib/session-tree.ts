/**
 * Writes a synthetic call-recorder tree for benchmarks: `{session_id}_{YYYYMMDD_HHMMSS}` folders with
 * real 16 kHz 16-bit PCM WAVs (speech cut from a fixture session) and recorder JSON that varies per session.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeWav } from '../../fixtures/generate-recordings.js';

const RATE = 16000;
const HEADER_BYTES = 44;
const FIXTURE = fileURLToPath(new URL('../../fixtures/call_recordings/sess-a1b2c3_20260302_091504', import.meta.url));
const FIRST_START_MS = Date.UTC(2026, 0, 5, 8, 0, 0);

/** What generateTree wrote. */
export interface TreeInfo {
  sessions: number;
  files: number;
  bytes: number;
  wavSeconds: number;
}

const CALLER_LINES = [
  'I want to check the status of order {n}.',
  'My card ending {d} was charged twice.',
  'Can I move my appointment to {day} afternoon?',
  'The parcel for order {n} never arrived in {city}.',
  'I need to update the address on my account.',
  'Why is my bill higher this month?',
  'Please cancel the subscription I started on {day}.',
  'Yes, that is correct.',
  'No, the other one, order {n}.',
  'Can you send that to my e-mail instead?',
  'I already tried restarting it twice.',
  'Let me speak to a person please.',
];
const BOT_LINES = [
  'Thanks for calling, how can I help you today?',
  'Let me look that up for you.',
  'I found order {n}; it shipped on {day}.',
  'I can see a charge of {d} dollars on that card.',
  'Your appointment is now on {day} at {d} past two.',
  'I have sent a confirmation to the e-mail on file.',
  'Is there anything else I can help with?',
  'I am sorry about that, I will open a ticket.',
  'Could you confirm the postcode for {city}?',
  'One moment while I check with the billing system.',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const CITIES = ['Zürich', 'Leeds', 'Porto', 'Austin', 'Gdańsk', 'Osaka', 'Lyon', 'Denver'];

/** Small deterministic PRNG (mulberry32), so every run writes the same tree. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function fill(rand: () => number, line: string): string {
  return line
    .replaceAll('{n}', String(10000 + Math.floor(rand() * 89999)))
    .replaceAll('{d}', String(10 + Math.floor(rand() * 89)))
    .replaceAll('{day}', pick(rand, DAYS))
    .replaceAll('{city}', pick(rand, CITIES));
}

/** A canonical PCM WAV around interleaved 16-bit samples, written by the fixture generator's encoder. */
function pcmWav(channels: number, data: Buffer): Buffer {
  const samples = new Int16Array(data.length / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(i * 2);
  return encodeWav(samples, channels, RATE);
}

/** The three WAVs every session gets: the fixture's caller and bot speech cut to `seconds`, plus their stereo mix. */
function buildWavs(seconds: number): { stereo: Buffer; caller: Buffer; bot: Buffer } {
  const frames = Math.round(seconds * RATE);
  const side = (name: string): Buffer => {
    const pcm = readFileSync(join(FIXTURE, name)).subarray(HEADER_BYTES);
    if (pcm.length < frames * 2) throw new Error(`${name} in the fixture is shorter than ${seconds} s`);
    return pcm.subarray(0, frames * 2);
  };
  const caller = side('caller_audio.wav');
  const bot = side('bot_audio.wav');
  const stereo = Buffer.alloc(frames * 4);
  for (let f = 0; f < frames; f++) {
    stereo.writeInt16LE(caller.readInt16LE(f * 2), f * 4);
    stereo.writeInt16LE(bot.readInt16LE(f * 2), f * 4 + 2);
  }
  return { stereo: pcmWav(2, stereo), caller: pcmWav(1, caller), bot: pcmWav(1, bot) };
}

const iso = (ms: number): string => new Date(ms).toISOString();
const pad = (n: number): string => String(n).padStart(2, '0');

/** `{session_id}_{YYYYMMDD_HHMMSS}` for a start time, read as UTC like the recorder writes it. */
function folderName(sessionId: string, startMs: number): string {
  const d = new Date(startMs);
  return `${sessionId}_${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** The four JSON side files of session `i`, with text that differs from session to session. */
function sessionJson(i: number, sessionId: string, startMs: number, seconds: number): Record<string, unknown> {
  const rand = rng(i + 1);
  const durationMs = Math.round(seconds * 1000);
  const slot = durationMs / 10;
  const entries = Array.from({ length: 10 }, (_, k) => {
    const caller = k % 2 === 1;
    return {
      timestamp: iso(startMs + Math.round(k * slot)),
      channel: caller ? 'caller' : 'bot',
      type: 'transcript',
      text: fill(rand, pick(rand, caller ? CALLER_LINES : BOT_LINES)),
      confidence: Math.round((0.8 + rand() * 0.2) * 100) / 100,
      duration_ms: Math.round(slot - 20),
    };
  });
  const orderId = String(10000 + i);
  const fcAt = [startMs + Math.round(durationMs * 0.3), startMs + Math.round(durationMs * 0.6)];
  const functionCalls = [
    { timestamp: iso(fcAt[0]!), function_name: 'lookup_order', arguments: { order_id: orderId }, result: { status: pick(rand, ['delivered', 'shipped', 'pending']) }, call_id: 'fc_01' },
    { timestamp: iso(fcAt[1]!), function_name: 'issue_refund', arguments: { order_id: orderId, reason: 'customer_request' }, result: { ok: rand() < 0.5 }, call_id: 'fc_02' },
  ];
  const speech = () => ({ rms_dbfs: -20 - Math.round(rand() * 80) / 10, peak_dbfs: -3 - Math.round(rand() * 30) / 10, speech_seconds: Math.round(seconds * 40) / 100 });
  return {
    'transcript.json': { conversation_id: `conv-${(i * 2654435761) >>> 0}`, session_id: sessionId, start_time: iso(startMs), end_time: iso(startMs + durationMs), entries },
    'call_metadata.json': { session_id: sessionId, duration_seconds: seconds, audio_statistics: { sample_rate: RATE, caller: speech(), bot: speech() }, function_calls: functionCalls },
    'session_events.json': [
      { timestamp: iso(startMs), type: 'session_started', data: { session_id: sessionId, sample_rate: RATE } },
      { timestamp: iso(startMs + 120), type: 'caller_connected', data: { direction: 'inbound' } },
      ...functionCalls.map((fc) => ({ timestamp: fc.timestamp, type: 'function_call', data: { call_id: fc.call_id, function_name: fc.function_name } })),
      { timestamp: iso(startMs + durationMs), type: 'session_ended', data: { reason: 'caller_hangup', duration_seconds: seconds } },
    ],
  };
}

/** Writes `count` recorder sessions under `root` (created if needed), each with `wavSeconds` of audio. */
export function generateTree(root: string, count: number, wavSeconds: number): TreeInfo {
  const wavs = buildWavs(wavSeconds);
  mkdirSync(root, { recursive: true });
  let files = 0;
  let bytes = 0;
  const write = (path: string, data: Buffer | string) => {
    writeFileSync(path, data);
    files++;
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  };
  for (let i = 0; i < count; i++) {
    const sessionId = `bench-${i.toString(36).padStart(4, '0')}`;
    // Calls spread over the weeks, roughly 7 minutes apart.
    const startMs = FIRST_START_MS + i * 7 * 60_000 + (i % 60) * 1000;
    const dir = join(root, folderName(sessionId, startMs));
    mkdirSync(dir);
    write(join(dir, 'final_stereo_recording.wav'), wavs.stereo);
    write(join(dir, 'caller_audio.wav'), wavs.caller);
    write(join(dir, 'bot_audio.wav'), wavs.bot);
    for (const [name, value] of Object.entries(sessionJson(i, sessionId, startMs, wavSeconds))) {
      write(join(dir, name), JSON.stringify(value, null, 2));
    }
  }
  return { sessions: count, files, bytes, wavSeconds };
}
