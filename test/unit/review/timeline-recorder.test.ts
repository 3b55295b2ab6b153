/**
 * The timeline of a recorder session (fixture sess-a1b2c3, two function calls and six session
 * events) on a real library: one group headed by the call activity, children in time order,
 * app activities joining the same group, filters by type and date, and "Transcript viewed" logged
 * once per opening.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TimelineGroup, type TimelineEntry, type TimelineFilters } from '../../../shared/review.js';
import { A1, reviewRig, type ReviewRig } from './review-rig.js';

let rig: ReviewRig;

beforeEach(async () => {
  rig = await reviewRig('cr-review-timeline-');
});
afterEach(() => {
  rig?.close();
});

const labels = (entries: TimelineEntry[]): string[] => entries.map((e) => e.label);

const RECORDER_LABELS = [
  'Session event: session_started',
  'Session event: caller_connected',
  'Function call: lookup_order',
  'Session event: function_call',
  'Function call: issue_refund',
  'Session event: function_call',
  'Session event: bot_interrupted',
  'Session event: session_ended',
];

describe('recorder session timeline', () => {
  it('is one group: the call activity on top, function calls and session events under it in time order', async () => {
    const groups = TimelineGroup.array().parse(await rig.call('timeline:call', { callId: rig.callId }));
    expect(groups).toHaveLength(1);
    const g = groups[0]!;
    expect(g).toMatchObject({ groupId: 'sess-a1b2c3', callId: rig.callId, externalId: A1, source: 'folder' });
    expect(g.call).toMatchObject({ type: 'call', label: 'Call', origin: 'import', refersTo: { kind: 'call', id: rig.callId } });
    expect(g.call.at).toBe(g.startedAt);
    expect(labels(g.children)).toEqual(RECORDER_LABELS);
    expect(g.children.every((c) => c.origin === 'recorder')).toBe(true);
    // Wall-clock times never go backwards, and each offset is its time minus the call's start.
    const start = Date.parse(g.startedAt!);
    for (const [i, c] of g.children.entries()) {
      if (i > 0) expect(Date.parse(c.at!)).toBeGreaterThanOrEqual(Date.parse(g.children[i - 1]!.at!));
      expect(c.offsetSec).toBeCloseTo((Date.parse(c.at!) - start) / 1000, 3);
    }
    const lookup = g.children[2]!;
    expect(lookup.at).toBe('2026-03-02T09:15:08.345Z');
    expect(lookup.summary).toBe('lookup_order({"order_id":"48213"})');
    // A timed entry opens the call at its moment.
    expect(lookup.refersTo).toEqual({ kind: 'call', id: rig.callId, timeSec: lookup.offsetSec });
    expect(g.children[6]!.summary).toBe('{"by":"caller","overlap_ms":420}');
  });

  it('puts app activities (comment, transcript viewed, score) in the same group after the recorded ones', async () => {
    const transcript = rig.core.repos.transcripts.active(rig.callId)!;
    rig.setNow('2026-03-05T10:00:00.000Z');
    const viewed = await rig.call('review:transcriptViewed', { callId: rig.callId, transcriptId: transcript.id });
    rig.setNow('2026-03-05T10:01:00.000Z');
    const comment = await rig.call('comments:add', { callId: rig.callId, start: 4.5, text: 'Refund refused too quickly' });
    rig.setNow('2026-03-05T10:02:00.000Z');
    const rubric = await rig.call('rubrics:save', { name: 'Refunds', sections: [{ title: 'Policy', criteria: [{ text: 'Explained the return window', kind: 'yesno' }] }] });
    const draft = await rig.call('scores:save', { callId: rig.callId, rubricId: rubric.id, answers: [{ criterionId: rubric.sections[0]!.criteria[0]!.id, value: 'yes' }] });
    await rig.call('scores:complete', { id: draft.id });

    const [g, ...more] = await rig.call('timeline:call', { callId: rig.callId });
    expect(more).toEqual([]);
    expect(labels(g!.children)).toEqual([...RECORDER_LABELS, 'Transcript viewed', 'Comment added', 'Score submitted']);
    const app = g!.children.slice(RECORDER_LABELS.length);
    expect(app.map((e) => [e.origin, e.at, e.offsetSec])).toEqual([
      ['app', '2026-03-05T10:00:00.000Z', null],
      ['app', '2026-03-05T10:01:00.000Z', null],
      ['app', '2026-03-05T10:02:00.000Z', null],
    ]);
    expect(app[0]).toMatchObject({ id: viewed.activityId, summary: 'version 1', refersTo: { kind: 'transcript', id: transcript.id } });
    expect(app[1]).toMatchObject({ summary: 'Refund refused too quickly', refersTo: { kind: 'comment', id: comment.id, timeSec: 4.5 } });
    expect(app[2]).toMatchObject({ summary: 'Refunds v1: 100%', refersTo: { kind: 'score', id: draft.id } });
    // Stored as children of the call activity in the call's group.
    const rows = rig.core.repos.activities.forCall(rig.callId).filter((a) => a.type !== 'call' && a.at?.startsWith('2026-03-05'));
    expect(rows.every((a) => a.parentId === g!.call.id && a.groupId === 'sess-a1b2c3')).toBe(true);
  });

  it('filters by type and by date range (days are whole UTC days); a group with nothing left is dropped', async () => {
    rig.setNow('2026-03-05T10:01:00.000Z');
    await rig.call('comments:add', { callId: rig.callId, start: 2, end: 3.5, text: 'Greeting was cut off' });
    const one = (filters: TimelineFilters) => rig.call('timeline:call', { callId: rig.callId, ...filters });

    const fns = await one({ types: ['function_call'] });
    expect(fns).toHaveLength(1);
    expect(labels(fns[0]!.children)).toEqual(['Function call: lookup_order', 'Function call: issue_refund']);

    const window = await one({ from: '2026-03-02T09:15:08.000Z', to: '2026-03-02T09:15:09.000Z' });
    expect(labels(window[0]!.children)).toEqual(RECORDER_LABELS.slice(2, 6));

    // `to` as a day includes its whole day: every recorded event, not the comment made three days later.
    expect(labels((await one({ to: '2026-03-02' }))[0]!.children)).toEqual(RECORDER_LABELS);
    // The call itself is outside this range, but its comment is in it, so the group stays with just that.
    const later = await one({ from: '2026-03-03' });
    expect(labels(later[0]!.children)).toEqual(['Comment added']);
    expect(later[0]!.call.type).toBe('call');

    const both = await one({ types: ['session_event', 'comment_added'], from: '2026-03-02T09:15:11Z', to: '2026-03-05' });
    expect(labels(both[0]!.children)).toEqual(['Session event: bot_interrupted', 'Session event: session_ended', 'Comment added']);

    expect(await one({ types: ['call_recording'] })).toEqual([]);
    expect(await one({ from: '2026-04-01' })).toEqual([]);
    // Asking for the call type alone shows the header without children.
    const header = await one({ types: ['call'] });
    expect(header).toHaveLength(1);
    expect(header[0]!.children).toEqual([]);
  });

  it('refuses bad filters and unknown calls', async () => {
    expect(await rig.fail('timeline:call', { callId: rig.callId, from: 'yesterday' })).toMatchObject({ code: 'bad-request' });
    expect(await rig.fail('timeline:call', { callId: rig.callId, color: 'red' })).toMatchObject({ code: 'bad-request' });
    expect(await rig.fail('timeline:call', { callId: 9999 })).toMatchObject({ code: 'not-found', message: 'There is no call with id 9999.' });
  });
});

describe('transcript viewed', () => {
  it('is logged once per opening: a second report within 10 s is the same opening, a later one a new view', async () => {
    const t = rig.core.repos.transcripts.active(rig.callId)!;
    const viewed = () => rig.call('review:transcriptViewed', { callId: rig.callId, transcriptId: t.id });
    rig.setNow('2026-03-05T10:00:00.000Z');
    const first = await viewed();
    expect(first.logged).toBe(true);
    // A double mount a moment later.
    rig.setNow('2026-03-05T10:00:00.300Z');
    expect(await viewed()).toEqual({ logged: false, activityId: first.activityId });
    rig.setNow('2026-03-05T10:00:09.999Z');
    expect((await viewed()).logged).toBe(false);
    // Opened again later.
    rig.setNow('2026-03-05T10:05:00.000Z');
    const second = await viewed();
    expect(second.logged).toBe(true);
    expect(second.activityId).not.toBe(first.activityId);

    const views = rig.core.repos.activities.forCall(rig.callId).filter((a) => a.type === 'transcript_viewed');
    expect(views.map((v) => [v.at, v.payload.transcriptId])).toEqual([
      ['2026-03-05T10:00:00.000Z', t.id],
      ['2026-03-05T10:05:00.000Z', t.id],
    ]);
  });

  it('refuses a transcript of another call', async () => {
    const t = rig.core.repos.transcripts.active(rig.callId)!;
    const other = rig.core.repos.calls.upsert(
      { source: 'folder', sourceId: null, externalId: 'other', importKey: 'test:other', folderPath: null, startedAt: null, endedAt: null, durationSec: 5, channels: 1, channelRoles: [], fingerprint: null },
      rig.core.now(),
    ).id;
    expect(await rig.fail('review:transcriptViewed', { callId: other, transcriptId: t.id })).toMatchObject({ code: 'not-found' });
    expect(rig.core.repos.activities.forCall(other)).toEqual([]);
  });
});
