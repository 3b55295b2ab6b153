import type { StoreApi } from 'zustand/vanilla';
import type { Comment, ContactTimeline, TimelineFilters, TimelineGroup } from '../../shared/review.js';
import type { ApiClient } from '../api/client.js';
import { localDayBound, typesOfChips } from './review-logic.js';

/** The timeline's filters as the controls hold them: chip keys, and local days ('' = open). */
export interface TimelineFilterState {
  chips: string[];
  from: string;
  to: string;
}

/** No filter at all. */
export const NO_TIMELINE_FILTER: TimelineFilterState = { chips: [], from: '', to: '' };

/** A phone number's timeline shown in the contact drawer. */
export interface ContactView {
  phone: string;
  filter: TimelineFilterState;
  /** As filtered, and unfiltered (for the chips). */
  result: ContactTimeline | null;
  all: ContactTimeline | null;
  loading: boolean;
}

/** A comment to add: at `start` (the playhead), or on start..end (the loop region). */
export interface NewComment {
  callId: number;
  start: number;
  end: number | null;
  text: string;
}

/** The open call's timeline and comments, the contact drawer, and "Transcript viewed". */
export interface ReviewSlice {
  /** The open call's groups as filtered, and unfiltered (for the chips and their counts). */
  timeline: TimelineGroup[] | null;
  timelineAll: TimelineGroup[] | null;
  timelineCallId: number | null;
  timelineLoading: boolean;
  timelineFilter: TimelineFilterState;
  /** The open call's comments, deleted ones included (their history stays readable). */
  comments: Comment[];
  commentsCallId: number | null;
  /** A comment to bring into view; `n` changes on every request, so asking twice works twice. */
  focusedComment: { id: number; n: number } | null;
  contact: ContactView | null;

  loadTimeline(callId: number): Promise<void>;
  /** Reloads the timeline if it is the given call's (after a comment, score, transcript view…). */
  refreshTimeline(callId: number): void;
  setTimelineFilter(patch: Partial<TimelineFilterState>): Promise<void>;
  loadComments(callId: number): Promise<void>;
  addComment(c: NewComment): Promise<Comment | null>;
  editComment(id: number, text: string): Promise<boolean>;
  deleteComment(id: number): Promise<boolean>;
  focusComment(id: number): void;
  openContact(phone: string): Promise<void>;
  setContactFilter(patch: Partial<TimelineFilterState>): Promise<void>;
  closeContact(): void;
  /** Logs one opening of a transcript version (the core ignores repeats within seconds). */
  logTranscriptViewed(callId: number, transcriptId: number): Promise<void>;
}

/** What the slice needs from the whole store. */
interface SliceContext<S extends ReviewSlice> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
}

/** The filter as the core takes it; empty fields are left out. */
export function toFilters(f: TimelineFilterState): TimelineFilters {
  const out: TimelineFilters = {};
  if (f.chips.length > 0) out.types = typesOfChips(f.chips);
  const from = localDayBound(f.from, false);
  const to = localDayBound(f.to, true);
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to;
  return out;
}

const isOpen = (f: TimelineFilterState): boolean => f.chips.length === 0 && f.from === '' && f.to === '';

