/** Call tags on a real library: validation, case-insensitive uniqueness, the tag list, the list rows and the history. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reviewRig, type ReviewRig } from './review-rig.js';

let rig: ReviewRig;

beforeEach(async () => {
  rig = await reviewRig('cr-tags-');
});

afterEach(() => rig.close());

const tagActivities = () => rig.core.repos.activities.forCall(rig.callId).filter((a) => a.type === 'tags_changed');

describe('tags:set', () => {
  it('stores tags as typed (trimmed), drops case-insensitive duplicates and answers the call with them', async () => {
    const d = await rig.call('tags:set', { callId: rig.callId, tags: ['  Billing ', 'urgent', 'BILLING', 'Urgent'] });
    expect(d.id).toBe(rig.callId);
    expect(d.tags).toEqual(['Billing', 'urgent']);
    const list = await rig.call('library:list', {});
    expect(list.items.find((c) => c.id === rig.callId)?.tags).toEqual(['Billing', 'urgent']);
    expect(rig.core.repos.db.prepare('SELECT count(*) FROM call_tags').pluck().get()).toBe(2);
  });

  it('replaces the set: a re-spelled tag keeps its place and age, removed tags go, new ones come last', async () => {
    await rig.call('tags:set', { callId: rig.callId, tags: ['billing', 'urgent', 'refund'] });
    rig.setNow('2026-03-06T10:00:00.000Z');
    const d = await rig.call('tags:set', { callId: rig.callId, tags: ['callback', 'Billing', 'refund'] });
    expect(d.tags).toEqual(['Billing', 'refund', 'callback']);
    const ages = rig.core.repos.db.prepare('SELECT tag, created_at AS at FROM call_tags ORDER BY tag').all();
    expect(ages).toEqual([
      { tag: 'Billing', at: '2026-03-05T10:00:00.000Z' },
      { tag: 'callback', at: '2026-03-06T10:00:00.000Z' },
      { tag: 'refund', at: '2026-03-05T10:00:00.000Z' },
    ]);
    expect((await rig.call('tags:set', { callId: rig.callId, tags: [] })).tags).toEqual([]);
  });

  it('records each change as a tags_changed activity in the call’s group, and nothing when the set is the same', async () => {
    await rig.call('tags:set', { callId: rig.callId, tags: ['billing'] });
    await rig.call('tags:set', { callId: rig.callId, tags: ['billing'] });
    rig.setNow('2026-03-06T10:00:00.000Z');
    await rig.call('tags:set', { callId: rig.callId, tags: ['urgent'] });
    const acts = tagActivities();
    expect(acts.map((a) => a.payload)).toEqual([
      { added: ['billing'], removed: [], tags: ['billing'] },
      { added: ['urgent'], removed: ['billing'], tags: ['urgent'] },
    ]);
    const parent = rig.core.repos.activities.callActivity(rig.callId)!;
    expect(acts.every((a) => a.parentId === parent.id && a.groupId === parent.groupId)).toBe(true);
    expect(acts.map((a) => a.at)).toEqual(['2026-03-05T10:00:00.000Z', '2026-03-06T10:00:00.000Z']);
  });

  it('refuses empty, over-long and control-character tags and unknown calls, changing nothing', async () => {
    for (const bad of ['', '   ', 'x'.repeat(41), 'a\tb', 'line\nbreak', 'bell\u0007']) {
      expect(await rig.fail('tags:set', { callId: rig.callId, tags: [bad] })).toMatchObject({ code: 'bad-request' });
    }
    expect((await rig.call('tags:set', { callId: rig.callId, tags: ['x'.repeat(40)] })).tags).toEqual(['x'.repeat(40)]);
    expect(await rig.fail('tags:set', { callId: 99_999, tags: ['a'] })).toMatchObject({ code: 'not-found' });
    expect(rig.core.repos.db.prepare('SELECT count(*) FROM call_tags').pluck().get()).toBe(1);
  });

  it('goes with its call when the call is deleted', async () => {
    await rig.call('tags:set', { callId: rig.callId, tags: ['billing', 'urgent'] });
    rig.core.repos.db.prepare('DELETE FROM calls WHERE id = ?').run(rig.callId);
    expect(rig.core.repos.db.prepare('SELECT count(*) FROM call_tags').pluck().get()).toBe(0);
  });
});

describe('tags:list', () => {
  it('counts calls per tag without case, named by the oldest spelling, in name order', async () => {
    expect(await rig.call('tags:list', {})).toEqual([]);
    // A second call: the first call copied under a new import key.
    const db = rig.core.repos.db;
    const other = Number(
      db.prepare(`INSERT INTO calls (source, external_id, import_key, channel_roles, created_at, updated_at) VALUES ('folder', 'second', 'k2', '[]', ?, ?)`).run('t', 't')
        .lastInsertRowid,
    );
    await rig.call('tags:set', { callId: rig.callId, tags: ['Urgent', 'billing'] });
    rig.setNow('2026-03-06T10:00:00.000Z');
    await rig.call('tags:set', { callId: other, tags: ['urgent', 'zebra'] });
    expect(await rig.call('tags:list', {})).toEqual([
      { tag: 'billing', calls: 1 },
      { tag: 'Urgent', calls: 2 },
      { tag: 'zebra', calls: 1 },
    ]);
    expect((await rig.call('library:list', { filters: { tag: 'URGENT' } })).items.map((c) => c.id).sort()).toEqual([rig.callId, other].sort());
    expect((await rig.call('library:list', { filters: { tag: 'zebra' } })).total).toBe(1);
  });
});
