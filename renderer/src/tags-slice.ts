import type { StoreApi } from 'zustand/vanilla';
import type { TagCount } from '../../shared/tags.js';
import type { CallDetail, CallSummary } from '../../shared/types.js';
import type { ApiClient } from '../api/client.js';

/** Reviewer tags: the open call's editor and the tags in use (the dashboard's tag filter). */
export interface TagsSlice {
  /** Every tag in use with its call count, by name. */
  tagOptions: TagCount[];
  savingTags: boolean;
  loadTagOptions(): Promise<void>;
  /** Makes a call's tags exactly these; true when saved (the editor keeps what was typed otherwise). */
  setCallTags(callId: number, tags: string[]): Promise<boolean>;
}

/** What the slice reads and writes beyond itself. */
type Host = TagsSlice & { openId: number | null; detail: CallDetail | null; calls: CallSummary[] };

/** What the slice needs from the whole store. */
interface SliceContext<S extends Host> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
}

/** Builds the tags part of the app store over one API client. */
export function createTagsSlice<S extends Host>(api: ApiClient, ctx: SliceContext<S>): TagsSlice {
  const { get, fail } = ctx;
  const set = (patch: Partial<Host>): void => ctx.set(patch as Partial<S>);
  return {
    tagOptions: [],
    savingTags: false,

    async loadTagOptions() {
      try {
        set({ tagOptions: await api.call('tags:list', {}) });
      } catch (err) {
        fail(err);
      }
    },

    async setCallTags(callId, tags) {
      set({ savingTags: true });
      try {
        const detail = await api.call('tags:set', { callId, tags });
        // The list row shows tags too: patch it rather than reload the whole list.
        set({ calls: get().calls.map((c) => (c.id === callId ? { ...c, tags: detail.tags } : c)) });
        if (get().openId === callId) set({ detail });
        void get().loadTagOptions();
        return true;
      } catch (err) {
        fail(err);
        return false;
      } finally {
        set({ savingTags: false });
      }
    },
  };
}
