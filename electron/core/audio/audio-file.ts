import { open, stat, constants, type FileHandle } from 'node:fs/promises';

/** Why an audio file could not be opened, as a plain sentence without the path (the caller adds it). */
export class AudioFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AudioFileError';
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'The file does not exist.',
  EACCES: 'Permission denied: the file cannot be read.',
  EPERM: 'Permission denied: the file cannot be read.',
  EISDIR: 'It is a directory, not a regular file.',
  ELOOP: 'It is a symbolic link loop, not a regular file.',
  EIO: 'The disk reported an I/O error while reading the file.',
};

/** A human sentence for a file-system error. */
export function fsProblem(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return REASONS[code] ?? `The file could not be read${code ? ` (${code})` : ''}.`;
}

/** Says what a non-regular file is (directory, FIFO, socket, device). */
export function describeIrregular(st: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  const kind = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket' : 'a device or special file';
  return `It is ${kind}, not a regular file.`;
}

/** Opens a regular file for reading; a FIFO, device or directory is refused before it can block. */
export async function openRegular(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle | undefined;
  try {
    const before = await stat(path);
    if (!before.isFile()) throw new AudioFileError(describeIrregular(before));
    // O_NONBLOCK closes the race where the path is swapped for a FIFO after the stat.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = await handle.stat();
    if (!st.isFile()) throw new AudioFileError(describeIrregular(st));
    return { handle, size: st.size };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    throw err instanceof AudioFileError ? err : new AudioFileError(fsProblem(err), { cause: err });
  }
}

/** Reads up to `length` bytes at `position`; returns fewer only at end of file. */
export async function readAt(handle: FileHandle, position: number, length: number, into?: Buffer): Promise<Buffer> {
  const buf = into && into.length >= length ? into : Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}
