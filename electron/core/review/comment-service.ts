import type { z } from 'zod';
import { AppError } from '../../../shared/ipc/envelope.js';
import type { Comment, CommentAddInput, CommentEditInput } from '../../../shared/review.js';
import type { Repos } from '../db/repos/index.js';
import { addReviewActivity } from '../transcription/transcription-activity.js';

/** How much of a comment's text its activities carry (the timeline shows one line). */
const EXCERPT = 120;
/** Slack past the call's known duration, since durations are rounded by some sources. */
const END_SLACK_SEC = 1;

/** Reviewers' comments: added at the playhead or on a region, edited and deleted with history, each change logged in the call's group. */
export class CommentService {
  constructor(
    private readonly repos: Repos,
    private readonly now: () => string,
  ) {}

  /** A call's comments in time order; deleted ones only when asked for. */
  list(callId: number, includeDeleted = false): Comment[] {
    this.callDuration(callId);
    return this.repos.comments.list(callId, includeDeleted);
  }

  /** One comment (deleted ones too); not-found when there is none. */
  get(id: number): Comment {
    const c = this.repos.comments.get(id);
    if (!c) throw new AppError('not-found', `There is no comment with id ${id}.`);
    return c;
  }

  /** Adds a comment and its comment_added activity. */
  add(input: z.output<typeof CommentAddInput>): Comment {
    this.checkPlace(input.callId, input.start, input.end);
    const id = this.repos.db.transaction(() => {
      const now = this.now();
      const id = this.repos.comments.add(input, now);
      addReviewActivity(this.repos, input.callId, 'comment_added', payload(id, input.start, input.end, input.text), now);
      return id;
    })();
    return this.get(id);
  }

  /** Changes a comment's text (and moment or region); the earlier text stays in its history. */
  edit(input: z.output<typeof CommentEditInput>): Comment {
    const current = this.get(input.id);
    if (current.deletedAt !== null) throw new AppError('conflict', `Comment ${input.id} was deleted and can no longer be edited.`);
    const start = input.start ?? current.start;
    const end = input.end === undefined ? current.end : input.end;
    if (end !== null && end <= start) throw new AppError('bad-request', 'A region must end after it starts.');
    this.checkPlace(current.callId, start, end);
    this.repos.db.transaction(() => {
      const now = this.now();
      if (!this.repos.comments.edit(input.id, { text: input.text, start, end }, now)) throw new AppError('conflict', `Comment ${input.id} was deleted and can no longer be edited.`);
      addReviewActivity(this.repos, current.callId, 'comment_edited', { ...payload(input.id, start, end, input.text), previous: excerpt(current.text) }, now);
    })();
    return this.get(input.id);
  }

  /** Deletes a comment (kept, marked deleted, with its history) and logs comment_deleted. */
  delete(id: number): Comment {
    const current = this.get(id);
    if (current.deletedAt !== null) return current;
    this.repos.db.transaction(() => {
      const now = this.now();
      if (this.repos.comments.softDelete(id, now)) addReviewActivity(this.repos, current.callId, 'comment_deleted', payload(id, current.start, current.end, current.text), now);
    })();
    return this.get(id);
  }

  private callDuration(callId: number): number | null {
    const call = this.repos.calls.row(callId);
    if (!call) throw new AppError('not-found', `There is no call with id ${callId}.`);
    return call.duration_sec;
  }

  /** Refuses a moment or region past the end of the call, when its length is known. */
  private checkPlace(callId: number, start: number, end: number | null): void {
    const duration = this.callDuration(callId);
    if (duration === null) return;
    const last = end ?? start;
    if (last > duration + END_SLACK_SEC) throw new AppError('bad-request', `The call is ${duration.toFixed(1)} s long; a comment cannot be placed at ${last.toFixed(1)} s.`);
  }
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line;
}

function payload(commentId: number, start: number, end: number | null, text: string): Record<string, unknown> {
  return { commentId, start, end, text: excerpt(text) };
}
