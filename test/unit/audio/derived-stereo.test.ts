import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { decodePeaks } from '../../../shared/audio.js';
import { DerivedStereoError, DerivedStereoService, type StereoPair } from '../../../electron/core/audio/derived-stereo.js';
import { readMp3Frames } from '../../../electron/core/audio/mp3.js';
import { PeaksService } from '../../../electron/core/audio/peaks-service.js';
import { interleave } from '../../../electron/core/audio/stereo-pair.js';
import { resample, type AudioChunks } from '../../../electron/core/audio/transforms.js';
import { readWavInfo } from '../../../electron/core/audio/wav-header.js';
import { readWavFrames } from '../../../electron/core/audio/wav-reader.js';
import { REPO_ROOT, makeTempDir } from '../../helpers/recorder-folder.js';
import { buildWav } from '../../helpers/wav-builder.js';

const tmp = makeTempDir('cr-derived-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SPEECH_MP3 = path.join(REPO_ROOT, 'test', 'fixtures', 'twilio', 'speech-8k.mp3');

let dataDir: string;
let audioDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(tmp, 'data-'));
  audioDir = fs.mkdtempSync(path.join(tmp, 'audio-'));
});

/** A deterministic, non-periodic signal so a shifted or swapped channel cannot pass for the right one. */
const voice = (seed: number) => (f: number) => 0.4 * Math.sin(f * 0.013 * seed) + 0.3 * Math.sin(f * 0.0021 * (seed + 3)) * Math.cos(f * 0.00007);

function writeWav(name: string, seconds: number, sampleRate: number, seed: number): string {
  const p = path.join(audioDir, name);
  fs.writeFileSync(p, buildWav({ sampleRate, frames: Math.round(seconds * sampleRate), samples: voice(seed) }));
  return p;
}

function pairOf(callerPath: string, agentPath: string, format: string | null = 'pcm'): StereoPair {
  return { caller: { id: 11, path: callerPath, format }, agent: { id: 12, path: agentPath, format: 'pcm' } };
}

/** Reads a whole stream into one Float32Array per channel. */
async function collect(chunks: AudioChunks): Promise<Float32Array[]> {
  const parts: Float32Array[][] = [];
  for await (const c of chunks) parts.push(c.map((x) => Float32Array.from(x)));
  const channels = parts[0]?.length ?? 0;
  return Array.from({ length: channels }, (_, c) => {
    const out = new Float32Array(parts.reduce((n, p) => n + p[c]!.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p[c]!, at);
      at += p[c]!.length;
    }
    return out;
  });
}

/** What a float sample becomes once stored as 16-bit PCM and read back. */
function as16(x: Float32Array): Float32Array {
  return x.map((v) => Math.max(-32768, Math.min(32767, Math.round(v * 32768))) / 32768);
}

/** `x` padded with silence to `n` frames. */
function padded(x: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n);
  out.set(x);
  return out;
}

function expectSamples(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  let firstDiff = -1;
  for (let i = 0; i < actual.length && firstDiff < 0; i++) if (actual[i] !== expected[i]) firstDiff = i;
  expect(firstDiff).toBe(-1);
}

const derivedFiles = () => (fs.existsSync(path.join(dataDir, 'derived')) ? fs.readdirSync(path.join(dataDir, 'derived')).sort() : []);

describe('interleave', () => {
  it('zips unevenly chunked mono streams and pads the shorter one with silence', async () => {
    async function* chunks(data: number[], sizes: number[]): AsyncGenerator<Float32Array[]> {
      let at = 0;
      for (const n of sizes) {
        yield [Float32Array.from(data.slice(at, at + n))];
        at += n;
      }
    }
    const left = [1, 2, 3, 4, 5, 6, 7].map((v) => v / 8);
    const right = [-1, -2, -3, -4].map((v) => v / 8);
    const [l, r] = await collect(interleave(chunks(left, [3, 0, 1, 3]), chunks(right, [1, 2, 1])));
    expect(Array.from(l!)).toEqual(left);
    expect(Array.from(r!)).toEqual([...right, 0, 0, 0]);
  });
});

