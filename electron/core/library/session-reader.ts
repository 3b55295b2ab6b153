import { basename } from 'node:path';
import type { Speaker } from '../../../shared/types.js';
import { Mp3Error, readMp3Info } from '../audio/mp3.js';
import { readWavInfo, WavError } from '../audio/wav-header.js';
import type { ParsedActivity, ParsedAudio, ParsedCall, ParsedSegment } from './parsed-call.js';
import {
  RecorderEntry,
  RecorderFunctionCall,
  RecorderMetadata,
  RecorderSessionEvent,
  RecorderSessionEvents,
  RecorderTranscript,
  describeZodError,
  instantToMs,
  readJsonFile,
} from './recorder-json.js';
import { checkFile } from './safe-file.js';

const SESSION_NAME = /^(.+)_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/;
/** Files the call recorder writes; their presence marks a folder as a session. */
export const RECORDER_FILES = [
  'final_stereo_recording.wav',
  'stereo_recording.wav',
  'caller_audio.wav',
  'bot_audio.wav',
  'transcript.json',
  'call_metadata.json',
  'session_events.json',
] as const;
const CHANNELS: Record<string, { speaker: Speaker; channel: number }> = {
  caller: { speaker: 'caller', channel: 0 },
  user: { speaker: 'caller', channel: 0 },
  bot: { speaker: 'bot', channel: 1 },
  agent: { speaker: 'bot', channel: 1 },
  assistant: { speaker: 'bot', channel: 1 },
};
const SKIPPED_TYPES = new Set(['partial', 'interim']);

/** Splits `{session_id}_{YYYYMMDD_HHMMSS}` into its parts; the time is read as UTC. */
export function parseSessionName(name: string): { sessionId: string; startMs: number } | null {
  const m = SESSION_NAME.exec(name);
  if (!m) return null;
  const [, id, y, mo, d, h, mi, s] = m as unknown as [string, string, string, string, string, string, string, string];
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  return Number.isFinite(ms) ? { sessionId: id, startMs: ms } : null;
}

/** Reads one WAV (or, by its .mp3 name, one MP3), turning each problem into a warning instead of an error. */
export async function readAudio(dir: string, name: string, variant: ParsedAudio['variant'], warn: (m: string) => void): Promise<ParsedAudio | null> {
  const check = await checkFile(dir, name);
  if (!check.ok) {
    if (!('absent' in check)) warn(`${name} ${check.problem}`);
    return null;
  }
  try {
    // Chosen by name: the recorder's slots are all .wav, so an MP3 renamed .wav there stays a warning.
    const info = name.toLowerCase().endsWith('.mp3') ? await readMp3Info(check.file.path) : await readWavInfo(check.file.path);
    for (const w of info.warnings) warn(`${name}: ${w}`);
    return { variant, file: check.file, info };
  } catch (err) {
    warn(`${name}: ${err instanceof WavError || err instanceof Mp3Error ? err.message : `could not be read (${String(err)})`}`);
    return null;
  }
}

/** Reads a recorder session folder; every problem becomes a warning and the valid parts are kept. */
export async function readSession(dir: string, fingerprint: string): Promise<ParsedCall> {
  const name = basename(dir);
  const parsedName = parseSessionName(name);
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);

  const audio: ParsedAudio[] = [];
  const final = await readAudio(dir, 'final_stereo_recording.wav', 'stereo', warn);
  let stereo = final && final.info.channels >= 2 ? final : null;
  if (!stereo) {
    const other = await readAudio(dir, 'stereo_recording.wav', 'stereo', warn);
    if (other && other.info.channels >= 2) {
      stereo = other;
      if (final) warn('final_stereo_recording.wav has one channel; stereo_recording.wav is used instead');
    } else {
      // No two-channel file: a one-channel one still holds the call, so it is kept (the final one first).
      const mono = final ?? other;
      if (mono) {
        warn(`${basename(mono.file.path)} has one channel; it is used as a mono recording`);
        if (final && other) warn('stereo_recording.wav has one channel too; it was ignored');
        stereo = { ...mono, variant: 'mono' };
      }
    }
  }
  if (stereo) audio.push(stereo);
  const caller = await readAudio(dir, 'caller_audio.wav', 'caller', warn);
  const bot = await readAudio(dir, 'bot_audio.wav', 'agent', warn);
  if (caller) audio.push(caller);
  if (bot) audio.push(bot);

  const transcriptJson = await readJsonSide(dir, 'transcript.json', warn);
  const tr = transcriptJson === undefined ? null : RecorderTranscript.safeParse(transcriptJson);
  if (tr && !tr.success) warn(`transcript.json has the wrong shape (${describeZodError(tr.error)}); the transcript was not imported`);
  const transcriptData = tr?.success ? tr.data : null;

  const startMs =
    (transcriptData?.start_time !== undefined ? instantToMs(transcriptData.start_time, null) : null) ?? parsedName?.startMs ?? null;
  const segments = transcriptData ? readEntries(transcriptData.entries, startMs, warn) : null;

  const metaJson = await readJsonSide(dir, 'call_metadata.json', warn);
  const meta = metaJson === undefined ? null : RecorderMetadata.safeParse(metaJson);
  if (meta && !meta.success) warn(`call_metadata.json has the wrong shape (${describeZodError(meta.error)}); it was ignored`);
  const activities: ParsedActivity[] = [];
  if (meta?.success) activities.push(...readFunctionCalls(meta.data.function_calls ?? [], startMs, warn));

  const eventsJson = await readJsonSide(dir, 'session_events.json', warn);
  if (eventsJson !== undefined) activities.push(...readSessionEvents(eventsJson, startMs, warn));

  const wavDuration = stereo?.info.durationSec ?? maxOf(audio.map((a) => a.info.durationSec));
  const lastEnd = segments && segments.length > 0 ? maxOf(segments.map((s) => s.end)) : null;
  const durationSec = wavDuration ?? (meta?.success ? meta.data.duration_seconds : undefined) ?? lastEnd;
  const endFromJson = transcriptData?.end_time !== undefined ? instantToMs(transcriptData.end_time, startMs) : null;
  const channels = stereo ? stereo.info.channels : caller && bot ? 2 : caller || bot ? 1 : null;

  return {
    importKey: `session:${name}`,
    unitPath: dir,
    externalId: name,
    folderPath: dir,
    groupId: parsedName?.sessionId ?? transcriptData?.session_id ?? name,
    startedAtMs: startMs,
    endedAtMs: endFromJson ?? (startMs !== null && durationSec != null ? startMs + durationSec * 1000 : null),
    durationSec: durationSec ?? null,
    channels,
    channelRoles: ['caller', 'bot'],
    audio,
    transcript: segments,
    activities,
    warnings,
    fingerprint,
  };
}

