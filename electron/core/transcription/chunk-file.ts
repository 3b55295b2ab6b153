import { open, rm, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { wavHeader16 } from '../audio/transforms.js';

const HEADER_BYTES = 44;
/** Int16Array writes host order; every machine Node ships for is little-endian, but stay correct if not. */
const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** One mono 16-bit WAV being written sample block by sample block; the header sizes are patched in at close. */
export class ChunkFile {
  private frames = 0;

  private constructor(
    readonly path: string,
    private handle: FileHandle | undefined,
    private readonly sampleRate: number,
  ) {}

  /** Creates (or truncates) the file and reserves its header. */
  static async create(path: string, sampleRate: number): Promise<ChunkFile> {
    const handle = await open(path, 'w');
    try {
      await handle.write(Buffer.alloc(HEADER_BYTES), 0, HEADER_BYTES, 0);
    } catch (err) {
      await handle.close().catch(() => undefined);
      await rm(path, { force: true });
      throw err;
    }
    return new ChunkFile(path, handle, sampleRate);
  }

  /** Samples written so far. */
  get frameCount(): number {
    return this.frames;
  }

  /** Appends -1..1 samples as 16-bit PCM, scaled like writeWav16 so int16 sources round-trip exactly. */
  async append(x: Float32Array): Promise<void> {
    if (x.length === 0) return;
    const handle = this.open();
    const out = Buffer.from(new ArrayBuffer(x.length * 2));
    const view = LITTLE_ENDIAN_HOST ? new Int16Array(out.buffer, 0, x.length) : undefined;
    for (let i = 0; i < x.length; i++) {
      const v = Math.max(-32768, Math.min(32767, Math.round(x[i]! * 32768)));
      if (view) view[i] = v;
      else out.writeInt16LE(v, i * 2);
    }
    await handle.write(out, 0, out.length, HEADER_BYTES + this.frames * 2);
    this.frames += x.length;
  }

  /** Writes the real header and closes the file; returns its size in bytes. */
  async close(): Promise<number> {
    const handle = this.open();
    const header = wavHeader16(1, this.sampleRate, this.frames * 2);
    await handle.write(header, 0, header.length, 0);
    this.handle = undefined;
    await handle.close();
    return HEADER_BYTES + this.frames * 2;
  }

  /** Closes (if still open) and deletes the file: a chunk that was not finished must not be mistaken for one. */
  async discard(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
    await rm(this.path, { force: true });
  }

  private open(): FileHandle {
    if (!this.handle) throw new Error('The chunk file is already closed.');
    return this.handle;
  }
}
