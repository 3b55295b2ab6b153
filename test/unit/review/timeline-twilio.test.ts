/**
 * Timelines of calls synced from the loopback fake Twilio: a call with two recordings and a later
 * failed one is still one group (call activity on top, "Recording available" ×2 and the sync
 * error under it in time order, app activities after them); a phone number's timeline holds all
 * its calls, newest first; filters work across calls.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../electron/core/handlers.js';
import { compactPhone } from '../../../electron/core/review/timeline.js';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.js';
import { ContactTimeline, TimelineGroup } from '../../../shared/review.js';
import { dbRows, twilioWorld, type TwilioWorld } from '../../helpers/twilio-sync.js';
import type { Core } from '../../../electron/core/app-core.js';

let w: TwilioWorld;

beforeEach(async () => {
  w = await twilioWorld('cr-review-twilio-');
});
afterEach(async () => {
  await w.cleanup();
});

const HOUR = 3_600_000;
const CUSTOMER = '+14155550123';
const OURS = '+14155550100';

async function call<C extends Channel>(core: Core, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const res = await dispatch(createHandlers(core, { mode: 'cli', version: 'test' }), channel, input);
  if (!res.ok) throw new Error(`${channel}: ${res.error.code}: ${res.error.message}`);
  return res.value as ChannelOutput<C>;
}

/** Two calls from CUSTOMER (3 h and 1 h ago) and one from someone else (2 h ago), all to OURS. */
function seed() {
  const now = Date.now();
  const older = w.fake.addCall({ from: CUSTOMER, to: OURS, startTime: new Date(now - 3 * HOUR), durationSec: 60 });
  const newer = w.fake.addCall({ from: CUSTOMER, to: OURS, startTime: new Date(now - 1 * HOUR), durationSec: 30 });
  const other = w.fake.addCall({ from: '+442071838750', to: OURS, startTime: new Date(now - 2 * HOUR), durationSec: 20 });
  // Recordings listed newest first by the API; the sync handles them in any order.
  const olderRecs = [
    w.fake.addRecording({ callSid: older.sid, durationSec: 7, dateCreated: new Date(older.startTime.getTime() + 2_000) }),
    w.fake.addRecording({ callSid: older.sid, durationSec: 4, dateCreated: new Date(older.startTime.getTime() + 15_000) }),
  ];
  const newerRec = w.fake.addRecording({ callSid: newer.sid, durationSec: 5, dateCreated: new Date(newer.startTime.getTime() + 1_000) });
  const otherRec = w.fake.addRecording({ callSid: other.sid, durationSec: 3, dateCreated: new Date(other.startTime.getTime() + 1_000) });
  return { older, newer, other, olderRecs, newerRec, otherRec };
}

