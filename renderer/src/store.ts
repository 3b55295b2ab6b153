import { createStore, type StoreApi } from 'zustand/vanilla';
import { overviewUrl } from './player/audio-url.js';
import { clearPeaksCache, prefetchPeaks } from './player/use-peaks.js';
import type { AppInfo, CallSort, EventPayload } from '../../shared/ipc/contract.js';
import type { CallDetail, CallSummary, ImportIssue, ImportReport, Source } from '../../shared/types.js';
import type { ApiClient } from '../api/client.js';
import { createTwilioSlice, type TwilioSlice } from './twilio-slice.js';
import { createJobsSlice, type JobsSlice } from './jobs-slice.js';
import { createTranscriptionSlice, type TranscriptionSlice } from './transcription-slice.js';
import { createMarksSlice, type MarksSlice } from './marks-slice.js';
import { createAnalysisSlice, type AnalysisSlice } from './analysis-slice.js';
import { createDashboardSlice, type DashboardSlice } from './dashboard-slice.js';
import { createExportSlice, type ExportSlice } from './export-slice.js';
import { createReviewSlice, type ReviewSlice } from './review-slice.js';
import { createScoringSlice, type ScoringSlice } from './scoring-slice.js';
import { createScoreListSlice, type ScoreListSlice } from './score-list-slice.js';
import { createSearchSlice, type SearchSlice } from './search-slice.js';
import { createTagsSlice, type TagsSlice } from './tags-slice.js';

/** A progress event of the running import. */
export type ImportProgress = EventPayload<'library:importProgress'>;

/** One error shown in the banner until the user dismisses it. */
export interface ShownError {
  id: number;
  message: string;
}

/** Everything the screens show, and the actions that change it. */
export interface AppState extends TwilioSlice, JobsSlice, TranscriptionSlice, MarksSlice, AnalysisSlice, DashboardSlice, ExportSlice, SearchSlice, ReviewSlice, ScoringSlice, ScoreListSlice, TagsSlice {
  info: AppInfo | null;
  sources: Source[];
  calls: CallSummary[];
  total: number;
  /** False until the first list has arrived, so the empty state does not flash. */
  listLoaded: boolean;
  sort: CallSort;
  dir: 'asc' | 'desc';
  selectedId: number | null;
  openId: number | null;
  detail: CallDetail | null;
  detailLoading: boolean;
  swapping: boolean;
  progress: ImportProgress | null;
  issues: ImportIssue[];
  reportWarnings: ImportIssue[];
  lastReport: string | null;
  warningsOpen: boolean;
  adding: boolean;
  errors: ShownError[];

  init(): () => void;
  loadList(): Promise<void>;
  loadSources(): Promise<void>;
  loadIssues(): Promise<void>;
  sortBy(key: CallSort): Promise<void>;
  select(id: number | null): void;
  open(id: number): Promise<void>;
  swapChannels(id: number): Promise<void>;
  addFolder(path: string): Promise<boolean>;
  pickAndAddFolder(): Promise<void>;
  removeSource(id: number, deleteCalls: boolean): Promise<void>;
  rescan(id?: number): Promise<void>;
  setWarningsOpen(open: boolean): void;
  dismissError(id: number): void;
}

/** The sort direction a column starts with when first clicked. */
const FIRST_DIR: Record<CallSort, 'asc' | 'desc'> = { startedAt: 'desc', durationSec: 'desc', source: 'asc' };

let nextErrorId = 1;

/** Summarises an import report in one line for the sidebar. */
export function describeReport(r: ImportReport): string {
  const parts = [`${r.added} added`, `${r.updated} updated`, `${r.unchanged} unchanged`];
  if (r.failed > 0) parts.push(`${r.failed} failed`);
  if (r.warnings.length > 0) parts.push(`${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}`);
  return `Scanned ${r.scanned}: ${parts.join(', ')}`;
}

