import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { readWavInfo, type WavInfo } from '../../audio/wav-header.js';
import { describeNetworkError } from './http-client.js';
import { CredentialsRejected } from './twilio-api.js';
import { isTransientStatus, parseRetryAfter, TransientError, withRetry, type RetryPolicy } from './retry.js';

/** The media is gone on Twilio's side (404): the recording is marked missing, the sync goes on. */
export class MediaMissing extends Error {}

/** One verified media download. */
export interface DownloadRequest {
  url: string;
  authorization: string;
  partialDir: string;
  finalPath: string;
  expectChannels: number;
  expectDurationSec: number | null;
  fetch: typeof fetch;
  retry: RetryPolicy;
  /** A stalled body is abandoned after this long without a byte. */
  idleTimeoutMs: number;
  onBytes?: (n: number) => void;
  onRetry?: (message: string, delayMs: number) => void;
}

/** What ended up in the library. */
export interface DownloadResult {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
  info: WavInfo;
}

/** Duration agreement we accept between the file and the API (Twilio rounds to whole seconds). */
export function durationMatches(fileSec: number, apiSec: number | null): boolean {
  return apiSec === null || Math.abs(fileSec - apiSec) <= Math.max(1.5, apiSec * 0.02);
}

/**
 * Streams media to a temp file, checks size, header, channels and duration, fsyncs and only
 * then renames it into place: the library never holds a partial file.
 */
export async function downloadVerified(r: DownloadRequest): Promise<DownloadResult> {
  await mkdir(r.partialDir, { recursive: true });
  await mkdir(dirname(r.finalPath), { recursive: true });
  return withRetry(
    async () => {
      const tmp = join(r.partialDir, `${randomBytes(6).toString('hex')}.part`);
      try {
        const { size, sha256 } = await fetchToFile(r, tmp);
        const info = await readWavInfo(tmp).catch((err: unknown) => {
          throw new TransientError(`the download is not a readable WAV (${(err as Error).message})`);
        });
        if (info.channels !== r.expectChannels) throw new TransientError(`expected ${r.expectChannels} channel(s), the file has ${info.channels}`);
        if (!durationMatches(info.durationSec, r.expectDurationSec)) {
          throw new TransientError(`the file lasts ${info.durationSec.toFixed(1)} s but Twilio says ${r.expectDurationSec} s`);
        }
        await rename(tmp, r.finalPath);
        await fsyncDir(dirname(r.finalPath));
        const st = await stat(r.finalPath);
        return { path: r.finalPath, size, mtimeMs: Math.trunc(st.mtimeMs), sha256, info };
      } finally {
        await rm(tmp, { force: true });
      }
    },
    r.retry,
    (err, delay) => r.onRetry?.(err.message, delay),
  );
}

async function fetchToFile(r: DownloadRequest, tmp: string): Promise<{ size: number; sha256: string }> {
  const idle = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(new Error('timed out')), r.idleTimeoutMs);
  };
  arm();
  try {
    let res: Response;
    try {
      res = await r.fetch(r.url, { headers: { Authorization: r.authorization, Accept: 'audio/x-wav, audio/wav' }, signal: idle.signal });
    } catch (err) {
      throw new TransientError(`media request failed: ${describeNetworkError(err)}`);
    }
    if (res.status === 404) throw new MediaMissing('Twilio has no media for this recording (HTTP 404)');
    if (res.status === 401 || res.status === 403) throw new CredentialsRejected(`HTTP ${res.status} on media`);
    if (isTransientStatus(res.status)) throw new TransientError(`HTTP ${res.status} on media`, parseRetryAfter(res.headers.get('retry-after')));
    if (!res.ok || !res.body) throw new Error(`Twilio answered HTTP ${res.status} for the media`);
    const expected = Number(res.headers.get('content-length') ?? NaN);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        arm();
        size += chunk.length;
        hash.update(chunk);
        r.onBytes?.(chunk.length);
        cb(null, chunk);
      },
    });
    const out = createWriteStream(tmp, { flags: 'wx' });
    try {
      await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), meter, out);
    } catch (err) {
      throw new TransientError(`the download was cut off after ${size} bytes (${describeNetworkError(err)})`);
    }
    if (Number.isFinite(expected) && size !== expected) throw new TransientError(`the download ended at ${size} of ${expected} bytes`);
    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    return { size, sha256: hash.digest('hex') };
  } finally {
    clearTimeout(timer);
  }
}

async function fsyncDir(dir: string): Promise<void> {
  // Makes the rename durable; some platforms cannot open a directory, which is fine to skip.
  const fh = await open(dir, 'r').catch(() => null);
  if (!fh) return;
  try {
    await fh.sync().catch(() => undefined);
  } finally {
    await fh.close();
  }
}
