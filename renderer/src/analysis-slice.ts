import type { StoreApi } from 'zustand/vanilla';
import type { JobInfo } from '../../shared/jobs.js';
import type { AnalyzeRequestResult, CallAnalysisView, LlmAnalysisSettings, LlmAnalysisSettingsPatch, StoredAnalysis } from '../../shared/llm-analysis.js';
import type { ApiClient } from '../api/client.js';
import { ANALYZE_JOB, METRICS_JOB } from './analysis-logic.js';
import { TRANSCRIBE_JOB } from './jobs-logic.js';

/** The tabs of the call detail's lower area. */
export type DetailTab = 'transcript' | 'analysis' | 'timeline' | 'scorecard';

/** An earlier LLM run the reviewer is looking at. */
export type StoredLlmRun = Extract<StoredAnalysis, { kind: 'llm' }>;

/** The open call's analysis (metrics and LLM review, with history), the analysis settings, and requests. */
export interface AnalysisSlice {
  detailTab: DetailTab;
  /** The analysis view of `analysisCallId`. */
  analysis: CallAnalysisView | null;
  analysisCallId: number | null;
  analysisLoading: boolean;
  /** An earlier LLM run being read instead of the current one; null shows the current one. */
  viewedRun: StoredLlmRun | null;
  analysisSettings: LlmAnalysisSettings | null;

  setDetailTab(tab: DetailTab): void;
  loadAnalysis(callId: number): Promise<void>;
  /** Shows an earlier LLM run by id, or the current one (null or the current run's id). */
  viewRun(id: number | null): Promise<void>;
  requestAnalysis(callId: number): Promise<AnalyzeRequestResult | null>;
  loadAnalysisSettings(): Promise<void>;
  setAnalysisSettings(patch: LlmAnalysisSettingsPatch): Promise<boolean>;
  /** A job ended: an analysis, metrics run or transcription of the shown call changes what it shows. */
  afterAnalysisJob(job: JobInfo): void;
}

/** What the slice needs from the whole store. */
interface SliceContext<S extends AnalysisSlice> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
  /** An analysis or metrics run finished somewhere: the dashboard's figures may have changed. */
  onAnalysed: () => void;
}

/** Builds the analysis part of the app store over one API client. */
export function createAnalysisSlice<S extends AnalysisSlice>(api: ApiClient, ctx: SliceContext<S>): AnalysisSlice {
  const { get, fail } = ctx;
  const set = (patch: Partial<AnalysisSlice>): void => ctx.set(patch as Partial<S>);
  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      fail(err);
    }
  };

  return {
    detailTab: 'transcript',
    analysis: null,
    analysisCallId: null,
    analysisLoading: false,
    viewedRun: null,
    analysisSettings: null,

    setDetailTab(tab) {
      set({ detailTab: tab });
    },

    loadAnalysis: (callId) =>
      guard(async () => {
        // Another call's analysis and chosen run mean nothing for this one.
        if (get().analysisCallId !== callId) set({ analysis: null, analysisCallId: callId, viewedRun: null });
        set({ analysisLoading: true });
        try {
          const view = await api.call('analysis:get', { callId });
          if (get().analysisCallId !== callId) return;
          const viewed = get().viewedRun;
          // A run being read stays only while it is still a run of the version shown.
          const keep = viewed !== null && viewed.transcriptId === view.transcriptId && viewed.id !== view.llm?.id;
          set({ analysis: view, viewedRun: keep ? viewed : null });
        } finally {
          if (get().analysisCallId === callId) set({ analysisLoading: false });
        }
      }),

    viewRun: (id) =>
      guard(async () => {
        const callId = get().analysisCallId;
        if (id === null || id === get().analysis?.llm?.id) {
          set({ viewedRun: null });
          return;
        }
        const run = await api.call('analysis:run', { id });
        if (get().analysisCallId === callId && run.kind === 'llm') set({ viewedRun: run });
      }),

    async requestAnalysis(callId) {
      try {
        return await api.call('analysis:request', { callIds: [callId] });
      } catch (err) {
        fail(err);
        return null;
      }
    },

    loadAnalysisSettings: () => guard(async () => set({ analysisSettings: await api.call('analysis:settings', {}) })),

    async setAnalysisSettings(patch) {
      try {
        set({ analysisSettings: await api.call('analysis:setSettings', patch) });
        return true;
      } catch (err) {
        fail(err);
        return false;
      }
    },

    afterAnalysisJob(job) {
      if (job.type !== ANALYZE_JOB && job.type !== METRICS_JOB && job.type !== TRANSCRIBE_JOB) return;
      if (job.type !== TRANSCRIBE_JOB && job.state === 'succeeded') ctx.onAnalysed();
      const shown = get().analysisCallId;
      if (job.callId !== null && job.callId === shown) {
        // A fresh run is the current one: show it rather than an earlier one being read.
        if (job.type === ANALYZE_JOB && job.state === 'succeeded') set({ viewedRun: null });
        void get().loadAnalysis(shown);
      }
    },
  };
}
