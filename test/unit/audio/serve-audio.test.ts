import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { answerAudio, pickFile, type AudioCore } from '../../../electron/core/audio/serve-audio.js';
import type { AudioRow } from '../../../electron/core/db/repos/audio-repo.js';
import type { CallRow } from '../../../electron/core/db/repos/calls-repo.js';

let nextId = 1;
function row(over: Partial<AudioRow>): AudioRow {
  return { id: nextId++, call_id: 1, variant: 'stereo', path: '/nowhere', size: 100, mtime_ms: 0, external_id: '', sha256: null, format: 'pcm', sample_rate: 8000, channels: 1, bits_per_sample: 16, duration_sec: 1, missing: 0, ...over };
}

function fakeCore(rows: AudioRow[], peaks?: AudioCore['peaks']): AudioCore & { refreshed: number } {
  const core = {
    refreshed: 0,
    peaks,
    repos: {
      calls: { row: (id: number) => (id === 1 ? ({ id } as CallRow) : null) },
      audio: { forCall: () => rows, refreshMissing: () => ((core.refreshed += 1), 1) },
    },
  };
  return core;
}

async function drain(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('pickFile', () => {
  it('prefers stereo, then mono, then caller for best, skipping missing files', () => {
    const caller = row({ variant: 'caller' });
    const mono = row({ variant: 'mono' });
    const stereoGone = row({ variant: 'stereo', missing: 1 });
    expect(pickFile([caller, mono, stereoGone], 'best')).toBe(mono);
    expect(pickFile([caller, stereoGone], 'best')).toBe(caller);
    expect(pickFile([row({ variant: 'agent' })], 'best')).toBeNull();
    expect(pickFile([stereoGone], 'stereo')).toBeNull();
  });

  it('takes the longest present recording among several of one variant', () => {
    const short = row({ duration_sec: 10 });
    const long = row({ duration_sec: 30 });
    const longestGone = row({ duration_sec: 90, missing: 1 });
    expect(pickFile([short, longestGone, long], 'stereo')).toBe(long);
  });
});

describe('answerAudio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cr-serve-'));

  it('never looks at a tail that is not an id and a variant', async () => {
    const core = fakeCore([row({ path: '/etc/passwd' })]);
    for (const tail of ['1/stereo/', '1/../stereo', '1/stereo%00', '/1/stereo', '1/STEREO', '2/stereo']) {
      expect((await answerAudio(core, tail)).status, tail).toBe(404);
    }
  });

  it('says mp3 files are audio/mpeg', async () => {
    const path = join(dir, 'a.mp3');
    writeFileSync(path, Buffer.alloc(10));
    const a = await answerAudio(fakeCore([row({ path, format: 'mp3' })]), '1/stereo', undefined, 'HEAD');
    expect(a.headers['content-type']).toBe('audio/mpeg');
    expect(a.body).toBeNull();
  });

  it('fails the stream, not hangs it, when the file shrinks while being served', async () => {
    const path = join(dir, 'b.wav');
    writeFileSync(path, Buffer.alloc(200_000, 7));
    const a = await answerAudio(fakeCore([row({ path })]), '1/stereo', 'bytes=0-99,150000-199999');
    expect(a.status).toBe(206);
    truncateSync(path, 1000);
    await expect(drain(a.body as Readable)).rejects.toThrow(/changed while it was being served/);
  });

  it('marks a vanished file missing and answers 404', async () => {
    const core = fakeCore([row({ path: join(dir, 'gone.wav') })]);
    expect((await answerAudio(core, '1/stereo')).status).toBe(404);
    expect(core.refreshed).toBe(1);
  });

  it('serves peaks from the peaks service, and 500 when it fails', async () => {
    const path = join(dir, 'c.wav');
    writeFileSync(path, Buffer.alloc(10));
    const ok = await answerAudio(fakeCore([row({ path })], { get: async () => Buffer.from('CRPK') }), '1/best/peaks');
    expect(ok).toMatchObject({ status: 200, headers: { 'content-type': 'application/octet-stream', 'content-length': '4' } });
    const bad = await answerAudio(fakeCore([row({ path })], { get: () => Promise.reject(new Error('boom')) }), '1/best/peaks');
    expect(bad.status).toBe(500);
    expect((await answerAudio(fakeCore([row({ path })]), '1/best/peaks')).status).toBe(503);
  });
});