describe('DerivedStereoService.get', () => {
  it('puts the caller on the left and the agent on the right, padding the shorter side (multi-chunk files)', async () => {
    // 5 s and 3 s at 16 kHz: more than one 65536-frame read chunk, with chunk boundaries that do not line up.
    const caller = writeWav('caller_audio.wav', 5, 16000, 1);
    const agent = writeWav('bot_audio.wav', 3, 16000, 2);
    const svc = new DerivedStereoService({ dataDir });
    const file = await svc.get(4, pairOf(caller, agent));
    expect(path.dirname(file.path)).toBe(path.join(dataDir, 'derived'));
    expect(path.basename(file.path)).toBe(`4-${file.key}.wav`);
    expect(file.size).toBe(fs.statSync(file.path).size);
    const info = await readWavInfo(file.path);
    expect(info).toMatchObject({ channels: 2, sampleRate: 16000, bitsPerSample: 16, sampleFormat: 'pcm', frames: 80000 });
    const [l, r] = await collect(readWavFrames(file.path));
    const [c] = await collect(readWavFrames(caller));
    const [a] = await collect(readWavFrames(agent));
    expectSamples(l!, c!);
    expectSamples(r!, padded(a!, 80000));
  });

  it('resamples the lower-rate side to the higher rate (8 kHz caller, 16 kHz agent)', async () => {
    const caller = writeWav('caller_audio.wav', 2, 8000, 3);
    const agent = writeWav('bot_audio.wav', 1.5, 16000, 4);
    const file = await new DerivedStereoService({ dataDir }).get(1, pairOf(caller, agent));
    const info = await readWavInfo(file.path);
    expect(info).toMatchObject({ channels: 2, sampleRate: 16000, frames: 32000 });
    const [l, r] = await collect(readWavFrames(file.path));
    const [up] = await collect(resample(readWavFrames(caller), 8000, 16000));
    const [a] = await collect(readWavFrames(agent));
    expectSamples(l!, as16(up!));
    expectSamples(r!, padded(a!, 32000));
  });

  it('resamples the agent when it is the lower-rate side, and decodes an MP3 side', async () => {
    const agent = writeWav('bot_audio.wav', 0.5, 8000, 5);
    const caller = SPEECH_MP3;
    const file = await new DerivedStereoService({ dataDir }).get(2, { caller: { id: 1, path: caller, format: 'mp3' }, agent: { id: 2, path: agent, format: 'pcm' } });
    const [mp3] = await collect(readMp3Frames(caller));
    const info = await readWavInfo(file.path);
    expect(info).toMatchObject({ channels: 2, sampleRate: 8000, frames: mp3!.length });
    const [l, r] = await collect(readWavFrames(file.path));
    const [a] = await collect(readWavFrames(agent));
    expectSamples(l!, as16(mp3!));
    expectSamples(r!, padded(a!, mp3!.length));
  });

  it('computes once per source version however many ask, and again (replacing the old file) after a source changes', async () => {
    const caller = writeWav('caller_audio.wav', 1, 16000, 6);
    const agent = writeWav('bot_audio.wav', 1, 16000, 7);
    const svc = new DerivedStereoService({ dataDir });
    const pair = pairOf(caller, agent);
    const all = await Promise.all(Array.from({ length: 5 }, () => svc.get(9, pair)));
    expect(svc.computed).toBe(1);
    expect(new Set(all.map((f) => f.path)).size).toBe(1);
    const first = all[0]!;
    const mtime = fs.statSync(first.path).mtimeMs;
    expect((await svc.get(9, pair)).path).toBe(first.path);
    expect(svc.computed).toBe(1);
    expect(fs.statSync(first.path).mtimeMs).toBe(mtime);
    // A new service (an app restart) finds the file on disk instead of recomputing it.
    const restarted = new DerivedStereoService({ dataDir });
    expect((await restarted.get(9, pair)).path).toBe(first.path);
    expect(restarted.computed).toBe(0);

    writeWav('bot_audio.wav', 2, 16000, 8);
    const second = await svc.get(9, pair);
    expect(svc.computed).toBe(2);
    expect(second.key).not.toBe(first.key);
    expect(derivedFiles()).toEqual([path.basename(second.path)]);
    const [, r] = await collect(readWavFrames(second.path));
    const [a] = await collect(readWavFrames(agent));
    expectSamples(r!, a!);
  });

  it('rejects an unreadable agent with a typed error, leaves nothing behind, and does not retry until the file changes', async () => {
    const caller = writeWav('caller_audio.wav', 1, 16000, 9);
    const agent = path.join(audioDir, 'bot_audio.wav');
    fs.writeFileSync(agent, 'this is not a wav file at all, just text');
    const logs: string[] = [];
    const svc = new DerivedStereoService({ dataDir, log: (m) => logs.push(m) });
    const err = await svc.get(3, pairOf(caller, agent)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DerivedStereoError);
    expect(err).toMatchObject({ code: 'unreadable', side: 'agent' });
    expect((err as Error).message).toMatch(/^The agent side \(bot_audio\.wav\) cannot be read: /);
    expect(derivedFiles()).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(await svc.get(3, pairOf(caller, agent)).catch((e: unknown) => e)).toBe(err);
    expect(svc.computed).toBe(1);

    writeWav('bot_audio.wav', 1, 16000, 10);
    const file = await svc.get(3, pairOf(caller, agent));
    expect(svc.computed).toBe(2);
    expect((await readWavInfo(file.path)).channels).toBe(2);
  });

  it('names a vanished source as missing, and a corrupt caller as the caller side', async () => {
    const caller = writeWav('caller_audio.wav', 1, 16000, 11);
    const svc = new DerivedStereoService({ dataDir });
    await expect(svc.get(5, pairOf(caller, path.join(audioDir, 'gone.wav')))).rejects.toMatchObject({ code: 'missing', side: 'agent' });
    const agent = writeWav('bot_audio.wav', 1, 16000, 12);
    const bad = path.join(audioDir, 'bad.wav');
    fs.writeFileSync(bad, buildWav({ formatTag: 2, bitsPerSample: 4 }));
    await expect(svc.get(5, pairOf(bad, agent))).rejects.toMatchObject({ code: 'unreadable', side: 'caller' });
  });
});

