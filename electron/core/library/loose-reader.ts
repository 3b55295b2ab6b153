import { basename, dirname } from 'node:path';
import type { ParsedCall } from './parsed-call.js';
import { readAudio } from './session-reader.js';

/** Reads a loose WAV or MP3 file as an audio-only call; returns the reasons when it cannot be one. */
export async function readLooseFile(path: string, fingerprint: string): Promise<ParsedCall | { problems: string[] }> {
  const warnings: string[] = [];
  const name = basename(path);
  const audio = await readAudio(dirname(path), name, 'stereo', (m) => warnings.push(m));
  if (!audio) return { problems: warnings.length > 0 ? warnings : [`${name} could not be read`] };
  const stereo = audio.info.channels >= 2;
  const parsed = stereo ? audio : { ...audio, variant: 'mono' as const };
  const startedAtMs = audio.file.mtimeMs - audio.info.durationSec * 1000;
  return {
    importKey: `file:${path}`,
    unitPath: path,
    externalId: name,
    folderPath: dirname(path),
    groupId: `file:${name}`,
    startedAtMs,
    endedAtMs: audio.file.mtimeMs,
    durationSec: audio.info.durationSec,
    channels: audio.info.channels,
    // A loose stereo file follows the recorder's convention: left is the caller.
    channelRoles: stereo ? ['caller', 'agent'] : ['unknown'],
    audio: [parsed],
    transcript: null,
    activities: [],
    warnings,
    fingerprint,
  };
}
