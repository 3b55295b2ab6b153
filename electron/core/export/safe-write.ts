import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Thrown when a file to write exists already and overwriting was not allowed. */
export class FileExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} exists already.`);
    this.name = 'FileExistsError';
  }
}

/**
 * Writes a file through a temporary sibling renamed into place, so a reader never sees half a file.
 * Without `overwrite` the final name is first claimed with an exclusive create, so an existing file
 * (or one another writer created meanwhile) is never replaced. Returns the file's size.
 */
export async function writeAtomic(path: string, overwrite: boolean, produce: (tmp: string) => Promise<void>): Promise<number> {
  let claimed = false;
  if (!overwrite) {
    try {
      await (await open(path, 'wx')).close();
      claimed = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(path);
      throw err;
    }
  }
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.part`);
  try {
    await produce(tmp);
    await rename(tmp, path);
    return (await stat(path)).size;
  } catch (err) {
    await rm(tmp, { force: true });
    if (claimed) await rm(path, { force: true });
    throw err;
  }
}

/** Writes text (UTF-8) or bytes atomically; see writeAtomic. */
export function writeContent(path: string, overwrite: boolean, content: string | Buffer): Promise<number> {
  return writeAtomic(path, overwrite, (tmp) => writeFile(tmp, content));
}

/** Which of the paths exist (as anything: file, folder, link). */
export async function existing(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    if (await lstat(p).then(() => true, () => false)) found.push(p);
  }
  return found;
}