async function readJsonSide(dir: string, name: string, warn: (m: string) => void): Promise<unknown> {
  const check = await checkFile(dir, name);
  if (!check.ok) {
    if (!('absent' in check)) warn(`${name} ${check.problem}`);
    return undefined;
  }
  const read = await readJsonFile(check.file.path);
  if (!read.ok) {
    warn(`${name} ${read.problem}`);
    return undefined;
  }
  if (read.bom) warn(`${name} starts with a UTF-8 byte-order mark; it was ignored and the file read`);
  return read.value;
}

function readEntries(raw: unknown[], startMs: number | null, warn: (m: string) => void): ParsedSegment[] {
  const out: ParsedSegment[] = [];
  const problems: string[] = [];
  raw.forEach((item, i) => {
    const e = RecorderEntry.safeParse(item);
    if (!e.success) return void problems.push(`entries.${i}: ${describeZodError(e.error)}`);
    if (e.data.type && SKIPPED_TYPES.has(e.data.type)) return;
    const ch = Object.prototype.hasOwnProperty.call(CHANNELS, e.data.channel) ? CHANNELS[e.data.channel] : undefined;
    if (!ch) return void problems.push(`entries.${i}: unknown channel ${JSON.stringify(e.data.channel.slice(0, 40))}`);
    const at = instantToMs(e.data.timestamp, startMs);
    if (at === null || startMs === null) return void problems.push(`entries.${i}: timestamp cannot be placed in the call`);
    const text = e.data.text.trim();
    if (text === '') return;
    const start = Math.max(0, (at - startMs) / 1000);
    const dur = e.data.duration_ms != null ? e.data.duration_ms / 1000 : Math.max(0.5, text.split(/\s+/).length * 0.35);
    out.push({ speaker: ch.speaker, channel: ch.channel, start, end: start + dur, text, confidence: e.data.confidence ?? null });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('; ');
    warn(`transcript.json: ${problems.length} entr${problems.length === 1 ? 'y was' : 'ies were'} skipped (${shown}${problems.length > 3 ? '; …' : ''})`);
  }
  return out.sort((a, b) => a.start - b.start || a.channel! - b.channel!);
}

function readFunctionCalls(raw: unknown[], startMs: number | null, warn: (m: string) => void): ParsedActivity[] {
  const out: ParsedActivity[] = [];
  let bad = 0;
  for (const item of raw) {
    const f = RecorderFunctionCall.safeParse(item);
    if (!f.success) {
      bad++;
      continue;
    }
    const at = instantToMs(f.data.timestamp, startMs);
    out.push({
      type: 'function_call',
      atMs: at,
      offsetSec: at !== null && startMs !== null ? Math.max(0, (at - startMs) / 1000) : null,
      payload: { name: f.data.function_name, arguments: f.data.arguments ?? null, result: f.data.result ?? null, callId: f.data.call_id ?? null },
    });
  }
  if (bad > 0) warn(`call_metadata.json: ${bad} function call${bad === 1 ? '' : 's'} with the wrong shape were skipped`);
  return out;
}

function readSessionEvents(raw: unknown, startMs: number | null, warn: (m: string) => void): ParsedActivity[] {
  const parsed = RecorderSessionEvents.safeParse(raw);
  if (!parsed.success) {
    warn('session_events.json is neither a list of events nor {events: [...]}; it was ignored');
    return [];
  }
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.events;
  const out: ParsedActivity[] = [];
  let bad = 0;
  for (const item of list) {
    const ev = RecorderSessionEvent.safeParse(item);
    const type = ev.success ? (ev.data.type ?? ev.data.event_type) : undefined;
    if (!ev.success || !type) {
      bad++;
      continue;
    }
    const at = instantToMs(ev.data.timestamp, startMs);
    out.push({
      type: 'session_event',
      atMs: at,
      offsetSec: at !== null && startMs !== null ? Math.max(0, (at - startMs) / 1000) : null,
      payload: { event: type, data: ev.data.data ?? null },
    });
  }
  if (bad > 0) warn(`session_events.json: ${bad} event${bad === 1 ? '' : 's'} with the wrong shape were skipped`);
  return out;
}

function maxOf(values: number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}
