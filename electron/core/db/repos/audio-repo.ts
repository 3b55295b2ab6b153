import type { AudioFileInfo, AudioVariant } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** A stored audio file row. */
export interface AudioRow {
  id: number;
  call_id: number;
  variant: AudioVariant;
  path: string;
  size: number;
  mtime_ms: number;
  external_id: string;
  sha256: string | null;
  format: string | null;
  sample_rate: number | null;
  channels: number | null;
  bits_per_sample: number | null;
  duration_sec: number | null;
  missing: number;
}

/** What an import knows of an audio file. */
export interface AudioWrite {
  variant: AudioVariant;
  path: string;
  size: number;
  mtimeMs: number;
  format: string;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  durationSec: number;
}

/** Reads and writes a call's audio files. */
export class AudioRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** All audio rows of a call. */
  forCall(callId: number): AudioRow[] {
    return this.sql(`SELECT * FROM audio_files WHERE call_id = ? ORDER BY variant`).all(callId) as AudioRow[];
  }

  /** Writes a folder call's current files; an old variant whose file is gone stays, flagged missing. */
  replace(callId: number, files: AudioWrite[], fileExists: (path: string) => boolean): void {
    const keep = new Set(files.map((f) => f.variant));
    for (const old of this.forCall(callId)) {
      if (old.external_id !== '' || keep.has(old.variant)) continue;
      if (fileExists(old.path)) this.sql(`DELETE FROM audio_files WHERE id = ?`).run(old.id);
      else this.sql(`UPDATE audio_files SET missing = 1 WHERE id = ?`).run(old.id);
    }
    const up = this.sql(
      `INSERT INTO audio_files (call_id, variant, path, size, mtime_ms, format, sample_rate, channels, bits_per_sample, duration_sec, missing)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT (call_id, variant, external_id) DO UPDATE SET path = excluded.path, size = excluded.size, mtime_ms = excluded.mtime_ms,
         format = excluded.format, sample_rate = excluded.sample_rate, channels = excluded.channels,
         bits_per_sample = excluded.bits_per_sample, duration_sec = excluded.duration_sec, missing = 0,
         sha256 = CASE WHEN audio_files.size = excluded.size AND audio_files.mtime_ms = excluded.mtime_ms THEN audio_files.sha256 END`,
    );
    for (const f of files) up.run(callId, f.variant, f.path, f.size, f.mtimeMs, f.format, f.sampleRate, f.channels, f.bitsPerSample, f.durationSec);
  }

  /** Records one downloaded, verified file of a remote recording (idempotent by its external id). */
  upsertRemote(callId: number, externalId: string, f: AudioWrite & { sha256: string }): void {
    this.sql(
      `INSERT INTO audio_files (call_id, variant, path, external_id, size, mtime_ms, sha256, format, sample_rate, channels, bits_per_sample, duration_sec, missing)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT (call_id, variant, external_id) DO UPDATE SET path = excluded.path, size = excluded.size, mtime_ms = excluded.mtime_ms,
         sha256 = excluded.sha256, format = excluded.format, sample_rate = excluded.sample_rate, channels = excluded.channels,
         bits_per_sample = excluded.bits_per_sample, duration_sec = excluded.duration_sec, missing = 0`,
    ).run(callId, f.variant, f.path, externalId, f.size, f.mtimeMs, f.sha256, f.format, f.sampleRate, f.channels, f.bitsPerSample, f.durationSec);
  }

  /** One file's path and format by id (what peaks need), or undefined. */
  file(id: number): { id: number; path: string; format: string | null } | undefined {
    return this.sql(`SELECT id, path, format FROM audio_files WHERE id = ?`).get(id) as { id: number; path: string; format: string | null } | undefined;
  }

  /** Every file not flagged missing, with the size and mtime that version its derived data. */
  files(): { id: number; path: string; format: string | null; size: number; mtimeMs: number }[] {
    return this.sql(`SELECT id, path, format, size, mtime_ms AS mtimeMs FROM audio_files WHERE missing = 0 ORDER BY id`).all() as {
      id: number;
      path: string;
      format: string | null;
      size: number;
      mtimeMs: number;
    }[];
  }

  /** Every row of every call that is not flagged missing (what background work derived from calls' files reads). */
  present(): AudioRow[] {
    return this.sql(`SELECT * FROM audio_files WHERE missing = 0 ORDER BY call_id, id`).all() as AudioRow[];
  }

  /** Flags or clears the missing mark of every file of a call by checking the disk; returns how many changed. */
  refreshMissing(callId: number, fileExists: (path: string) => boolean): number {
    let changed = 0;
    const set = this.sql(`UPDATE audio_files SET missing = ? WHERE id = ?`);
    for (const row of this.forCall(callId)) {
      const missing = fileExists(row.path) ? 0 : 1;
      if (missing !== row.missing) changed += set.run(missing, row.id).changes;
    }
    return changed;
  }
}

/** The renderer's view of an audio row: the file name only, never a path to open. */
export function toAudioInfo(r: AudioRow): AudioFileInfo {
  return {
    id: r.id,
    variant: r.variant,
    fileName: r.path.split(/[\\/]/).pop() ?? r.path,
    format: r.format,
    sampleRate: r.sample_rate,
    channels: r.channels,
    bitsPerSample: r.bits_per_sample,
    durationSec: r.duration_sec,
    sizeBytes: r.size,
    missing: r.missing === 1,
  };
}