/** Builds the review part of the app store over one API client. */
export function createReviewSlice<S extends ReviewSlice>(api: ApiClient, ctx: SliceContext<S>): ReviewSlice {
  const { get, fail } = ctx;
  const set = (patch: Partial<ReviewSlice>): void => ctx.set(patch as Partial<S>);
  // Filters change faster than replies come: only the newest request's answer is shown.
  let timelineAsked = 0;
  let contactAsked = 0;
  let focusN = 0;

  const reloadComments = async (callId: number): Promise<void> => {
    const comments = await api.call('comments:list', { callId, includeDeleted: true });
    if (get().commentsCallId === callId) set({ comments });
  };
  const afterCommentChange = async (callId: number): Promise<void> => {
    await reloadComments(callId);
    get().refreshTimeline(callId);
  };

  const loadContact = async (): Promise<void> => {
    const c = get().contact;
    if (c === null) return;
    const n = ++contactAsked;
    set({ contact: { ...c, loading: true } });
    try {
      const all = api.call('timeline:contact', { phone: c.phone });
      const filtered = isOpen(c.filter) ? all : api.call('timeline:contact', { phone: c.phone, ...toFilters(c.filter) });
      const [allResult, result] = await Promise.all([all, filtered]);
      const now = get().contact;
      if (n === contactAsked && now !== null) set({ contact: { ...now, result, all: allResult, loading: false } });
    } catch (err) {
      const now = get().contact;
      if (n === contactAsked && now !== null) set({ contact: { ...now, loading: false } });
      fail(err);
    }
  };

  return {
    timeline: null,
    timelineAll: null,
    timelineCallId: null,
    timelineLoading: false,
    timelineFilter: NO_TIMELINE_FILTER,
    comments: [],
    commentsCallId: null,
    focusedComment: null,
    contact: null,

    async loadTimeline(callId) {
      // Another call's groups mean nothing here; its filters carry over, as a reviewer going through calls expects.
      if (get().timelineCallId !== callId) set({ timeline: null, timelineAll: null, timelineCallId: callId });
      const n = ++timelineAsked;
      const filter = get().timelineFilter;
      set({ timelineLoading: true });
      try {
        const all = api.call('timeline:call', { callId });
        const filtered = isOpen(filter) ? all : api.call('timeline:call', { callId, ...toFilters(filter) });
        const [timelineAll, timeline] = await Promise.all([all, filtered]);
        if (n === timelineAsked && get().timelineCallId === callId) set({ timelineAll, timeline });
      } catch (err) {
        fail(err);
      } finally {
        if (n === timelineAsked) set({ timelineLoading: false });
      }
    },

    refreshTimeline(callId) {
      if (get().timelineCallId === callId) void get().loadTimeline(callId);
    },

    async setTimelineFilter(patch) {
      set({ timelineFilter: { ...get().timelineFilter, ...patch } });
      const callId = get().timelineCallId;
      if (callId !== null) await get().loadTimeline(callId);
    },

    async loadComments(callId) {
      if (get().commentsCallId !== callId) set({ comments: [], commentsCallId: callId, focusedComment: null });
      try {
        await reloadComments(callId);
      } catch (err) {
        fail(err);
      }
    },

    async addComment(c) {
      try {
        const comment = await api.call('comments:add', { callId: c.callId, start: c.start, end: c.end, text: c.text });
        await afterCommentChange(c.callId);
        return comment;
      } catch (err) {
        fail(err);
        return null;
      }
    },

    async editComment(id, text) {
      try {
        const comment = await api.call('comments:edit', { id, text });
        await afterCommentChange(comment.callId);
        return true;
      } catch (err) {
        fail(err);
        return false;
      }
    },

    async deleteComment(id) {
      try {
        const comment = await api.call('comments:delete', { id });
        await afterCommentChange(comment.callId);
        return true;
      } catch (err) {
        fail(err);
        return false;
      }
    },

    focusComment(id) {
      set({ focusedComment: { id, n: ++focusN } });
    },

    async openContact(phone) {
      set({ contact: { phone, filter: NO_TIMELINE_FILTER, result: null, all: null, loading: true } });
      await loadContact();
    },

    async setContactFilter(patch) {
      const c = get().contact;
      if (c === null) return;
      set({ contact: { ...c, filter: { ...c.filter, ...patch } } });
      await loadContact();
    },

    closeContact() {
      contactAsked++;
      set({ contact: null });
    },

    async logTranscriptViewed(callId, transcriptId) {
      try {
        const res = await api.call('review:transcriptViewed', { callId, transcriptId });
        if (res.logged) get().refreshTimeline(callId);
      } catch (err) {
        fail(err);
      }
    },
  };
}
