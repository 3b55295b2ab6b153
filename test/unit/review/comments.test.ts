/**
 * Comments through the IPC handlers on a real library: at the playhead or on a region, edited
 * with every text kept, soft-deleted, each change an activity in the call's group, validation,
 * and the comments in the text export.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transcriptText } from '../../../electron/core/export/transcript-text.js';
import { Comment } from '../../../shared/review.js';
import { reviewRig, type ReviewRig } from './review-rig.js';

let rig: ReviewRig;

beforeEach(async () => {
  rig = await reviewRig('cr-review-comments-');
});
afterEach(() => {
  rig?.close();
});

const commentActivities = () =>
  rig.core.repos.activities
    .forCall(rig.callId)
    .filter((a) => a.type.startsWith('comment_'))
    .map((a) => ({ type: a.type, at: a.at, groupId: a.groupId, payload: a.payload }));

describe('comments', () => {
  it('adds at the playhead and on a region, edits with history, deletes softly, logging each change', async () => {
    rig.setNow('2026-03-05T10:00:00.000Z');
    const region = Comment.parse(await rig.call('comments:add', { callId: rig.callId, start: 4.4, end: 8.1, text: '  Caller  asks for a refund ', author: 'dana' }));
    rig.setNow('2026-03-05T10:00:30.000Z');
    const point = await rig.call('comments:add', { callId: rig.callId, start: 1.25, text: 'Bot greets late' });
    expect(region).toMatchObject({ callId: rig.callId, start: 4.4, end: 8.1, text: 'Caller  asks for a refund', author: 'dana', deletedAt: null, history: [{ text: 'Caller  asks for a refund', at: '2026-03-05T10:00:00.000Z' }] });
    expect(point).toMatchObject({ start: 1.25, end: null, author: null });
    // In time order on the call.
    expect((await rig.call('comments:list', { callId: rig.callId })).map((c) => c.id)).toEqual([point.id, region.id]);

    rig.setNow('2026-03-05T10:01:00.000Z');
    const edited = await rig.call('comments:edit', { id: region.id, text: 'Caller asks for a refund of order 48213' });
    expect(edited).toMatchObject({ start: 4.4, end: 8.1, updatedAt: '2026-03-05T10:01:00.000Z', createdAt: '2026-03-05T10:00:00.000Z' });
    // Moving a comment without changing its words adds no history line.
    rig.setNow('2026-03-05T10:02:00.000Z');
    const moved = await rig.call('comments:edit', { id: region.id, text: 'Caller asks for a refund of order 48213', start: 4, end: null });
    expect(moved).toMatchObject({ start: 4, end: null });
    expect(moved.history).toEqual([
      { text: 'Caller  asks for a refund', at: '2026-03-05T10:00:00.000Z' },
      { text: 'Caller asks for a refund of order 48213', at: '2026-03-05T10:01:00.000Z' },
    ]);

    rig.setNow('2026-03-05T10:03:00.000Z');
    const deleted = await rig.call('comments:delete', { id: point.id });
    expect(deleted).toMatchObject({ deletedAt: '2026-03-05T10:03:00.000Z', text: 'Bot greets late', history: [{ text: 'Bot greets late', at: '2026-03-05T10:00:30.000Z' }] });
    // Deleting again changes nothing; a deleted comment cannot be edited.
    expect(await rig.call('comments:delete', { id: point.id })).toEqual(deleted);
    expect(await rig.fail('comments:edit', { id: point.id, text: 'again' })).toMatchObject({ code: 'conflict' });
    expect((await rig.call('comments:list', { callId: rig.callId })).map((c) => c.id)).toEqual([region.id]);
    expect((await rig.call('comments:list', { callId: rig.callId, includeDeleted: true })).map((c) => [c.id, c.deletedAt])).toEqual([
      [point.id, '2026-03-05T10:03:00.000Z'],
      [region.id, null],
    ]);

    expect(commentActivities()).toEqual([
      { type: 'comment_added', at: '2026-03-05T10:00:00.000Z', groupId: 'sess-a1b2c3', payload: { commentId: region.id, start: 4.4, end: 8.1, text: 'Caller asks for a refund' } },
      { type: 'comment_added', at: '2026-03-05T10:00:30.000Z', groupId: 'sess-a1b2c3', payload: { commentId: point.id, start: 1.25, end: null, text: 'Bot greets late' } },
      {
        type: 'comment_edited',
        at: '2026-03-05T10:01:00.000Z',
        groupId: 'sess-a1b2c3',
        payload: { commentId: region.id, start: 4.4, end: 8.1, text: 'Caller asks for a refund of order 48213', previous: 'Caller asks for a refund' },
      },
      {
        type: 'comment_edited',
        at: '2026-03-05T10:02:00.000Z',
        groupId: 'sess-a1b2c3',
        payload: { commentId: region.id, start: 4, end: null, text: 'Caller asks for a refund of order 48213', previous: 'Caller asks for a refund of order 48213' },
      },
      { type: 'comment_deleted', at: '2026-03-05T10:03:00.000Z', groupId: 'sess-a1b2c3', payload: { commentId: point.id, start: 1.25, end: null, text: 'Bot greets late' } },
    ]);
  });

  it('refuses empty text, regions that end before they start, places past the end of the call and unknown ids', async () => {
    const bad = async (input: unknown) => (await rig.fail('comments:add', input)).code;
    expect(await bad({ callId: rig.callId, start: 1, text: '   ' })).toBe('bad-request');
    expect(await bad({ callId: rig.callId, start: 5, end: 5, text: 'x' })).toBe('bad-request');
    expect(await bad({ callId: rig.callId, start: -1, text: 'x' })).toBe('bad-request');
    // The fixture call is about 9.1 s long.
    expect(await rig.fail('comments:add', { callId: rig.callId, start: 8, end: 30, text: 'x' })).toMatchObject({ code: 'bad-request', message: expect.stringContaining('cannot be placed at 30.0 s') });
    expect(await bad({ callId: 9999, start: 1, text: 'x' })).toBe('not-found');
    const c = await rig.call('comments:add', { callId: rig.callId, start: 2, end: 3, text: 'ok' });
    expect((await rig.fail('comments:edit', { id: c.id, text: 'ok', start: 4 })).message).toBe('A region must end after it starts.');
    expect((await rig.fail('comments:delete', { id: 4242 })).code).toBe('not-found');
    expect(commentActivities().map((a) => a.type)).toEqual(['comment_added']);
  });

  it('appears in the text export after the transcript', async () => {
    const before = transcriptText(rig.core.repos, rig.callId);
    expect(before).not.toContain('Comments:');
    await rig.call('comments:add', { callId: rig.callId, start: 4.4, end: 8.1, text: 'Refund refused', author: 'dana' });
    await rig.call('comments:add', { callId: rig.callId, start: 1.2, text: 'Late\ngreeting' });
    const gone = await rig.call('comments:add', { callId: rig.callId, start: 2, text: 'deleted one' });
    await rig.call('comments:delete', { id: gone.id });
    expect(transcriptText(rig.core.repos, rig.callId)).toBe(`${before}\nComments:\n[0:01] Late greeting\n[0:04–0:08] dana: Refund refused\n`);
  });
});
