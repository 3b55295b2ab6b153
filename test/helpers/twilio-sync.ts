/**
 * Twilio sync tests: a loopback FakeTwilio, a core over a temp data dir pointed at it, and
 * readers for what a sync leaves in SQLite and on disk.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../electron/core/app-core.js';
import { envCredentialStore } from '../../electron/core/library/twilio/credentials.js';
import type { RetryPolicy } from '../../electron/core/library/twilio/retry.js';
import { FakeTwilio } from '../fakes/twilio/fake-twilio.js';
import { makeTempDir } from './recorder-folder.js';

/** What a test may change about the core it gets. */
export interface TwilioCoreOptions {
  authToken?: string;
  baseUrl?: string;
  pageSize?: number;
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

/** A core over `dataDir` that talks to `fake` with short retry delays. */
export function twilioCore(fake: FakeTwilio, dataDir: string, o: TwilioCoreOptions = {}): Core {
  return createCore(dataDir, {
    credentials: envCredentialStore({ TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: o.authToken ?? fake.authToken }),
    twilio: {
      env: { TWILIO_API_BASE_URL: o.baseUrl ?? fake.baseUrl },
      retry: { baseDelayMs: 20, maxDelayMs: 200, ...o.retry },
      ...(o.pageSize !== undefined ? { pageSize: o.pageSize } : {}),
      concurrency: o.concurrency ?? 4,
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    },
  });
}

/** A started fake and a fresh data dir; `cleanup` stops and removes both. */
export interface TwilioWorld {
  fake: FakeTwilio;
  tmp: string;
  dataDir: string;
  cores: Core[];
  /** Opens (and remembers, for cleanup) a core over the data dir. */
  core(o?: TwilioCoreOptions): Core;
  cleanup(): Promise<void>;
}

/** Starts a fake Twilio and makes a temp data dir. */
export async function twilioWorld(prefix = 'cr-twilio-'): Promise<TwilioWorld> {
  const fake = await FakeTwilio.start();
  const tmp = makeTempDir(prefix);
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  const cores: Core[] = [];
  return {
    fake,
    tmp,
    dataDir,
    cores,
    core(o) {
      const c = twilioCore(fake, dataDir, o);
      cores.push(c);
      return c;
    },
    async cleanup() {
      for (const c of cores.splice(0)) {
        try {
          c.close();
        } catch {
          // already closed by the test
        }
      }
      await fake.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A twilio_recordings row (the repo's own type). */
import type { TwilioRecordingRow } from '../../electron/core/db/repos/twilio-repo.js';
export type RecordingRow = TwilioRecordingRow;

/** An audio_files row. */
export interface AudioFileRow {
  id: number;
  call_id: number;
  variant: string;
  path: string;
  external_id: string;
  size: number;
  sha256: string | null;
  channels: number | null;
  sample_rate: number | null;
  duration_sec: number | null;
  missing: number;
}

/** A calls row (the columns the tests look at). */
export interface CallDbRow {
  id: number;
  source: string;
  source_id: number | null;
  external_id: string;
  import_key: string;
  started_at: string | null;
  ended_at: string | null;
  duration_sec: number | null;
  direction: string | null;
  status: string | null;
  channels: number | null;
  channel_roles: string;
}

/** An activities row. */
export interface ActivityDbRow {
  id: number;
  call_id: number | null;
  type: string;
  origin: string;
  parent_activity_id: number | null;
  group_id: string | null;
  payload: string;
}

/** Typed reads of the tables a sync writes. */
export function dbRows(core: Core) {
  const db = core.repos.db;
  return {
    recordings: () => db.prepare(`SELECT * FROM twilio_recordings ORDER BY sid`).all() as RecordingRow[],
    recording: (sid: string) => db.prepare(`SELECT * FROM twilio_recordings WHERE sid = ?`).get(sid) as RecordingRow | undefined,
    audio: () => db.prepare(`SELECT * FROM audio_files ORDER BY external_id`).all() as AudioFileRow[],
    calls: () => db.prepare(`SELECT * FROM calls ORDER BY external_id`).all() as CallDbRow[],
    call: (callSid: string) => db.prepare(`SELECT * FROM calls WHERE external_id = ?`).get(callSid) as CallDbRow | undefined,
    activities: (callId?: number) =>
      (callId === undefined
        ? db.prepare(`SELECT * FROM activities ORDER BY id`).all()
        : db.prepare(`SELECT * FROM activities WHERE call_id = ? ORDER BY id`).all(callId)) as ActivityDbRow[],
    count: (table: 'twilio_recordings' | 'audio_files' | 'calls' | 'activities') => (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number),
  };
}

/** sha256 of a file, hex. */
export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file under `dir` (recursively, dot folders included), as absolute paths. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Files under `dir` that look like half-written downloads. */
export function partialFiles(dir: string): string[] {
  return filesUnder(dir).filter((f) => f.endsWith('.part') || f.split(path.sep).includes('.partial'));
}

/** The RIFF/WAVE header facts of a file: channels, sample rate, bits, and seconds of audio. */
export function wavFacts(file: string): { channels: number; sampleRate: number; bitsPerSample: number; durationSec: number; size: number } {
  const buf = fs.readFileSync(file);
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE') throw new Error(`${file}: not a WAV`);
  let channels = 0;
  let sampleRate = 0;
  let bitsPerSample = 0;
  for (let at = 12; at + 8 <= buf.length; ) {
    const id = buf.toString('latin1', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
      bitsPerSample = buf.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (body + size !== buf.length) throw new Error(`${file}: data chunk says ${size} bytes, the file has ${buf.length - body}`);
      return { channels, sampleRate, bitsPerSample, durationSec: size / (channels * (bitsPerSample / 8) * sampleRate), size: buf.length };
    }
    at = body + size + (size & 1);
  }
  throw new Error(`${file}: no data chunk`);
}
