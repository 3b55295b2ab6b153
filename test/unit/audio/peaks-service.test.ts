import { describe, it, expect, afterAll, beforeEach } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { decodePeaks } from '../../../shared/audio.js';
import { PeaksError, PeaksService, type PeaksCatalog, type PeaksListedFile } from '../../../electron/core/audio/peaks-service.js';
import { computePeaks } from '../../../electron/core/audio/peaks.js';
import { createCore } from '../../../electron/core/app-core.js';
import { REPO_ROOT, makeTempDir } from '../../helpers/recorder-folder.js';
import { sineWav } from '../../helpers/wav-builder.js';

const tmp = makeTempDir('cr-peaksvc-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A catalog over a plain map, with the size/mtime a library import would have recorded. */
function catalogOf(files: Map<number, { path: string; format: string }>): PeaksCatalog {
  return {
    file: (id) => {
      const f = files.get(id);
      return f && { id, ...f };
    },
    files: () =>
      [...files].flatMap(([id, f]): PeaksListedFile[] => {
        const st = fs.statSync(f.path, { throwIfNoEntry: false });
        return st ? [{ id, ...f, size: st.size, mtimeMs: Math.trunc(st.mtimeMs) }] : [];
      }),
  };
}

let dataDir: string;
let audioDir: string;
let files: Map<number, { path: string; format: string }>;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(tmp, 'data-'));
  audioDir = fs.mkdtempSync(path.join(tmp, 'audio-'));
  files = new Map();
});

function addWav(id: number, seconds: number): string {
  const p = path.join(audioDir, `a${id}.wav`);
  fs.writeFileSync(p, sineWav(seconds, { channels: 2, sampleRate: 16000 }));
  files.set(id, { path: p, format: 'pcm' });
  return p;
}

const cacheFiles = () => (fs.existsSync(path.join(dataDir, 'peaks')) ? fs.readdirSync(path.join(dataDir, 'peaks')).sort() : []);
const service = (extra: Partial<ConstructorParameters<typeof PeaksService>[0]> = {}) => new PeaksService({ catalog: catalogOf(files), dataDir, ...extra });

describe('PeaksService.get', () => {
  it('computes once, caches under <id>-<size>-<mtimeMs>.peaks, and reads the cache the second time', async () => {
    const p = addWav(7, 1.5);
    const svc = service();
    const first = await svc.get(7);
    expect(decodePeaks(new Uint8Array(first).buffer)).toMatchObject({ channels: 2, sampleRate: 16000, frames: 24000 });
    const st = fs.statSync(p);
    const name = `7-${st.size}-${Math.trunc(st.mtimeMs)}.peaks`;
    expect(cacheFiles()).toEqual([name]);
    const cacheMtime = fs.statSync(path.join(dataDir, 'peaks', name)).mtimeMs;

    const again = await svc.get(7);
    expect(again).toEqual(first);
    expect(svc.computed).toBe(1);
    expect(fs.statSync(path.join(dataDir, 'peaks', name)).mtimeMs).toBe(cacheMtime);
    // A new service (an app restart) finds the cache too.
    const fresh = service();
    expect(await fresh.get(7)).toEqual(first);
    expect(fresh.computed).toBe(0);
  });

  it('shares one computation between concurrent requests', async () => {
    addWav(1, 2);
    let calls = 0;
    const svc = service({
      compute: async (...args) => {
        calls++;
        await new Promise((r) => setTimeout(r, 30));
        return computePeaks(...args);
      },
    });
    const all = await Promise.all([svc.get(1), svc.get(1), svc.get(1)]);
    expect(calls).toBe(1);
    expect(all[1]).toBe(all[0]);
    expect(all[2]).toBe(all[0]);
  });

  it('recomputes when the audio is rewritten or touched, and removes the stale cache', async () => {
    const p = addWav(3, 1);
    const svc = service();
    const before = decodePeaks(new Uint8Array(await svc.get(3)).buffer);
    expect(before.frames).toBe(16000);

    fs.writeFileSync(p, sineWav(2, { channels: 2, sampleRate: 16000 }));
    const after = decodePeaks(new Uint8Array(await svc.get(3)).buffer);
    expect(after.frames).toBe(32000);
    expect(svc.computed).toBe(2);

    // Same size, new mtime: still a new version of the file.
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(p, later, later);
    await svc.get(3);
    expect(svc.computed).toBe(3);
    const st = fs.statSync(p);
    expect(cacheFiles()).toEqual([`3-${st.size}-${Math.trunc(st.mtimeMs)}.peaks`]);
  });

  it('computes MP3 peaks', async () => {
    files.set(5, { path: path.join(REPO_ROOT, 'test', 'fixtures', 'twilio', 'speech-8k.mp3'), format: 'mp3' });
    const peaks = decodePeaks(new Uint8Array(await service().get(5)).buffer);
    expect(peaks).toMatchObject({ channels: 1, sampleRate: 8000, frames: 74304 });
  });

  it('fails clearly for a missing file, an unknown id, and a file that is not audio', async () => {
    const gone = addWav(4, 0.1);
    fs.rmSync(gone);
    const svc = service();
    const missing = await svc.get(4).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(PeaksError);
    expect(missing).toMatchObject({ code: 'unreadable', message: `${gone}: The file does not exist.` });

    await expect(svc.get(99)).rejects.toMatchObject({ code: 'unknown-audio', message: 'No audio file has id 99.' });

    const text = path.join(audioDir, 'notes.wav');
    fs.writeFileSync(text, 'just some text');
    files.set(6, { path: text, format: 'pcm' });
    await expect(svc.get(6)).rejects.toMatchObject({ code: 'unreadable', message: expect.stringMatching(/notes\.wav: It is not a WAV file/) });
    expect(cacheFiles()).toEqual([]);
  });
});