/** Creates the app store around one API client (tests hand in a client over a fake bridge). */
export function createAppStore(api: ApiClient): StoreApi<AppState> {
  return createStore<AppState>()((set, get) => {
    // Every failed call ends up in the banner: nothing is swallowed.
    const fail = (err: unknown): void => {
      const message = err instanceof Error ? err.message : String(err);
      set((s) => ({ errors: [...s.errors, { id: nextErrorId++, message }] }));
    };
    const guard = async (work: () => Promise<void>): Promise<void> => {
      try {
        await work();
      } catch (err) {
        fail(err);
      }
    };
    const afterImport = (report: ImportReport): void => {
      set((s) => ({ lastReport: describeReport(report), reportWarnings: [...report.warnings, ...s.reportWarnings] }));
    };
    // Refreshes everything an import or removal can change.
    const refresh = async (): Promise<void> => {
      await Promise.all([get().loadList(), get().loadSources(), get().loadIssues()]);
    };

    return {
      ...createTwilioSlice<AppState>(api, {
        set,
        get,
        fail,
        isShown: (text) => get().errors.some((e) => e.message.includes(text)),
        loadSources: () => get().loadSources(),
      }),
      ...createMarksSlice<AppState>(set, get),
      ...createJobsSlice<AppState>(api, {
        set,
        get,
        fail,
        onEnded: (job) => {
          get().afterTranscriptionJob(job);
          get().afterAnalysisJob(job);
        },
      }),
      ...createAnalysisSlice<AppState>(api, {
        set,
        get,
        fail,
        onAnalysed: () => {
          if (get().view === 'dashboard') void get().loadDashboard();
        },
      }),
      ...createDashboardSlice<AppState>(api, { set, get, fail, loadList: () => get().loadList() }),
      ...createExportSlice<AppState>(api, { set, get, fail }),
      ...createReviewSlice<AppState>(api, { set, get, fail }),
      ...createScoringSlice<AppState>(api, { set, get, fail, onScoresChanged: () => get().scoresChanged() }),
      ...createScoreListSlice<AppState>(api, { set, get, fail }),
      ...createTagsSlice<AppState>(api, { set, get, fail }),
      ...createSearchSlice<AppState>(api, {
        set,
        get,
        fail,
        openCall: (id) => get().open(id),
        openId: () => get().openId,
        showTab: (tab) => get().setDetailTab(tab),
        showView: (view) => get().setView(view),
        isSearchView: () => get().view === 'search',
        mark: (ids) => set((s) => ({ marked: [...new Set([...s.marked, ...ids])] })),
      }),
      ...createTranscriptionSlice<AppState>(api, {
        set,
        get,
        fail,
        openId: () => get().openId,
        showDetail: (detail) => {
          if (get().openId === detail.id) set({ detail });
        },
        loadList: () => get().loadList(),
      }),
      info: null,
      sources: [],
      calls: [],
      total: 0,
      listLoaded: false,
      sort: 'startedAt',
      dir: 'desc',
      selectedId: null,
      openId: null,
      detail: null,
      detailLoading: false,
      swapping: false,
      progress: null,
      issues: [],
      reportWarnings: [],
      lastReport: null,
      warningsOpen: false,
      adding: false,
      errors: [],

      init() {
        const offProgress = api.on('library:importProgress', (p) => set({ progress: p }));
        const offSync = api.on('twilio:syncProgress', (p) => get().onSyncProgress(p));
        // A finished transcription announces itself only as a job change; the jobs slice passes endings on.
        const offJob = api.on('jobs:changed', (job) => get().onJobChanged(job));
        const offQueue = api.on('jobs:queue', (q) => get().onQueue(q));
        const offChanged = api.on('library:changed', () => {
          clearPeaksCache();
          if (get().view === 'dashboard') void get().loadDashboard();
          void refresh().then(() => {
            // The open call may have been re-imported with a new transcript; show the fresh one.
            const openId = get().openId;
            if (openId !== null) void get().open(openId);
          });
        });
        void guard(async () => set({ info: await api.call('app:info', {}) }));
        void refresh();
        void get().loadTwilio();
        void get().loadTranscription();
        void get().loadJobs();
        void get().loadAnalysisSettings();
        return () => {
          offProgress();
          offSync();
          offJob();
          offQueue();
          offChanged();
        };
      },

      loadList: () =>
        guard(async () => {
          const { sort, dir, listFilter } = get();
          const res = await api.call('library:list', listFilter === null ? { sort, dir } : { sort, dir, filters: listFilter.filters });
          // A filter changed while this list was on its way: the newer request's answer will come.
          if (get().listFilter !== listFilter) return;
          const selectedId = get().selectedId;
          const openId = get().openId;
          const has = (id: number | null): boolean => res.items.some((c) => c.id === id);
          set({ calls: res.items, total: res.total, listLoaded: true, selectedId: has(selectedId) ? selectedId : null, marked: get().marked.filter(has) });
          // A call removed from the library closes its detail pane instead of erroring on reload (a filter only hides it).
          if (openId !== null && !has(openId) && listFilter === null) set({ openId: null, detail: null });
        }),

      loadSources: () => guard(async () => set({ sources: await api.call('sources:list', {}) })),

      loadIssues: () => guard(async () => set({ issues: await api.call('sources:issues', {}) })),

      async sortBy(key) {
        const { sort, dir } = get();
        set({ sort: key, dir: sort === key ? (dir === 'asc' ? 'desc' : 'asc') : FIRST_DIR[key] });
        await get().loadList();
      },

      select(id) {
        set({ selectedId: id });
      },

      open: (id) =>
        guard(async () => {
          set({ selectedId: id, openId: id, detailLoading: true });
          // The waveform's peaks load beside the detail rather than after it.
          void prefetchPeaks(overviewUrl(id, 'best'));
          void get().loadVersions(id);
          try {
            const detail = await api.call('library:get', { id });
            // A slower reply for a call the user has already left must not overwrite the newer one.
            if (get().openId === id) set({ detail });
          } finally {
            if (get().openId === id) set({ detailLoading: false });
          }
        }),

      swapChannels: (id) =>
        guard(async () => {
          set({ swapping: true });
          try {
            const detail = await api.call('library:swapChannels', { id });
            if (get().openId === id) set({ detail });
          } finally {
            set({ swapping: false });
          }
        }),

      async addFolder(path) {
        set({ adding: true });
        try {
          const { report } = await api.call('sources:addFolder', { path, watch: true });
          afterImport(report);
          await refresh();
          return true;
        } catch (err) {
          fail(err);
          return false;
        } finally {
          set({ adding: false });
        }
      },

      pickAndAddFolder: () =>
        guard(async () => {
          const { path } = await api.call('dialog:pickFolder', {});
          if (path !== null) await get().addFolder(path);
        }),

      removeSource: (id, deleteCalls) =>
        guard(async () => {
          await api.call('sources:remove', { id, deleteCalls });
          await refresh();
        }),

      rescan: (id) =>
        guard(async () => {
          afterImport(await api.call('sources:rescan', id === undefined ? {} : { id }));
          await refresh();
        }),

      setWarningsOpen(open) {
        set({ warningsOpen: open });
      },

      dismissError(id) {
        set((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
      },
    };
  });
}
