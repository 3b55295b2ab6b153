import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { Speaker } from '../../../shared/types.js';
import { readMp3Format, readMp3Frames } from '../audio/mp3.js';
import { pairFor, pickFile } from '../audio/serve-audio.js';
import type { DerivedFile, StereoPair } from '../audio/derived-stereo.js';
import { splitChannel, writeWav16, type AudioChunks } from '../audio/transforms.js';
import { readWavInfo } from '../audio/wav-header.js';
import { readWavFrames } from '../audio/wav-reader.js';
import type { Repos } from '../db/repos/index.js';
import { ExportError } from './export-data.js';
import { writeAtomic } from './safe-write.js';

/** Makes the stereo of a caller + agent pair (the core's DerivedStereoService). */
export interface DerivedSource {
  get(callId: number, pair: StereoPair): Promise<DerivedFile>;
}

/** The audio files a call's `wav` export writes: the file itself, then one per channel (none for one channel). */
export interface AudioPlan {
  /** Name suffixes of the per-channel files, in channel order (caller, agent, bot…; ch1, ch2 when roles repeat or are unknown). */
  channels: string[];
}

const Roles = z.array(Speaker).catch([]);

/** Channel file suffixes from the channel roles; a role that repeats or is missing falls back to ch<n>. */
function channelSuffixes(count: number, roles: readonly string[]): string[] {
  const named = Array.from({ length: count }, (_, i) => roles[i] ?? null);
  const unique = named.every((r, i) => r !== null && r !== 'unknown' && named.indexOf(r) === i);
  return named.map((r, i) => (unique ? r! : `ch${i + 1}`));
}

/** The call's channel roles as stored; damaged or missing roles read as none. */
function storedRoles(repos: Repos, callId: number): string[] {
  try {
    return Roles.parse(JSON.parse(repos.calls.row(callId)?.channel_roles ?? '[]'));
  } catch {
    return [];
  }
}

/** What a call's audio export will write, from the library alone (no file is read); null when the call has no audio. */
export function planAudio(repos: Repos, callId: number): AudioPlan | null {
  const rows = repos.audio.forCall(callId);
  if (pairFor(rows)) return { channels: ['caller', 'agent'] };
  const row = pickFile(rows, 'best');
  if (!row) return null;
  const channels = row.channels ?? 1;
  if (channels < 2) return { channels: [] };
  return { channels: channelSuffixes(channels, storedRoles(repos, callId)) };
}

/** The file `best` serves: the call's stereo (or mono, or caller) recording, or the derived stereo of its caller + agent pair. */
async function sourceOf(repos: Repos, derived: DerivedSource | undefined, callId: number): Promise<{ path: string; format: 'wav' | 'mp3' }> {
  const rows = repos.audio.forCall(callId);
  const pair = pairFor(rows);
  if (pair) {
    if (!derived) throw new ExportError('This call has only separate caller and agent files, and no stereo can be made of them here.');
    const file = await derived.get(callId, pair);
    return { path: file.path, format: 'wav' };
  }
  const row = pickFile(rows, 'best');
  if (!row) throw new ExportError(rows.length > 0 ? 'The audio file of this call is missing.' : 'This call has no audio.');
  if (!existsSync(row.path)) {
    // Flag it, so the library shows it and the next export can fall back to what is left.
    repos.audio.refreshMissing(callId, existsSync);
    throw new ExportError(`The audio file ${basename(row.path)} is missing.`);
  }
  return { path: row.path, format: row.format === 'mp3' ? 'mp3' : 'wav' };
}

/**
 * Writes a call's audio: the stereo WAV that `best` serves (copied byte for byte; an MP3 is decoded to
 * 16-bit WAV), then each channel as its own 16-bit WAV, streamed from the source; `paths` come from planAudio.
 */
export async function writeCallAudio(
  repos: Repos,
  derived: DerivedSource | undefined,
  callId: number,
  paths: { main: string; channels: string[] },
  overwrite: boolean,
): Promise<number[]> {
  const src = await sourceOf(repos, derived, callId);
  const sampleRate = src.format === 'mp3' ? (await readMp3Format(src.path)).sampleRate : (await readWavInfo(src.path)).sampleRate;
  const frames = (): AudioChunks => (src.format === 'mp3' ? readMp3Frames(src.path) : readWavFrames(src.path));
  const sizes = [
    await writeAtomic(paths.main, overwrite, async (tmp) => {
      if (src.format === 'wav') await copyFile(src.path, tmp);
      else await writeWav16(tmp, frames(), sampleRate);
    }),
  ];
  for (const [ch, path] of paths.channels.entries()) {
    sizes.push(
      await writeAtomic(path, overwrite, async (tmp) => {
        await writeWav16(tmp, splitChannel(frames(), ch), sampleRate);
      }),
    );
  }
  return sizes;
}