describe('Twilio call timeline', () => {
  it('shows a call with two recordings and a failed one as one group, in time order, with app activities after', async () => {
    const s = seed();
    const core = w.core({ concurrency: 1 });
    expect(await core.twilio.sync()).toMatchObject({ downloaded: 4, failed: [], missing: [] });
    // A third recording of the same call whose media is gone: a sync_error in the same group.
    const gone = w.fake.addRecording({ callSid: s.older.sid, durationSec: 3, dateCreated: new Date(s.older.startTime.getTime() + 40_000) });
    w.fake.fail('media', { status: 404 });
    // Listed again from the day before the call (the saved cursor is past this recording's date).
    const since = new Date(s.older.startTime.getTime() - 24 * HOUR).toISOString().slice(0, 10);
    expect((await core.twilio.sync({ since })).missing.map((m) => m.recordingSid)).toEqual([gone.sid]);

    const callId = dbRows(core).call(s.older.sid)!.id;
    const comment = await call(core, 'comments:add', { callId, start: 12, text: 'Hold music too long' });

    const groups = TimelineGroup.array().parse(await call(core, 'timeline:call', { callId }));
    expect(groups).toHaveLength(1);
    const g = groups[0]!;
    expect(g).toMatchObject({ groupId: s.older.sid, callId, externalId: s.older.sid, source: 'twilio', startedAt: s.older.startTime.toISOString() });
    expect(g.call).toMatchObject({ type: 'call', label: 'Call', origin: 'import', at: s.older.startTime.toISOString(), summary: `${CUSTOMER} → ${OURS}, inbound` });
    expect(g.children.map((c) => [c.type, c.label, c.origin])).toEqual([
      ['call_recording', 'Recording available', 'twilio'],
      ['call_recording', 'Recording available', 'twilio'],
      ['sync_error', 'Sync error', 'twilio'],
      ['comment_added', 'Comment added', 'app'],
    ]);
    const [r1, r2, err] = g.children;
    expect(r1!.payload.recordingSid).toBe(s.olderRecs[0]!.sid);
    expect(r2!.payload.recordingSid).toBe(s.olderRecs[1]!.sid);
    expect([r1!.offsetSec, r2!.offsetSec, err!.offsetSec]).toEqual([2, 15, 40]);
    expect(r1!.summary).toBe(`${s.olderRecs[0]!.sid}, 7 s, 2 ch`);
    // "Recording available" opens the audio file it was downloaded to.
    const audio = dbRows(core).audio();
    expect(r1!.refersTo).toEqual({ kind: 'recording', id: audio.find((a) => a.external_id === s.olderRecs[0]!.sid)!.id });
    expect(err!.summary).toBe('Twilio has no media for this recording (HTTP 404)');
    expect(g.children[3]!.refersTo).toEqual({ kind: 'comment', id: comment.id, timeSec: 12 });
  });

  it("lists a phone number's calls newest first, each call its own group, and filters them", async () => {
    const s = seed();
    const core = w.core();
    expect(await core.twilio.sync()).toMatchObject({ downloaded: 4 });
    const rows = dbRows(core);
    const olderId = rows.call(s.older.sid)!.id;
    const newerId = rows.call(s.newer.sid)!.id;

    // Typed the way people write numbers.
    const typed = '+1 (415) 555-0123';
    expect(compactPhone(typed)).toBe(CUSTOMER);
    const t = ContactTimeline.parse(await call(core, 'timeline:contact', { phone: typed }));
    expect(t.contact).toMatchObject({ phone: CUSTOMER });
    expect(t.groups.map((g) => [g.callId, g.groupId])).toEqual([
      [newerId, s.newer.sid],
      [olderId, s.older.sid],
    ]);
    expect(t.groups.map((g) => g.children.map((c) => c.type))).toEqual([['call_recording'], ['call_recording', 'call_recording']]);
    // By contact id: the same answer.
    expect(await call(core, 'timeline:contact', { contactId: t.contact!.id })).toEqual(t);

    // Our own number took part in all three calls: newest first.
    const ours = await call(core, 'timeline:contact', { phone: OURS });
    expect(ours.groups.map((g) => g.externalId)).toEqual([s.newer.sid, s.other.sid, s.older.sid]);

    // A date range that only the older call's second recording falls in.
    const at15 = new Date(s.older.startTime.getTime() + 15_000).toISOString();
    const narrowed = await call(core, 'timeline:contact', { phone: CUSTOMER, from: at15, to: at15 });
    expect(narrowed.groups.map((g) => [g.callId, g.children.map((c) => c.payload.recordingSid)])).toEqual([[olderId, [s.olderRecs[1]!.sid]]]);
    // A type no call has leaves nothing.
    expect((await call(core, 'timeline:contact', { phone: CUSTOMER, types: ['score_submitted'] })).groups).toEqual([]);
    // Only the newer call's comment matches the type filter.
    await call(core, 'comments:add', { callId: newerId, start: 1, text: 'Asked for a callback' });
    const comments = await call(core, 'timeline:contact', { phone: CUSTOMER, types: ['comment_added'] });
    expect(comments.groups.map((g) => [g.callId, g.children.map((c) => c.summary)])).toEqual([[newerId, ['Asked for a callback']]]);

    // Unknown numbers have no calls; unknown contact ids are an error; both or neither is refused.
    expect(await call(core, 'timeline:contact', { phone: '+15550000000' })).toEqual({ contact: null, groups: [] });
    const h = createHandlers(core, { mode: 'cli', version: 'test' });
    expect(await dispatch(h, 'timeline:contact', { contactId: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch(h, 'timeline:contact', { phone: CUSTOMER, contactId: 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch(h, 'timeline:contact', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