describe('PeaksService background work', () => {
  it('scheduleMissing queues only files without a current cache, prunes caches of removed files, and is a no-op when all are cached', async () => {
    addWav(1, 0.5);
    addWav(2, 0.5);
    addWav(3, 0.5);
    const svc = service();
    await svc.get(2);
    fs.mkdirSync(path.join(dataDir, 'peaks'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'peaks', '42-100-100.peaks'), 'stale');

    expect(await svc.scheduleMissing()).toBe(2);
    await svc.idle();
    expect(svc.computed).toBe(3);
    expect(cacheFiles().map((n) => n.split('-')[0])).toEqual(['1', '2', '3']);

    expect(await svc.scheduleMissing()).toBe(0);
    await svc.idle();
    expect(svc.computed).toBe(3);
  });

  it('schedule computes one file at a time and logs failures without stopping', async () => {
    addWav(1, 0.5);
    addWav(2, 0.5);
    let running = 0;
    let most = 0;
    const log: string[] = [];
    const svc = service({
      log: (m) => log.push(m),
      compute: async (...args) => {
        most = Math.max(most, ++running);
        try {
          return await computePeaks(...args);
        } finally {
          running--;
        }
      },
    });
    svc.schedule([1, 77, 2]);
    await svc.idle();
    expect(most).toBe(1);
    expect(svc.computed).toBe(2);
    expect(log).toEqual(['peaks: No audio file has id 77.']);
  });

  it('stop() ends a running background computation at its next chunk without caching it, and ignores later schedules', async () => {
    const p = path.join(audioDir, 'long.wav');
    fs.writeFileSync(p, sineWav(30, { channels: 2, sampleRate: 16000 }));
    files.set(1, { path: p, format: 'pcm' });
    const svc = service();
    svc.schedule([1]);
    await new Promise((r) => setImmediate(r));
    svc.stop();
    await svc.idle();
    expect(cacheFiles()).toEqual([]);
    svc.schedule([1]);
    await svc.idle();
    expect(await svc.scheduleMissing()).toBe(0);
    expect(cacheFiles()).toEqual([]);
  });
});

describe('createCore wiring', () => {
  it('core.peaks computes peaks in the background after a library:changed event', async () => {
    const core = createCore(dataDir);
    try {
      const folder = fs.mkdtempSync(path.join(tmp, 'lib-'));
      fs.writeFileSync(path.join(folder, 'call.wav'), sineWav(1, { sampleRate: 8000 }));
      await core.library.addFolder(folder, false);
      const deadline = Date.now() + 10_000;
      while (cacheFiles().filter((n) => n.endsWith('.peaks')).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await core.peaks.idle();
      expect(cacheFiles()).toHaveLength(1);
      expect(core.peaks.computed).toBe(1);
      expect(await core.peaks.scheduleMissing()).toBe(0);
    } finally {
      core.close();
    }
  });
});
