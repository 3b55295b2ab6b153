/**
 * The fake's recording media: real 8 kHz speech WAVs of the right length and layout, MP3,
 * 404s for media that does not exist, and the cut/slow/fault knobs a download must survive.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readWavInfo, sniffAudio } from '../../../electron/core/audio/wav-header.js';
import { FakeTwilio } from '../../fakes/twilio/fake-twilio.js';
import { makeTempDir } from '../../helpers/recorder-folder.js';

let fake: FakeTwilio;
let dir: string;

const mediaPath = (sid: string, suffix = '.wav'): string => `/2010-04-01/Accounts/${fake.accountSid}/Recordings/${sid}${suffix}`;

function download(p: string, method = 'GET'): Promise<Response> {
  return fetch(`${fake.baseUrl}${p}`, { method, headers: { Authorization: `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}` } });
}

/** Saves a body to disk and reads its header with the app's own WAV parser. */
async function wavInfoOf(res: Response, name: string): Promise<Awaited<ReturnType<typeof readWavInfo>>> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return readWavInfo(file);
}

/** RMS of one channel of a 16-bit interleaved WAV body (after the 44-byte header). */
function rms(wav: Buffer, channels: number, channel: number): number {
  let sum = 0;
  let n = 0;
  for (let at = 44 + channel * 2; at + 2 <= wav.length; at += channels * 2, n++) sum += wav.readInt16LE(at) ** 2;
  return Math.sqrt(sum / Math.max(n, 1));
}

beforeAll(() => {
  dir = makeTempDir('fake-twilio-media-');
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  fake = await FakeTwilio.start();
});

afterEach(async () => {
  await fake.stop();
});

describe('FakeTwilio media', () => {
  it('gives a dual-channel 8 kHz WAV of the recording duration with RequestedChannels=2', async () => {
    const rec = fake.addRecording({ channels: 2, durationSec: 23 });
    const res = await download(`${mediaPath(rec.sid)}?RequestedChannels=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/x-wav');
    const bytes = Buffer.from(await res.clone().arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const info = await wavInfoOf(res, 'dual.wav');
    expect(info).toMatchObject({ channels: 2, sampleRate: 8000, bitsPerSample: 16, sampleFormat: 'pcm', warnings: [] });
    expect(Math.abs(info.durationSec - Number(rec.durationSec))).toBeLessThan(0.1);
    // Real speech on both sides, and the sides differ (caller left, the other party right).
    expect(rms(bytes, 2, 0)).toBeGreaterThan(300);
    expect(rms(bytes, 2, 1)).toBeGreaterThan(300);
    let differing = 0;
    for (let at = 44; at + 4 <= bytes.length; at += 4) if (bytes.readInt16LE(at) !== bytes.readInt16LE(at + 2)) differing++;
    expect(differing / info.frames).toBeGreaterThan(0.5);
    expect(bytes.equals(fake.mediaBytes(rec.sid, 'wav', 2))).toBe(true);
  });

  it('mixes down to mono by default, without extension, and for mono recordings', async () => {
    const dual = fake.addRecording({ channels: 2, durationSec: 5 });
    const mono = fake.addRecording({ channels: 1, durationSec: 4 });
    expect((await wavInfoOf(await download(mediaPath(dual.sid)), 'mix.wav')).channels).toBe(1);
    const bare = await wavInfoOf(await download(mediaPath(dual.sid, '')), 'bare.wav');
    expect(bare).toMatchObject({ channels: 1, sampleRate: 8000 });
    expect(Math.abs(bare.durationSec - 5)).toBeLessThan(0.1);
    expect((await wavInfoOf(await download(`${mediaPath(mono.sid)}?RequestedChannels=2`), 'mono.wav')).channels).toBe(1);
  });

  it('serves an MP3 for .mp3 and headers only for HEAD', async () => {
    const rec = fake.addRecording({ durationSec: 12 });
    const res = await download(mediaPath(rec.sid, '.mp3'));
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    const mp3 = Buffer.from(await res.arrayBuffer());
    expect(sniffAudio(mp3.subarray(0, 16))).toBe('mp3');
    expect(mp3.length).toBeGreaterThan(12 * 1900); // 16 kbit/s ≈ 2 kB/s
    const head = await download(mediaPath(rec.sid), 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(fake.mediaBytes(rec.sid).length);
  });

  it('answers 404 with Twilio JSON for unknown, absent and deleted recordings', async () => {
    const absent = fake.addRecording({ status: 'absent' });
    const gone = fake.addRecording();
    expect((await download(`/2010-04-01/Accounts/${fake.accountSid}/Recordings/${gone.sid}.json`, 'DELETE')).status).toBe(204);
    for (const sid of [`RE${'f'.repeat(32)}`, absent.sid, gone.sid]) {
      const res = await download(mediaPath(sid));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 20404, status: 404 });
    }
  });

  it('cutMedia sends the full Content-Length, fewer bytes, then drops the connection', async () => {
    const rec = fake.addRecording({ channels: 2, durationSec: 10 });
    fake.cutMedia(50_000);
    const res = await download(`${mediaPath(rec.sid)}?RequestedChannels=2`);
    expect(res.status).toBe(200);
    const declared = Number(res.headers.get('content-length'));
    expect(declared).toBe(10 * 8000 * 4 + 44);
    const reader = res.body?.getReader();
    let received = 0;
    let failure: unknown = null;
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        received += chunk.value.length;
      }
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(Error);
    expect(received).toBe(50_000);
    expect(received).toBeLessThan(declared);
    // Only the next download is cut.
    expect((await (await download(mediaPath(rec.sid))).arrayBuffer()).byteLength).toBe(fake.mediaBytes(rec.sid).length);
  });

  it('slowMedia stalls between chunks', async () => {
    const rec = fake.addRecording({ channels: 2, durationSec: 3 }); // 96 kB = 6 chunks of 16 KiB
    fake.slowMedia(40);
    const t0 = performance.now();
    const body = await (await download(`${mediaPath(rec.sid)}?RequestedChannels=2`)).arrayBuffer();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(5 * 40 - 10);
    expect(body.byteLength).toBe(3 * 8000 * 4 + 44);
  });

  it('media faults: 429 with Retry-After, logged with kind media', async () => {
    const rec = fake.addRecording();
    fake.fail('media', { status: 429, retryAfterSec: 2 });
    const limited = await download(mediaPath(rec.sid));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({ code: 20429 });
    expect((await download(mediaPath(rec.sid))).status).toBe(200);
    expect(fake.requests.map((r) => [r.kind, r.status, r.path])).toEqual([
      ['media', 429, mediaPath(rec.sid)],
      ['media', 200, mediaPath(rec.sid)],
    ]);
  });
});
