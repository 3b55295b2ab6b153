import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { RECORDER_FILES, parseSessionName } from './session-reader.js';

/** One thing an import turns into a call, or a reason a path could not be. */
export type ImportUnit =
  | { kind: 'session'; path: string; fingerprint: string }
  | { kind: 'loose'; path: string; fingerprint: string }
  | { kind: 'problem'; path: string; message: string };

const AUDIO_EXT = new Set(['.wav', '.wave', '.mp3']);
const LATER_AUDIO_EXT = new Set(['.m4a', '.ogg', '.opus', '.flac', '.aac', '.webm']);
const MAX_DEPTH = 4;
const WALK_CONCURRENCY = 32;

/** Walks a folder (or takes one file) and lists the sessions and loose recordings in it, with cheap fingerprints. */
export async function findUnits(root: string): Promise<ImportUnit[]> {
  const units: ImportUnit[] = [];
  let info;
  try {
    info = await lstat(root);
  } catch (err) {
    return [{ kind: 'problem', path: root, message: `cannot be opened (${(err as NodeJS.ErrnoException).code ?? String(err)})` }];
  }
  if (info.isFile()) {
    units.push(looseOrProblem(root, info.size, info.mtimeMs));
    return units;
  }
  if (!info.isDirectory()) return [{ kind: 'problem', path: root, message: 'is neither a folder nor a file' }];
  await walk(root, 0, units);
  // Folders are walked concurrently; a stable order keeps reports and new ids predictable.
  return units.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(dir: string, depth: number, units: ImportUnit[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    units.push({ kind: 'problem', path: dir, message: `cannot be listed (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
    return;
  }
  const names = new Set(entries.map((e) => e.name));
  if (parseSessionName(basename(dir)) || RECORDER_FILES.some((f) => names.has(f))) {
    units.push({ kind: 'session', path: dir, fingerprint: await fingerprintDir(dir, entries.map((e) => e.name)) });
    return;
  }
  const subdirs: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isSymbolicLink()) {
      if (AUDIO_EXT.has(extname(e.name).toLowerCase()) || !extname(e.name)) {
        units.push({ kind: 'problem', path, message: 'is a symbolic link; links are not followed outside session folders' });
      }
    } else if (e.isDirectory()) {
      if (depth + 1 > MAX_DEPTH) units.push({ kind: 'problem', path, message: `is nested deeper than ${MAX_DEPTH} levels; it was not scanned` });
      else subdirs.push(path);
    } else if (e.isFile()) {
      const ext = extname(e.name).toLowerCase();
      if (AUDIO_EXT.has(ext) || LATER_AUDIO_EXT.has(ext)) {
        const st = await lstat(path).catch(() => null);
        if (st) units.push(looseOrProblem(path, st.size, st.mtimeMs));
      }
    } else if (AUDIO_EXT.has(extname(e.name).toLowerCase())) {
      units.push({ kind: 'problem', path, message: 'is not a regular file (FIFO, socket or device); it was skipped' });
    }
  }
  // Many small folders: overlapping their readdir/lstat calls is what makes a rescan fast.
  for (let i = 0; i < subdirs.length; i += WALK_CONCURRENCY) {
    await Promise.all(subdirs.slice(i, i + WALK_CONCURRENCY).map((d) => walk(d, depth + 1, units)));
  }
}

function looseOrProblem(path: string, size: number, mtimeMs: number): ImportUnit {
  const ext = extname(path).toLowerCase();
  if (LATER_AUDIO_EXT.has(ext)) return { kind: 'problem', path, message: `is ${ext.slice(1).toUpperCase()} audio; this version imports WAV and MP3 recordings only` };
  return { kind: 'loose', path, fingerprint: `${size}:${Math.trunc(mtimeMs)}` };
}

/** Size + mtime of every entry: a changed or still-growing session gets a new fingerprint. */
async function fingerprintDir(dir: string, names: string[]): Promise<string> {
  const sorted = [...names].sort();
  const stats = await Promise.all(sorted.map((name) => lstat(join(dir, name)).catch(() => null)));
  const hash = createHash('sha1');
  sorted.forEach((name, i) => {
    const st = stats[i];
    hash.update(`${name}\0${st ? `${st.size}:${Math.trunc(st.mtimeMs)}:${st.mode}` : 'gone'}\n`);
  });
  return hash.digest('hex');
}
