/**
 * Twilio sync when things go wrong: rejected credentials, an unreachable API, missing media,
 * rate limits, 5xx bursts, cut-off downloads, exhausted retries and a bad base URL.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/ipc/envelope.js';
import { dbRows, filesUnder, partialFiles, sha256File, twilioCore, twilioWorld, wavFacts, type TwilioWorld } from '../../helpers/twilio-sync.js';

let w: TwilioWorld;

beforeEach(async () => {
  w = await twilioWorld('cr-twilio-faults-');
});
afterEach(async () => {
  await w.cleanup();
});

const libraryFile = (sid: string): string => path.join(w.dataDir, 'recordings', w.fake.accountSid, `${sid}.wav`);
const WRONG_TOKEN = '0123456789abcdef0123456789abcdef';

/** A loopback URL nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('Twilio sync faults', () => {
  it('stops at once on rejected credentials, without a retry loop', async () => {
    w.fake.addRecordings(3);
    const core = w.core({ authToken: WRONG_TOKEN });
    await expect(core.twilio.sync()).rejects.toThrow(/credentials rejected/);
    expect(w.fake.requests.length).toBeLessThanOrEqual(2);
    expect(w.fake.requests.every((r) => r.status === 401)).toBe(true);
    const db = dbRows(core);
    expect(db.count('twilio_recordings')).toBe(0);
    expect(db.count('calls')).toBe(0);
    expect(core.twilio.status().running).toBe(false);
  });

  it('a 401 on media (token revoked mid-sync) stops the sync too', async () => {
    w.fake.addRecordings(3, { durationSec: 3 });
    const core = w.core({ concurrency: 1 });
    w.fake.fail('media', { status: 401 });
    await expect(core.twilio.sync()).rejects.toThrow(/credentials rejected/);
    expect(w.fake.requests.filter((r) => r.kind === 'media')).toHaveLength(1);
  });

  it('testConnection: ok, rejected (wrong token), unreachable (closed port)', async () => {
    const ok = await w.core().twilio.testConnection();
    expect(ok.result).toBe('ok');
    expect(ok.message).toContain('CallReview fake account');

    const rejected = await w.core({ authToken: WRONG_TOKEN }).twilio.testConnection();
    expect(rejected.result).toBe('rejected');
    expect(rejected.message).toMatch(/credentials rejected/);

    const unreachable = await w.core({ baseUrl: await closedPortUrl() }).twilio.testConnection();
    expect(unreachable.result).toBe('unreachable');
    expect(unreachable.message).toMatch(/ECONNREFUSED/);
    expect(w.fake.requests.filter((r) => r.kind === 'account').map((r) => r.status)).toEqual([200, 401]);
  });

  it('marks a recording whose media is 404 as missing, with a sync_error activity; the others come in', async () => {
    const recs = w.fake.addRecordings(4, { durationSec: 3 });
    const core = w.core();
    w.fake.fail('media', { status: 404 });
    const report = await core.twilio.sync();
    expect(report).toMatchObject({ seen: 4, downloaded: 3, failed: [] });
    expect(report.missing).toHaveLength(1);
    const miss = report.missing[0]!;
    const rec = recs.find((r) => r.sid === miss.recordingSid)!;
    expect(miss).toEqual({ recordingSid: rec.sid, callSid: rec.callSid, message: 'Twilio has no media for this recording (HTTP 404)' });
    const db = dbRows(core);
    expect(db.recording(rec.sid)).toMatchObject({ state: 'missing', error: miss.message });
    expect(fs.existsSync(libraryFile(rec.sid))).toBe(false);
    // No retries for a 404.
    expect(w.fake.requests.filter((r) => r.kind === 'media' && r.path.includes(rec.sid))).toHaveLength(1);
    const call = db.call(rec.callSid)!;
    const acts = db.activities(call.id);
    const parent = acts.find((a) => a.type === 'call')!;
    const errors = acts.filter((a) => a.type === 'sync_error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ parent_activity_id: parent.id, group_id: rec.callSid });
    expect(JSON.parse(errors[0]!.payload)).toMatchObject({ recordingSid: rec.sid, state: 'missing', message: miss.message });
    expect(core.repos.calls.summary(call.id)?.hasAudio).toBe(false);
    for (const r of recs.filter((x) => x !== rec)) expect(db.recording(r.sid)?.state).toBe('downloaded');
  });

  it('waits out a 429 with Retry-After on the list, then succeeds', async () => {
    w.fake.addRecordings(2, { durationSec: 3 });
    const core = w.core();
    w.fake.fail('list', { status: 429, retryAfterSec: 1 });
    const t0 = performance.now();
    const report = await core.twilio.sync();
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(report).toMatchObject({ seen: 2, downloaded: 2, failed: [], missing: [] });
    expect(w.fake.requests.filter((r) => r.kind === 'list').map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries a burst of 500s on media and gets every file', async () => {
    const recs = w.fake.addRecordings(3, { durationSec: 3 });
    const core = w.core();
    w.fake.fail('media', { status: 500, retryAfterSec: 0, times: 3 });
    const report = await core.twilio.sync();
    expect(report).toMatchObject({ seen: 3, downloaded: 3, failed: [], missing: [] });
    expect(w.fake.requests.filter((r) => r.kind === 'media').map((r) => r.status).sort()).toEqual([200, 200, 200, 500, 500, 500]);
    for (const r of recs) expect(sha256File(libraryFile(r.sid))).toBe(dbRows(core).audio().find((a) => a.external_id === r.sid)?.sha256);
  });

  it('retries downloads cut off mid-file; the final file is whole and no partial file remains', async () => {
    const rec = w.fake.addRecording({ durationSec: 12 });
    const expected = w.fake.mediaBytes(rec.sid, 'wav', 2);
    expect(expected.length).toBeGreaterThan(100_000);
    const core = w.core();
    w.fake.cutMedia(70_000, 2);
    const report = await core.twilio.sync();
    expect(report).toMatchObject({ downloaded: 1, failed: [], missing: [] });
    expect(w.fake.requests.filter((r) => r.kind === 'media')).toHaveLength(3);
    const file = libraryFile(rec.sid);
    const facts = wavFacts(file);
    expect(facts).toMatchObject({ size: expected.length, channels: 2, sampleRate: 8000, bitsPerSample: 16, durationSec: 12 });
    expect(fs.readFileSync(file).equals(expected)).toBe(true);
    const audio = dbRows(core).audio();
    expect(audio).toHaveLength(1);
    expect(audio[0]).toMatchObject({ size: expected.length, sha256: sha256File(file) });
    expect(partialFiles(w.dataDir)).toEqual([]);
    expect(filesUnder(path.join(w.dataDir, 'recordings'))).toEqual([file]);
  });

  it('marks a recording failed once retries run out; the others come in and the next sync fetches it', async () => {
    const recs = w.fake.addRecordings(3, { durationSec: 3 });
    const newest = recs[recs.length - 1]!;
    // One download at a time, newest first: the newest gets all five tries' 500s.
    const core = w.core({ concurrency: 1 });
    w.fake.fail('media', { status: 500, retryAfterSec: 0, times: 5 });
    const report = await core.twilio.sync();
    expect(report).toMatchObject({ seen: 3, downloaded: 2, missing: [] });
    expect(report.failed).toEqual([{ recordingSid: newest.sid, callSid: newest.callSid, message: 'HTTP 500 on media' }]);
    expect(w.fake.requests.filter((r) => r.kind === 'media' && r.path.includes(newest.sid)).map((r) => r.status)).toEqual([500, 500, 500, 500, 500]);
    const db = dbRows(core);
    expect(db.recording(newest.sid)).toMatchObject({ state: 'failed', error: 'HTTP 500 on media', attempts: 1 });
    expect(fs.existsSync(libraryFile(newest.sid))).toBe(false);
    const call = db.call(newest.callSid)!;
    expect(db.activities(call.id).map((a) => a.type)).toEqual(['call', 'sync_error']);
    expect(partialFiles(w.dataDir)).toEqual([]);

    const next = await core.twilio.sync();
    expect(next).toMatchObject({ seen: 3, downloaded: 1, alreadyHad: 2, failed: [], missing: [] });
    expect(db.recording(newest.sid)).toMatchObject({ state: 'downloaded', error: null });
    expect(db.audio().find((a) => a.external_id === newest.sid)?.sha256).toBe(sha256File(libraryFile(newest.sid)));
    expect(db.activities(call.id).map((a) => a.type)).toEqual(['call', 'sync_error', 'call_recording']);
  });

  it('a call fetch that keeps failing fails only its recording, not the whole sync', async () => {
    const recs = w.fake.addRecordings(3, { durationSec: 3 });
    const newest = recs[recs.length - 1]!;
    const core = w.core({ concurrency: 1 });
    w.fake.fail('call', { status: 503, retryAfterSec: 0, times: 5 });
    const report = await core.twilio.sync();
    expect(report).toMatchObject({ seen: 3, downloaded: 2, missing: [] });
    expect(report.failed).toEqual([{ recordingSid: newest.sid, callSid: newest.callSid, message: 'fetching the call failed: Twilio answered HTTP 503: Service Unavailable' }]);
    expect(w.fake.requests.filter((r) => r.kind === 'call').map((r) => r.status)).toEqual([503, 503, 503, 503, 503, 200, 200]);
    const db = dbRows(core);
    expect(db.recording(newest.sid)).toMatchObject({ state: 'failed', call_id: null, error: report.failed[0]!.message });
    expect(db.call(newest.callSid)).toBeUndefined();
    expect(db.count('audio_files')).toBe(2);
    const next = await core.twilio.sync();
    expect(next).toMatchObject({ downloaded: 1, alreadyHad: 2, failed: [] });
    expect(db.recording(newest.sid)).toMatchObject({ state: 'downloaded', call_id: db.call(newest.callSid)!.id });
  });

  it('keeps a verified download when deleting it on Twilio fails, and does not fetch it again', async () => {
    const [rec] = w.fake.addRecordings(1);
    const core = w.core();
    core.twilio.setSettings({ deleteAfterDownload: true });
    w.fake.fail('delete', { status: 500, times: 50 });
    const report = await core.twilio.sync();
    expect(report).toMatchObject({ downloaded: 1, deletedRemote: 0 });
    expect(report.failed).toEqual([{ recordingSid: rec!.sid, callSid: rec!.callSid, message: expect.stringContaining('downloaded, but deleting it on Twilio failed') }]);
    expect(dbRows(core).recording(rec!.sid)).toMatchObject({ state: 'downloaded', deleted_remote: 0 });
    expect(fs.existsSync(libraryFile(rec!.sid))).toBe(true);
    w.fake.clearFaults();
    const mediaBefore = w.fake.requests.filter((r) => r.kind === 'media').length;
    expect(await core.twilio.sync()).toMatchObject({ downloaded: 0, alreadyHad: 1 });
    expect(w.fake.requests.filter((r) => r.kind === 'media').length).toBe(mediaBefore);
  });

  it('a malformed TWILIO_API_BASE_URL disables Twilio with a clear error and leaves the library usable', async () => {
    const core = twilioCore(w.fake, path.join(w.tmp, 'bad-1'), { baseUrl: 'not a url' });
    try {
      expect(core.twilio.status().configError).toBe('TWILIO_API_BASE_URL is not a URL: not a url');
      await expect(core.twilio.sync()).rejects.toThrow(new AppError('bad-request', 'TWILIO_API_BASE_URL is not a URL: not a url'));
      expect(core.repos.calls.list('startedAt', 'asc', 10, 0).total).toBe(0);
    } finally {
      core.close();
    }
    const ftp = twilioCore(w.fake, path.join(w.tmp, 'bad-2'), { baseUrl: 'ftp://127.0.0.1/' });
    try {
      await expect(ftp.twilio.testConnection()).rejects.toThrow(/TWILIO_API_BASE_URL must be http\(s\): ftp:\/\/127\.0\.0\.1\//);
    } finally {
      ftp.close();
    }
  });
});
