/**
 * Builds call recorder folders on disk for import tests: temp dirs, copies of the committed
 * fixture sessions, and hand-made sessions with whatever (broken) files a test needs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The committed `call_recordings/` folder with its three sessions. */
export const FIXTURE_RECORDINGS = path.join(REPO_ROOT, 'test', 'fixtures', 'call_recordings');

/** The committed session names, in start-time order. */
export const FIXTURE_SESSIONS = ['sess-a1b2c3_20260302_091504', 'sess-7f3k9d_20260311_144237', 'sess-q4m8z2_20260421_160351'] as const;

/** A fixture session's folder name. */
export type FixtureSession = (typeof FIXTURE_SESSIONS)[number];

/** Creates a fresh temp dir and returns its real path (imports store canonical paths). */
export function makeTempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Copies a fixture session into `destRoot` (under `asName` when given) and returns the new folder. */
export function copySession(session: FixtureSession, destRoot: string, asName: string = session): string {
  const dest = path.join(destRoot, asName);
  fs.cpSync(path.join(FIXTURE_RECORDINGS, session), dest, { recursive: true });
  return dest;
}

/** Reads a file of a fixture session as UTF-8 text. */
export function fixtureText(session: FixtureSession, file: string): string {
  return fs.readFileSync(path.join(FIXTURE_RECORDINGS, session, file), 'utf8');
}

/** Writes (or overwrites) files in the session folder `root/name`; names may contain `/`. Returns the folder. */
export function writeSession(root: string, name: string, files: Record<string, Buffer | string>): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return dir;
}

/** Bytes of an MP3 file with an ID3v2 tag, as found behind a wrong `.wav` name. */
export function fakeMp3(): Buffer {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  // One MPEG-1 Layer III frame header (128 kbit/s, 44.1 kHz) followed by zeroed payload.
  const frame = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
  return Buffer.concat([id3, frame, frame]);
}

/** Resolves with `promise` or rejects with `what` once `ms` have passed (for imports that must not hang). */
export async function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns true or `ms` pass; returns whether it became true. */
export async function waitFor(check: () => boolean, ms: number, everyMs = 50): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return check();
}
