import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePeaks } from '../../../shared/audio.js';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { readWavInfo } from '../../../electron/core/audio/wav-header.js';
import { readWavFrames } from '../../../electron/core/audio/wav-reader.js';
import { createHandlers, getCallDetail } from '../../../electron/core/handlers.js';
import { startBrowserServer, type BrowserServer } from '../../../electron/server/browser-server.js';
import { copySession, makeTempDir } from '../../helpers/recorder-folder.js';

const PAIR_SESSION = 'sess-q4m8z2_20260421_160351';
const BROKEN_SESSION = 'sess-q4m8z2_20260422_090000';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A WAV file's samples, one Float32Array per channel. */
async function samples(path: string): Promise<Float32Array[]> {
  const parts: Float32Array[][] = [];
  for await (const c of readWavFrames(path)) parts.push(c);
  return (parts[0] ?? []).map((_, ch) => {
    const out = new Float32Array(parts.reduce((n, p) => n + p[ch]!.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p[ch]!, at);
      at += p[ch]!.length;
    }
    return out;
  });
}

describe('browser mode audio route: calls with only a caller + agent pair', () => {
  let dir: string;
  let core: Core;
  let server: BrowserServer;
  let port: number;
  let auth: Record<string, string>;
  let pairCall: number;
  let brokenCall: number;
  let recordings: string;

  beforeAll(async () => {
    dir = makeTempDir('cr-derived-route-');
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
    recordings = join(dir, 'recordings');
    copySession(PAIR_SESSION, recordings);
    copySession(PAIR_SESSION, recordings, BROKEN_SESSION);
    core = createCore(join(dir, 'data'));
    await core.library.addFolder(recordings, false);
    server = await startBrowserServer({ handlers: createHandlers(core, { mode: 'browser', version: 't' }), bus: core.bus, core, rendererDir, port: 0 });
    port = Number(new URL(server.url).port);
    auth = { authorization: `Bearer ${server.token}` };
    const calls = core.repos.calls.list('startedAt', 'asc', 10, 0).items;
    expect(calls).toHaveLength(2);
    const byFolder = (name: string) => calls.find((c) => core.repos.calls.row(c.id)!.folder_path?.endsWith(name))!.id;
    [pairCall, brokenCall] = [byFolder(PAIR_SESSION), byFolder(BROKEN_SESSION)];
    for (const id of [pairCall, brokenCall]) expect(core.repos.audio.forCall(id).map((a) => a.variant).sort()).toEqual(['agent', 'caller']);
  });
  afterAll(async () => {
    await server.close();
    core.close();
    await core.derived.idle();
    await core.peaks.idle();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the pair-only session with the caller on channel 1 and the bot (agent) side on channel 2', () => {
    const detail = getCallDetail(core, pairCall);
    expect(detail.channels).toBe(2);
    expect(detail.channelRoles).toEqual(['caller', 'bot']);
  });

  it('serves best as a 2-channel WAV: left = caller_audio.wav, right = bot_audio.wav, computed once', async () => {
    const r = await get(port, `/audio/call/${pairCall}/best`, auth);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('audio/wav');
    expect(r.headers['content-length']).toBe(String(r.body.length));
    const served = join(dir, 'served.wav');
    writeFileSync(served, r.body);
    expect(await readWavInfo(served)).toMatchObject({ channels: 2, sampleRate: 16000, bitsPerSample: 16 });
    const [left, right] = await samples(served);
    const [caller] = await samples(join(recordings, PAIR_SESSION, 'caller_audio.wav'));
    const [bot] = await samples(join(recordings, PAIR_SESSION, 'bot_audio.wav'));
    expect(left!.length).toBe(Math.max(caller!.length, bot!.length));
    expect(Buffer.from(left!.buffer).equals(Buffer.from(caller!.buffer))).toBe(true);
    expect(Buffer.from(right!.buffer).equals(Buffer.from(bot!.buffer))).toBe(true);

    // The derived file is cached on disk and reused: ranges and a second request are answered from it.
    const derived = readdirSync(join(dir, 'data', 'derived')).filter((n) => n.startsWith(`${pairCall}-`));
    expect(derived).toHaveLength(1);
    const range = await get(port, `/audio/call/${pairCall}/best`, { ...auth, range: 'bytes=0-43' });
    expect(range.status).toBe(206);
    expect(range.headers['content-range']).toBe(`bytes 0-43/${r.body.length}`);
    expect(range.body.equals(r.body.subarray(0, 44))).toBe(true);
    expect(range.headers.etag).toBe(r.headers.etag);
    expect(core.derived.computed).toBeLessThanOrEqual(2);
    const computedBefore = core.derived.computed;
    await get(port, `/audio/call/${pairCall}/best`, auth);
    expect(core.derived.computed).toBe(computedBefore);
    expect(readFileSync(join(dir, 'data', 'derived', derived[0]!)).equals(r.body)).toBe(true);
  });

  it('serves best/overview and best/peaks of the derived file with 2 channels', async () => {
    const caller = core.repos.audio.forCall(pairCall).find((a) => a.variant === 'caller')!;
    for (const kind of ['overview', 'peaks']) {
      const r = await get(port, `/audio/call/${pairCall}/best/${kind}`, auth);
      expect(r.status, kind).toBe(200);
      const peaks = decodePeaks(new Uint8Array(r.body).buffer);
      expect(peaks.channels).toBe(2);
      expect(peaks.sampleRate).toBe(16000);
      expect(peaks.durationSec).toBeCloseTo(caller.duration_sec!, 3);
      // Both lanes carry sound: neither channel is the silent padding of a one-sided file.
      for (const ch of peaks.levels[0]!.channels) expect(Math.max(...ch)).toBeGreaterThan(0.1);
    }
    // The caller variant itself is still the one-channel file.
    const own = decodePeaks(new Uint8Array((await get(port, `/audio/call/${pairCall}/caller/peaks`, auth)).body).buffer);
    expect(own.channels).toBe(1);
  });

  it('keeps playing the caller side when the agent file is unreadable, and flags a vanished one as missing', async () => {
    const agentPath = join(recordings, BROKEN_SESSION, 'bot_audio.wav');
    writeFileSync(agentPath, 'RIFF garbage, not a wave file');
    const callerBytes = readFileSync(join(recordings, BROKEN_SESSION, 'caller_audio.wav'));
    const r = await get(port, `/audio/call/${brokenCall}/best`, auth);
    expect(r.status).toBe(200);
    expect(r.body.equals(callerBytes)).toBe(true);
    const peaks = decodePeaks(new Uint8Array((await get(port, `/audio/call/${brokenCall}/best/overview`, auth)).body).buffer);
    expect(peaks.channels).toBe(1);
    expect(readdirSync(join(dir, 'data', 'derived')).filter((n) => n.startsWith(`${brokenCall}-`))).toEqual([]);

    rmSync(agentPath);
    expect(existsSync(agentPath)).toBe(false);
    const again = await get(port, `/audio/call/${brokenCall}/best`, auth);
    expect(again.body.equals(callerBytes)).toBe(true);
    expect(core.repos.audio.forCall(brokenCall).find((a) => a.variant === 'agent')!.missing).toBe(1);
  });
});
