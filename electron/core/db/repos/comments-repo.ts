import type { Comment } from '../../../../shared/review.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

interface CommentRow {
  id: number;
  call_id: number;
  start_sec: number;
  end_sec: number | null;
  text: string;
  author: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface EditRow {
  comment_id: number;
  text: string;
  at: string;
}

const COLS = 'c.id, c.call_id, c.start_sec, c.end_sec, c.text, c.author, c.created_at, c.updated_at, c.deleted_at';

function toComment(r: CommentRow, history: EditRow[]): Comment {
  return {
    id: r.id,
    callId: r.call_id,
    start: r.start_sec,
    end: r.end_sec,
    text: r.text,
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    history: history.map((e) => ({ text: e.text, at: e.at })),
  };
}

/** Reviewers' comments on calls; every text is kept in comment_edits and deletion only marks the row. */
export class CommentsRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Stores a new comment with its first text in the history; returns its id. */
  add(c: { callId: number; start: number; end: number | null; text: string; author: string | null }, now: string): number {
    return this.db.transaction(() => {
      const id = Number(
        this.sql(`INSERT INTO comments (call_id, start_sec, end_sec, text, author, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
          c.callId,
          c.start,
          c.end,
          c.text,
          c.author,
          now,
          now,
        ).lastInsertRowid,
      );
      this.sql(`INSERT INTO comment_edits (comment_id, text, at) VALUES (?, ?, ?)`).run(id, c.text, now);
      return id;
    })();
  }

  /** Changes a live comment's text (kept in the history when it differs) and position; false when there is no live comment. */
  edit(id: number, change: { text: string; start: number; end: number | null }, now: string): boolean {
    return this.db.transaction(() => {
      const before = this.sql(`SELECT text FROM comments WHERE id = ? AND deleted_at IS NULL`).pluck().get(id) as string | undefined;
      if (before === undefined) return false;
      this.sql(`UPDATE comments SET text = ?, start_sec = ?, end_sec = ?, updated_at = ? WHERE id = ?`).run(change.text, change.start, change.end, now, id);
      if (before !== change.text) this.sql(`INSERT INTO comment_edits (comment_id, text, at) VALUES (?, ?, ?)`).run(id, change.text, now);
      return true;
    })();
  }

  /** Marks a live comment deleted; false when there is none. */
  softDelete(id: number, now: string): boolean {
    return this.sql(`UPDATE comments SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`).run(now, now, id).changes > 0;
  }

  /** One comment (deleted ones too) with its history, or null. */
  get(id: number): Comment | null {
    const r = this.sql(`SELECT ${COLS} FROM comments c WHERE c.id = ?`).get(id) as CommentRow | undefined;
    if (!r) return null;
    const edits = this.sql(`SELECT comment_id, text, at FROM comment_edits WHERE comment_id = ? ORDER BY id`).all(id) as EditRow[];
    return toComment(r, edits);
  }

  /** A call's comments in time order (start, then creation); deleted ones only when asked for. */
  list(callId: number, includeDeleted = false): Comment[] {
    const rows = this.sql(
      `SELECT ${COLS} FROM comments c WHERE c.call_id = ? AND (? OR c.deleted_at IS NULL) ORDER BY c.start_sec, c.id`,
    ).all(callId, includeDeleted ? 1 : 0) as CommentRow[];
    if (rows.length === 0) return [];
    const edits = this.sql(
      `SELECT e.comment_id, e.text, e.at FROM comment_edits e JOIN comments c ON c.id = e.comment_id WHERE c.call_id = ? ORDER BY e.id`,
    ).all(callId) as EditRow[];
    const byComment = new Map<number, EditRow[]>();
    for (const e of edits) {
      const list = byComment.get(e.comment_id) ?? [];
      list.push(e);
      byComment.set(e.comment_id, list);
    }
    return rows.map((r) => toComment(r, byComment.get(r.id) ?? []));
  }
}
