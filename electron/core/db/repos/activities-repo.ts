import type { Activity } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** An activity as written. */
export interface ActivityWrite {
  callId: number | null;
  type: string;
  at: string | null;
  offsetSec: number | null;
  origin: string;
  payload: Record<string, unknown>;
  parentId: number | null;
  groupId: string | null;
}

interface ActivityRow {
  id: number;
  type: string;
  at: string | null;
  offset_sec: number | null;
  parent_activity_id: number | null;
  group_id: string | null;
  payload: string;
}

/** The history of calls: a parent call activity with children grouped under it. */
export class ActivitiesRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Inserts one activity and returns its id. */
  add(a: ActivityWrite, now: string): number {
    return Number(
      this.sql(
          `INSERT INTO activities (call_id, type, at, offset_sec, origin, payload, parent_activity_id, group_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(a.callId, a.type, a.at, a.offsetSec, a.origin, JSON.stringify(a.payload), a.parentId, a.groupId, now).lastInsertRowid,
    );
  }

  /** The call's parent activity, created when missing; `update` refreshes its time and payload. */
  ensureCallActivity(callId: number, at: string | null, groupId: string, payload: Record<string, unknown>, now: string, update = true): number {
    const row = this.sql(`SELECT id FROM activities WHERE call_id = ? AND type = 'call' AND parent_activity_id IS NULL`).get(callId) as
      | { id: number }
      | undefined;
    if (row && !update) return row.id;
    if (row) {
      this.sql(`UPDATE activities SET at = ?, group_id = ?, payload = ? WHERE id = ?`).run(at, groupId, JSON.stringify(payload), row.id);
      return row.id;
    }
    return this.add({ callId, type: 'call', at, offsetSec: 0, origin: 'import', payload, parentId: null, groupId }, now);
  }

  /** True when a call already has an activity of this type for a recording SID. */
  hasRecordingActivity(callId: number, type: string, recordingSid: string): boolean {
    return this.sql(`SELECT 1 FROM activities WHERE call_id = ? AND type = ? AND json_extract(payload, '$.recordingSid') = ?`).get(callId, type, recordingSid) !== undefined;
  }

  /** The call activity heading a call's group, if it has one. */
  callActivity(callId: number): { id: number; groupId: string | null } | null {
    const r = this.sql(`SELECT id, group_id FROM activities WHERE call_id = ? AND type = 'call' AND parent_activity_id IS NULL ORDER BY id LIMIT 1`).get(callId) as
      | { id: number; group_id: string | null }
      | undefined;
    return r ? { id: r.id, groupId: r.group_id } : null;
  }

  /** Deletes the activities one origin wrote for a call (re-import replaces them). */
  removeByOrigin(callId: number, origin: string): void {
    this.sql(`DELETE FROM activities WHERE call_id = ? AND origin = ?`).run(callId, origin);
  }

  /** A call's activities in time order, the parent first. */
  forCall(callId: number): Activity[] {
    const rows = this.sql(
        `SELECT id, type, at, offset_sec, parent_activity_id, group_id, payload FROM activities WHERE call_id = ?
         ORDER BY parent_activity_id IS NOT NULL, coalesce(offset_sec, 0), id`,
      )
      .all(callId) as ActivityRow[];
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      at: r.at,
      offsetSec: r.offset_sec,
      parentId: r.parent_activity_id,
      groupId: r.group_id,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
    }));
  }
}
