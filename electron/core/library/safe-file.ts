import { lstat, realpath, stat } from 'node:fs/promises';
import { join, relative, isAbsolute, sep } from 'node:path';

/** A file that is safe to open: regular, non-empty, and inside the folder it was found in. */
export interface SafeFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Either a usable file or the reason it is not (a human sentence without the path). */
export type FileCheck = { ok: true; file: SafeFile } | { ok: false; problem: string } | { ok: false; absent: true };

/** True when `child` is `root` or lies beneath it. */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Checks `dir/name` before anything opens it: a FIFO would block a read forever and a
 * symlink could lead outside the folder the reviewer chose.
 */
export async function checkFile(dir: string, name: string): Promise<FileCheck> {
  const path = join(dir, name);
  let info;
  try {
    info = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, absent: true };
    return { ok: false, problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  if (info.isSymbolicLink()) {
    let target: string;
    let realDir: string;
    try {
      [target, realDir] = await Promise.all([realpath(path), realpath(dir)]);
    } catch {
      return { ok: false, problem: 'is a symbolic link whose target does not exist' };
    }
    if (!isInside(realDir, target)) return { ok: false, problem: 'is a symbolic link pointing outside the folder; it was not followed' };
    info = await stat(path);
  }
  if (!info.isFile()) {
    const what = info.isFIFO() ? 'a FIFO (named pipe)' : info.isDirectory() ? 'a directory' : info.isSocket() ? 'a socket' : 'not a regular file';
    return { ok: false, problem: `is ${what}, not a file; it was skipped` };
  }
  if (info.size === 0) return { ok: false, problem: 'is empty (0 bytes)' };
  return { ok: true, file: { path, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) } };
}
