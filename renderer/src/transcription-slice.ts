import type { StoreApi } from 'zustand/vanilla';
import type { JobInfo } from '../../shared/jobs.js';
import type { OpenAiStatus, TranscribeRequestResult, TranscriptionOptionsInput, TranscriptionSettings } from '../../shared/transcription.js';
import type { ConnectionTest } from '../../shared/twilio-types.js';
import type { CallDetail, TranscriptInfo, TranscriptVersion } from '../../shared/types.js';
import type { ApiClient } from '../api/client.js';
import { TRANSCRIBE_JOB } from './jobs-logic.js';

/** Why a transcription was asked for (the core records it with the job). */
export type TranscribeReason = 'manual' | 'batch' | 'retranscribe';

/** OpenAI key and settings, transcription requests, and the transcript versions of the open call. */
export interface TranscriptionSlice {
  openai: OpenAiStatus | null;
  openaiTest: ConnectionTest | null;
  openaiTesting: boolean;
  openaiSaving: boolean;
  /** The open call's versions, newest first, and the call they belong to. */
  versions: TranscriptVersion[];
  versionsCallId: number | null;
  /** A version other than the active one that the reviewer is reading; null shows the active one. */
  viewedTranscript: TranscriptInfo | null;
  settingActive: boolean;

  loadTranscription(): Promise<void>;
  saveOpenAiKey(apiKey: string): Promise<boolean>;
  clearOpenAiKey(): Promise<void>;
  testOpenAi(): Promise<void>;
  setTranscriptionSettings(patch: Partial<TranscriptionSettings>): Promise<boolean>;
  /** Queues calls (the settings' defaults fill what `options` leaves out); null when the request failed. */
  requestTranscription(callIds: number[], options?: Partial<TranscriptionOptionsInput>, reason?: TranscribeReason): Promise<TranscribeRequestResult | null>;
  /** Queues every call that has no transcript yet. */
  transcribeMissing(): Promise<TranscribeRequestResult | null>;
  loadVersions(callId: number): Promise<void>;
  /** Shows one version of the open call (the active one clears the choice). */
  viewVersion(id: number): Promise<void>;
  setActiveVersion(id: number): Promise<void>;
  /** One version with its segments (for comparing); null after an error, which the banner shows. */
  fetchTranscript(id: number): Promise<TranscriptInfo | null>;
  /** A transcription job ended: the open call and the list may have a new transcript (or a failure note). */
  afterTranscriptionJob(job: JobInfo): void;
}

/** What the slice needs from the whole store. */
interface SliceContext<S extends TranscriptionSlice> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
  openId: () => number | null;
  /** Shows a fresh detail if it is still the open call's. */
  showDetail: (detail: CallDetail) => void;
  loadList: () => Promise<void>;
}

/** Builds the transcription part of the app store over one API client. */
export function createTranscriptionSlice<S extends TranscriptionSlice>(api: ApiClient, ctx: SliceContext<S>): TranscriptionSlice {
  const { get, fail } = ctx;
  const set = (patch: Partial<TranscriptionSlice>): void => ctx.set(patch as Partial<S>);
  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      fail(err);
    }
  };
  // The detail and version list of a call, refreshed together without the pane's loading state.
  const reloadCall = (callId: number): Promise<void> =>
    guard(async () => {
      const [detail] = await Promise.all([api.call('library:get', { id: callId }), get().loadVersions(callId)]);
      ctx.showDetail(detail);
    });

  return {
    openai: null,
    openaiTest: null,
    openaiTesting: false,
    openaiSaving: false,
    versions: [],
    versionsCallId: null,
    viewedTranscript: null,
    settingActive: false,

    loadTranscription: () => guard(async () => set({ openai: await api.call('transcription:status', {}) })),

    async saveOpenAiKey(apiKey) {
      set({ openaiSaving: true });
      try {
        set({ openai: await api.call('transcription:saveKey', { apiKey }), openaiTest: null });
        return true;
      } catch (err) {
        fail(err);
        return false;
      } finally {
        set({ openaiSaving: false });
      }
    },

    clearOpenAiKey: () => guard(async () => set({ openai: await api.call('transcription:clearKey', {}), openaiTest: null })),

    testOpenAi: () =>
      guard(async () => {
        set({ openaiTesting: true, openaiTest: null });
        try {
          set({ openaiTest: await api.call('transcription:testConnection', {}) });
        } finally {
          set({ openaiTesting: false });
        }
      }),

    async setTranscriptionSettings(patch) {
      try {
        set({ openai: await api.call('transcription:setSettings', patch) });
        return true;
      } catch (err) {
        fail(err);
        return false;
      }
    },

    async requestTranscription(callIds, options, reason = 'manual') {
      try {
        const res = await api.call('transcription:request', { callIds, reason, ...(options !== undefined ? { options } : {}) });
        // The request adds a "requested" entry to the call's history.
        const openId = ctx.openId();
        if (openId !== null && res.queued.some((q) => q.callId === openId)) void reloadCall(openId);
        return res;
      } catch (err) {
        fail(err);
        return null;
      }
    },

    async transcribeMissing() {
      try {
        return await api.call('transcription:request', { missing: true, reason: 'batch' });
      } catch (err) {
        fail(err);
        return null;
      }
    },

    loadVersions: (callId) =>
      guard(async () => {
        // Another call's choice of version means nothing for this one.
        if (get().versionsCallId !== callId) set({ versions: [], versionsCallId: callId, viewedTranscript: null });
        const versions = await api.call('transcripts:list', { callId });
        if (get().versionsCallId !== callId) return;
        const viewed = get().viewedTranscript;
        const keep = viewed !== null && versions.some((v) => v.id === viewed.id && !v.active);
        set({ versions, viewedTranscript: keep ? viewed : null });
      }),

    viewVersion: (id) =>
      guard(async () => {
        const callId = get().versionsCallId;
        const v = get().versions.find((x) => x.id === id);
        if (v === undefined || v.active) {
          set({ viewedTranscript: null });
          return;
        }
        const t = await api.call('transcripts:get', { id });
        if (get().versionsCallId === callId) set({ viewedTranscript: t });
      }),

    setActiveVersion: (id) =>
      guard(async () => {
        const callId = get().versionsCallId;
        if (callId === null) return;
        set({ settingActive: true });
        try {
          const detail = await api.call('transcripts:setActive', { callId, id });
          ctx.showDetail(detail);
          set({ viewedTranscript: null });
          await get().loadVersions(callId);
        } finally {
          set({ settingActive: false });
        }
      }),

    async fetchTranscript(id) {
      try {
        return await api.call('transcripts:get', { id });
      } catch (err) {
        fail(err);
        return null;
      }
    },

    afterTranscriptionJob(job) {
      if (job.type !== TRANSCRIBE_JOB) return;
      // A new version flips the list row's transcript badge; a failure only touches the call's history.
      if (job.state === 'succeeded') void ctx.loadList();
      const openId = ctx.openId();
      if (job.callId !== null && job.callId === openId) {
        // The new version is the active one: show it rather than an older one being read.
        if (job.state === 'succeeded') set({ viewedTranscript: null });
        void reloadCall(openId);
      }
    },
  };
}
