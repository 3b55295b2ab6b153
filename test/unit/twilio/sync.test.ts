/**
 * Twilio sync against the loopback fake: paging, what lands in SQLite and on disk, idempotence,
 * the cursor, pending/unavailable recordings, --since, channel roles and delete-after-download.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/core/handlers.js';
import { dbRows, filesUnder, partialFiles, sha256File, twilioWorld, wavFacts, type TwilioWorld } from '../../helpers/twilio-sync.js';

let w: TwilioWorld;

beforeEach(async () => {
  w = await twilioWorld('cr-twilio-sync-');
});
afterEach(async () => {
  await w.cleanup();
});

const HOUR = 3_600_000;
const libraryFile = (sid: string): string => path.join(w.dataDir, 'recordings', w.fake.accountSid, `${sid}.wav`);
/** The DateCreated> filter of every list request that started a listing (no PageToken), as epoch ms. */
const listedSince = (): (number | null)[] =>
  w.fake.requests
    .filter((r) => r.kind === 'list' && !r.path.includes('PageToken='))
    .map((r) => {
      const v = new URL(r.path, w.fake.baseUrl).searchParams.get('DateCreated>');
      return v === null ? null : Date.parse(v);
    });

describe('Twilio sync', () => {
  it('imports every recording of a four-page account exactly once, with call details, audio and activities', async () => {
    const singles = w.fake.addRecordings(8, { channels: 2, start: new Date(Date.now() - 20 * 60_000) });
    const shared = w.fake.addCall({ direction: 'outbound-api', from: '+14155550100', to: '+442071838750', durationSec: 30, startTime: new Date(Date.now() - 5 * 60_000) });
    const sharedRecs = [
      w.fake.addRecording({ callSid: shared.sid, durationSec: 7, dateCreated: new Date(shared.startTime.getTime() + 2_000) }),
      w.fake.addRecording({ callSid: shared.sid, durationSec: 4, dateCreated: new Date(shared.startTime.getTime() + 15_000) }),
    ];
    const all = [...singles, ...sharedRecs];
    const core = w.core({ pageSize: 3 });

    const report = await core.twilio.sync();

    expect(report).toMatchObject({ accountSid: w.fake.accountSid, since: null, pages: 4, seen: 10, downloaded: 10, alreadyHad: 0, pending: 0, unavailable: 0, missing: [], failed: [], deletedRemote: 0 });
    const lists = w.fake.requests.filter((r) => r.kind === 'list');
    expect(lists).toHaveLength(4);
    expect(lists.every((r) => r.status === 200 && new URL(r.path, w.fake.baseUrl).searchParams.get('PageSize') === '3')).toBe(true);
    // Each recording's media was fetched once, as two channels.
    const media = w.fake.requests.filter((r) => r.kind === 'media');
    expect(media.map((r) => r.path.replace(/^.*\/Recordings\/(RE[0-9a-f]{32})\.wav\?RequestedChannels=2$/, '$1')).sort()).toEqual(all.map((r) => r.sid).sort());

    const db = dbRows(core);
    const recs = db.recordings();
    expect(recs.map((r) => r.sid)).toEqual(all.map((r) => r.sid).sort());
    expect(recs.every((r) => r.state === 'downloaded' && r.error === null && r.attempts === 0 && r.api_status === 'completed')).toBe(true);

    const audio = db.audio();
    expect(audio.map((a) => a.external_id)).toEqual(all.map((r) => r.sid).sort());
    let bytes = 0;
    for (const rec of all) {
      const a = audio.find((x) => x.external_id === rec.sid)!;
      const file = libraryFile(rec.sid);
      expect(a.path).toBe(file);
      expect(a.sha256).toBe(sha256File(file));
      expect(fs.readFileSync(file).equals(w.fake.mediaBytes(rec.sid, 'wav', 2))).toBe(true);
      expect(a).toMatchObject({ variant: 'stereo', channels: 2, sample_rate: 8000, size: fs.statSync(file).size, missing: 0 });
      expect(Math.abs((a.duration_sec ?? -99) - rec.durationSec)).toBeLessThanOrEqual(1);
      const facts = wavFacts(file);
      expect(facts.channels).toBe(2);
      expect(Math.abs(facts.durationSec - rec.durationSec)).toBeLessThanOrEqual(1);
      expect(recs.find((r) => r.sid === rec.sid)).toMatchObject({ call_sid: rec.callSid, channels: 2, duration_sec: rec.durationSec, date_created: rec.dateCreated.toISOString() });
      bytes += facts.size;
    }
    expect(report.bytes).toBe(bytes);
    // Only finished files in the library folder, nothing half-written anywhere.
    expect(filesUnder(path.join(w.dataDir, 'recordings', w.fake.accountSid))).toEqual(all.map((r) => libraryFile(r.sid)).sort());
    expect(partialFiles(w.dataDir)).toEqual([]);

    // One call per Call SID: 8 single-recording calls and the shared one.
    const calls = db.calls();
    const callSids = [...new Set(all.map((r) => r.callSid))].sort();
    expect(calls.map((c) => c.external_id)).toEqual(callSids);
    for (const sid of callSids) {
      const fc = w.fake.getCall(sid)!;
      const row = db.call(sid)!;
      expect(row).toMatchObject({
        source: 'twilio',
        import_key: `twilio:${sid}`,
        started_at: fc.startTime.toISOString(),
        ended_at: fc.endTime!.toISOString(),
        duration_sec: fc.durationSec,
        direction: fc.direction,
        status: fc.status,
        channels: 2,
      });
      expect(core.repos.contacts.forCall(row.id)).toEqual([
        { role: 'from', phone: fc.from, name: null },
        { role: 'to', phone: fc.to, name: null },
      ]);
      const mine = all.filter((r) => r.callSid === sid);
      expect(db.audio().filter((a) => a.call_id === row.id).map((a) => a.external_id).sort()).toEqual(mine.map((r) => r.sid).sort());

      // Activities: one parent `call` grouped by Call SID, a `call_recording` child per recording.
      const acts = db.activities(row.id);
      const parents = acts.filter((a) => a.type === 'call');
      expect(parents).toHaveLength(1);
      expect(parents[0]).toMatchObject({ parent_activity_id: null, group_id: sid });
      const children = acts.filter((a) => a.type === 'call_recording');
      expect(children.map((c) => (JSON.parse(c.payload) as { recordingSid: string }).recordingSid).sort()).toEqual(mine.map((r) => r.sid).sort());
      for (const c of children) expect(c).toMatchObject({ parent_activity_id: parents[0]!.id, group_id: sid, origin: 'twilio' });
      expect(acts).toHaveLength(1 + mine.length);
    }
    expect(db.call(shared.sid)!.direction).toBe('outbound-api');
    expect(db.audio().filter((a) => a.call_id === db.call(shared.sid)!.id)).toHaveLength(2);

    const { items, total } = core.repos.calls.list('startedAt', 'asc', 100, 0);
    expect(total).toBe(9);
    expect(items.every((c) => c.source === 'twilio' && c.hasAudio && !c.audioMissing && c.channels === 2)).toBe(true);
    expect(core.twilio.status()).toMatchObject({ configured: true, accountSid: w.fake.accountSid, running: false, apiBaseUrl: w.fake.baseUrl });
  });

  it('a second sync downloads nothing and adds no rows; recordings added later (even slightly older ones) come in on the next sync', async () => {
    const first = w.fake.addRecordings(5, { start: new Date(Date.now() - 10 * 60_000) });
    const core = w.core({ pageSize: 2 });
    expect((await core.twilio.sync()).downloaded).toBe(5);
    const db = dbRows(core);
    const counts = () => ({ recs: db.count('twilio_recordings'), audio: db.count('audio_files'), calls: db.count('calls'), acts: db.count('activities') });
    const before = counts();
    expect(before).toEqual({ recs: 5, audio: 5, calls: 5, acts: 10 });
    const mediaBefore = w.fake.requests.filter((r) => r.kind === 'media').length;
    const newest = Math.max(...first.map((r) => r.dateCreated.getTime()));

    // A sync asked for while one runs is that same run.
    const running = core.twilio.sync();
    expect(core.twilio.sync()).toBe(running);
    const again = await running;
    expect(again).toMatchObject({ seen: 5, downloaded: 0, alreadyHad: 5, pending: 0, unavailable: 0, missing: [], failed: [], bytes: 0 });
    expect(counts()).toEqual(before);
    expect(w.fake.requests.filter((r) => r.kind === 'media')).toHaveLength(mediaBefore);
    // The second listing starts an hour before the newest recording seen.
    expect(listedSince()).toEqual([null, newest - HOUR]);
    expect(again.since).toBe(new Date(newest - HOUR).toISOString());

    // One recording made now, one created 10 minutes before the newest one the last sync saw.
    const late = [w.fake.addRecording({ durationSec: 3 }), w.fake.addRecording({ durationSec: 5, dateCreated: new Date(newest - 10 * 60_000) })];
    const third = await core.twilio.sync();
    expect(third).toMatchObject({ seen: 7, downloaded: 2, alreadyHad: 5, failed: [], missing: [] });
    expect(counts()).toEqual({ recs: 7, audio: 7, calls: 7, acts: 14 });
    for (const r of late) expect(db.recording(r.sid)?.state).toBe('downloaded');
    expect(listedSince()[2]).toBe(newest - HOUR);
    // After that, the cursor follows the newest recording.
    await core.twilio.sync();
    expect(listedSince()[3]).toBe(late[0]!.dateCreated.getTime() - HOUR);
  });

  it('skips processing recordings as pending and picks them up once completed, even when newer ones moved the cursor on', async () => {
    const old = w.fake.addRecording({ status: 'processing', durationSec: 6, dateCreated: new Date(Date.now() - 5 * HOUR) });
    const done = w.fake.addRecordings(3, { durationSec: 4 });
    const core = w.core();
    const db = dbRows(core);

    const first = await core.twilio.sync();
    expect(first).toMatchObject({ seen: 4, downloaded: 3, pending: 1, unavailable: 0, failed: [], missing: [] });
    expect(db.recording(old.sid)).toMatchObject({ state: 'pending', api_status: 'processing', call_id: null, error: null });
    expect(db.audio().map((a) => a.external_id)).toEqual(done.map((r) => r.sid).sort());
    expect(db.call(old.callSid)).toBeUndefined();
    expect(w.fake.requests.some((r) => r.kind === 'media' && r.path.includes(old.sid))).toBe(false);

    // Still processing: still pending, still listed (the cursor waits for it).
    const second = await core.twilio.sync();
    expect(second).toMatchObject({ seen: 4, downloaded: 0, alreadyHad: 3, pending: 1 });
    expect(listedSince()[1]).toBe(old.dateCreated.getTime() - HOUR);

    w.fake.setRecordingStatus(old.sid, 'completed');
    const third = await core.twilio.sync();
    expect(third).toMatchObject({ seen: 4, downloaded: 1, alreadyHad: 3, pending: 0 });
    expect(db.recording(old.sid)).toMatchObject({ state: 'downloaded', api_status: 'completed' });
    const row = db.call(old.callSid)!;
    expect(db.audio().find((a) => a.external_id === old.sid)).toMatchObject({ call_id: row.id, sha256: sha256File(libraryFile(old.sid)) });
    expect(core.repos.calls.summary(row.id)?.hasAudio).toBe(true);
    // With nothing owed, the cursor moves to the newest recording.
    await core.twilio.sync();
    expect(listedSince()[3]).toBe(Math.max(...done.map((r) => r.dateCreated.getTime())) - HOUR);
  });

  it('records absent recordings as unavailable, without audio, and only downloaded calls have audio', async () => {
    const absent = w.fake.addRecording({ status: 'absent', durationSec: 5, dateCreated: new Date(Date.now() - 60_000) });
    const ok = w.fake.addRecording({ durationSec: 5 });
    const core = w.core();
    const db = dbRows(core);

    const report = await core.twilio.sync();
    expect(report).toMatchObject({ seen: 2, downloaded: 1, unavailable: 1, pending: 0, missing: [], failed: [] });
    expect(db.recording(absent.sid)).toMatchObject({ state: 'unavailable', api_status: 'absent', error: 'Twilio lists this recording as absent' });
    expect(db.audio().map((a) => a.external_id)).toEqual([ok.sid]);
    expect(fs.existsSync(libraryFile(absent.sid))).toBe(false);
    expect(w.fake.requests.some((r) => r.kind === 'media' && r.path.includes(absent.sid))).toBe(false);

    const absentCall = db.call(absent.callSid)!;
    const okCall = db.call(ok.callSid)!;
    const byId = new Map(core.repos.calls.list('startedAt', 'asc', 100, 0).items.map((c) => [c.id, c]));
    expect(byId.size).toBe(2);
    expect(byId.get(absentCall.id)).toMatchObject({ source: 'twilio', externalId: absent.callSid, hasAudio: false });
    expect(byId.get(okCall.id)).toMatchObject({ source: 'twilio', externalId: ok.callSid, hasAudio: true });
    // No error activity for a recording that simply has no media.
    expect(db.activities(absentCall.id).map((a) => a.type)).toEqual(['call']);

    // Unavailable is final: the next sync does not try again.
    const again = await core.twilio.sync();
    expect(again).toMatchObject({ downloaded: 0, alreadyHad: 1, unavailable: 1 });
    expect(w.fake.requests.filter((r) => r.kind === 'media')).toHaveLength(1);
  });

  it('sync({ since }) lists only recordings created from that day on', async () => {
    const before = w.fake.addRecording({ durationSec: 3, dateCreated: new Date('2024-02-28T23:59:59Z') });
    const onDay = w.fake.addRecording({ durationSec: 3, dateCreated: new Date('2024-03-01T00:00:00Z') });
    const after = w.fake.addRecording({ durationSec: 3, dateCreated: new Date('2024-03-05T12:00:00Z') });
    const core = w.core();

    const report = await core.twilio.sync({ since: '2024-03-01' });
    expect(report).toMatchObject({ since: '2024-03-01T00:00:00.000Z', seen: 2, downloaded: 2 });
    expect(listedSince()).toEqual([Date.parse('2024-03-01T00:00:00Z')]);
    const db = dbRows(core);
    expect(db.recordings().map((r) => r.sid).sort()).toEqual([onDay.sid, after.sid].sort());
    expect(db.recording(before.sid)).toBeUndefined();

    await expect(core.twilio.sync({ since: '2024-13-01' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(core.twilio.sync({ since: '2024-02-30' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('sets channel roles from the direction; a swap survives later syncs', async () => {
    const inbound = w.fake.addCall({ direction: 'inbound' });
    const outbound = w.fake.addCall({ direction: 'outbound-api' });
    const dial = w.fake.addCall({ direction: 'outbound-dial' });
    for (const c of [inbound, outbound, dial]) w.fake.addRecording({ callSid: c.sid, durationSec: 3, dateCreated: new Date(c.startTime.getTime() + 1000) });
    const core = w.core();
    const db = dbRows(core);
    await core.twilio.sync();
    const roles = (sid: string): unknown => JSON.parse(db.call(sid)!.channel_roles);
    expect(roles(inbound.sid)).toEqual(['caller', 'agent']);
    expect(roles(outbound.sid)).toEqual(['agent', 'caller']);
    expect(roles(dial.sid)).toEqual(['agent', 'caller']);

    const handlers = createHandlers(core, { mode: 'cli', version: 't' });
    const id = db.call(inbound.sid)!.id;
    const detail = await handlers['library:swapChannels']({ id });
    expect(detail.channelRoles).toEqual(['agent', 'caller']);
    expect(roles(inbound.sid)).toEqual(['agent', 'caller']);

    await core.twilio.sync();
    expect(roles(inbound.sid)).toEqual(['agent', 'caller']);
    // A new recording of the same call rewrites the call row; the reviewer's swap stays.
    const extra = w.fake.addRecording({ callSid: inbound.sid, durationSec: 4 });
    const report = await core.twilio.sync();
    expect(report.downloaded).toBe(1);
    expect(db.recording(extra.sid)).toMatchObject({ state: 'downloaded', call_id: id });
    expect(roles(inbound.sid)).toEqual(['agent', 'caller']);
    expect((await handlers['library:get']({ id })).channelRoles).toEqual(['agent', 'caller']);
    expect(roles(outbound.sid)).toEqual(['agent', 'caller']);
  });

  it('syncs after status() has been read (what the Twilio panel does first)', async () => {
    const rec = w.fake.addRecording({ durationSec: 3 });
    const core = w.core();
    expect(core.twilio.status()).toMatchObject({ configured: true, sourceId: null, lastSyncAt: null });
    const report = await core.twilio.sync();
    expect(report).toMatchObject({ seen: 1, downloaded: 1 });
    expect(core.twilio.status()).toMatchObject({ sourceId: core.repos.sources.findTwilio(w.fake.accountSid)!.id, lastSyncAt: expect.any(String) });
    // And again, now that the source exists.
    expect(await core.twilio.sync()).toMatchObject({ seen: 1, alreadyHad: 1 });
    expect(dbRows(core).recording(rec.sid)?.state).toBe('downloaded');
  });

  it('delete-after-download removes recordings on Twilio only after their verified download', async () => {
    const recs = w.fake.addRecordings(3, { durationSec: 6 });
    const core = w.core({ concurrency: 1 });
    core.twilio.setSettings({ deleteAfterDownload: true });
    expect(core.twilio.settings().deleteAfterDownload).toBe(true);
    // With one download at a time, newest first: the first media request has no media (404),
    // the second is cut off and retried.
    w.fake.fail('media', { status: 404 });
    w.fake.cutMedia(50_000);

    const report = await core.twilio.sync();
    const [oldest, middle, newest] = recs.map((r) => r.sid) as [string, string, string];
    expect(report).toMatchObject({ seen: 3, downloaded: 2, deletedRemote: 2, failed: [] });
    expect(report.missing.map((m) => m.recordingSid)).toEqual([newest]);
    expect([...w.fake.deleted].sort()).toEqual([oldest, middle].sort());
    const db = dbRows(core);
    expect(db.recording(newest)).toMatchObject({ state: 'missing', deleted_remote: 0 });
    expect(w.fake.requests.filter((r) => r.kind === 'media' && r.path.includes(middle)).map((r) => r.status)).toEqual([200, 200]);
    const idx = (kind: string, sid: string): number[] => w.fake.requests.flatMap((r, i) => (r.kind === kind && r.path.includes(sid) ? [i] : []));
    for (const sid of [oldest, middle]) {
      expect(db.recording(sid)).toMatchObject({ state: 'downloaded', deleted_remote: 1 });
      expect(db.audio().find((a) => a.external_id === sid)?.sha256).toBe(sha256File(libraryFile(sid)));
      expect(fs.readFileSync(libraryFile(sid)).equals(w.fake.mediaBytes(sid, 'wav', 2))).toBe(true);
      // The DELETE comes after every media request for that recording.
      const deletes = idx('delete', sid);
      expect(deletes).toHaveLength(1);
      expect(Math.max(...idx('media', sid))).toBeLessThan(deletes[0]!);
    }
    expect(partialFiles(w.dataDir)).toEqual([]);

    // Deleted recordings are gone from the list; their files and rows stay. The missing one is
    // listed again, comes in this time, and is deleted after its download.
    const again = await core.twilio.sync();
    expect(again).toMatchObject({ seen: 1, downloaded: 1, alreadyHad: 0, deletedRemote: 1, missing: [] });
    expect(db.count('audio_files')).toBe(3);
    expect([...w.fake.deleted].sort()).toEqual([oldest, middle, newest].sort());
    for (const sid of [oldest, middle, newest]) expect(fs.existsSync(libraryFile(sid))).toBe(true);
  });
});