describe('derived peaks and background work', () => {
  const emptyCatalog = { file: () => undefined, files: () => [] };

  it('caches peaks of the derived file by key, which scheduleMissing() leaves alone, and replaces them when the file changes', async () => {
    const caller = writeWav('caller_audio.wav', 1, 16000, 13);
    const agent = writeWav('bot_audio.wav', 0.5, 16000, 14);
    const peaks = new PeaksService({ catalog: emptyCatalog, dataDir });
    const svc = new DerivedStereoService({ dataDir, peaks });
    const file = await svc.get(6, pairOf(caller, agent));
    const decoded = decodePeaks(new Uint8Array(await svc.peaks(file)).buffer);
    expect(decoded).toMatchObject({ channels: 2, sampleRate: 16000, frames: 16000 });
    // The right channel is silent after 0.5 s: the last buckets of channel 1 are all zero.
    const finest = decoded.levels[0]!;
    const lastBucket = finest.channels[1]!.subarray(-2);
    expect(Array.from(lastBucket)).toEqual([0, 0]);
    expect(Math.max(...finest.channels[0]!.subarray(-2))).toBeGreaterThan(0);
    const keyed = path.join(dataDir, 'peaks', 'keyed');
    expect(fs.readdirSync(keyed)).toEqual([`${file.peaksKey}.peaks`]);
    expect(peaks.computed).toBe(1);
    await svc.peaks(file);
    expect(peaks.computed).toBe(1);

    expect(await peaks.scheduleMissing()).toBe(0);
    await peaks.idle();
    expect(fs.readdirSync(keyed)).toEqual([`${file.peaksKey}.peaks`]);

    writeWav('caller_audio.wav', 2, 16000, 15);
    const newer = await svc.get(6, pairOf(caller, agent));
    expect(decodePeaks(new Uint8Array(await svc.peaks(newer)).buffer).frames).toBe(32000);
    expect(fs.readdirSync(keyed)).toEqual([`${newer.peaksKey}.peaks`]);
  });

  it('derives files and peaks in the background for the catalog, and prunes those of calls no longer listed', async () => {
    const caller = writeWav('caller_audio.wav', 1, 16000, 16);
    const agent = writeWav('bot_audio.wav', 1, 8000, 17);
    const peaks = new PeaksService({ catalog: emptyCatalog, dataDir });
    let listed = [{ callId: 21, pair: pairOf(caller, agent) }, { callId: 22, pair: pairOf(agent, caller) }];
    const svc = new DerivedStereoService({ dataDir, peaks, catalog: { pairs: () => listed } });
    expect(await svc.scheduleAll()).toBe(2);
    await svc.idle();
    expect(svc.computed).toBe(2);
    expect(peaks.computed).toBe(2);
    const names = derivedFiles();
    expect(names.map((n) => n.split('-')[0])).toEqual(['21', '22']);
    const keyed = () => fs.readdirSync(path.join(dataDir, 'peaks', 'keyed')).sort();
    expect(keyed().map((n) => n.split('-')[1])).toEqual(['21', '22']);

    // Nothing changed: a second pass computes nothing.
    await svc.scheduleAll();
    await svc.idle();
    expect([svc.computed, peaks.computed]).toEqual([2, 2]);

    listed = [listed[0]!];
    await svc.scheduleAll();
    await svc.idle();
    expect(derivedFiles()).toEqual([names[0]]);
    expect(keyed().map((n) => n.split('-')[1])).toEqual(['21']);
  });

  it('stops background work when stopped', async () => {
    const caller = writeWav('caller_audio.wav', 1, 16000, 18);
    const agent = writeWav('bot_audio.wav', 1, 16000, 19);
    const svc = new DerivedStereoService({ dataDir, catalog: { pairs: () => [{ callId: 1, pair: pairOf(caller, agent) }] } });
    svc.stop();
    expect(await svc.scheduleAll()).toBe(0);
    await svc.idle();
    expect(derivedFiles()).toEqual([]);
  });
});
