import type { StoreApi } from 'zustand/vanilla';
import type { ScoreFilters, ScoreListItem, ScoreStats } from '../../shared/review.js';
import type { ApiClient } from '../api/client.js';
import type { DetailTab } from './analysis-slice.js';
import { localDayBound } from './review-logic.js';

/** The scored-calls filters as the controls hold them ('' = any). */
export interface ScoredFilter {
  rubricId: string;
  state: '' | 'draft' | 'complete';
  minPercent: string;
  maxPercent: string;
  from: string;
  to: string;
}

/** No filter. */
export const NO_SCORED_FILTER: ScoredFilter = { rubricId: '', state: '', minPercent: '', maxPercent: '', from: '', to: '' };

/** The scored-calls drawer and the dashboard's average score per rubric section. */
export interface ScoreListSlice {
  scoredOpen: boolean;
  scoredFilter: ScoredFilter;
  scored: ScoreListItem[] | null;
  scoredLoading: boolean;
  scoreStats: ScoreStats[] | null;
  /** Changes whenever a score is saved or completed, so lists and charts of scores reload. */
  scoresVersion: number;

  setScoredOpen(open: boolean): void;
  setScoredFilter(patch: Partial<ScoredFilter>): Promise<void>;
  loadScored(): Promise<void>;
  /** Opens a scored call on its Scorecard tab with that score. */
  openScoredCall(item: ScoreListItem): Promise<void>;
  /** Loads the averages of complete scores between two local days ('' or undefined = open). */
  loadScoreStats(from?: string, to?: string): Promise<void>;
  scoresChanged(): void;
}

/** What the slice uses of the rest of the store. */
export interface ScoreListHost {
  open(id: number): Promise<void>;
  setDetailTab(tab: DetailTab): void;
  openScore(scoreId: number): Promise<void>;
}

/** What the slice needs from the whole store. */
interface SliceContext<S extends ScoreListSlice & ScoreListHost> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
}

const percentOf = (text: string): number | undefined => {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : undefined;
};

/** The filter as the core takes it; empty or unreadable fields are left out. */
export function toScoreFilters(f: ScoredFilter): ScoreFilters {
  const out: ScoreFilters = {};
  const rubricId = Number(f.rubricId);
  if (f.rubricId !== '' && Number.isInteger(rubricId) && rubricId > 0) out.rubricId = rubricId;
  if (f.state !== '') out.state = f.state;
  const min = percentOf(f.minPercent);
  const max = percentOf(f.maxPercent);
  if (min !== undefined) out.minPercent = min;
  if (max !== undefined) out.maxPercent = max;
  const from = localDayBound(f.from, false);
  const to = localDayBound(f.to, true);
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to;
  return out;
}

/** Builds the scored-calls part of the app store over one API client. */
export function createScoreListSlice<S extends ScoreListSlice & ScoreListHost>(api: ApiClient, ctx: SliceContext<S>): ScoreListSlice {
  const { get, fail } = ctx;
  const set = (patch: Partial<ScoreListSlice>): void => ctx.set(patch as Partial<S>);
  let listAsked = 0;
  let statsAsked = 0;

  return {
    scoredOpen: false,
    scoredFilter: NO_SCORED_FILTER,
    scored: null,
    scoredLoading: false,
    scoreStats: null,
    scoresVersion: 0,

    setScoredOpen(open) {
      set({ scoredOpen: open });
    },

    async setScoredFilter(patch) {
      set({ scoredFilter: { ...get().scoredFilter, ...patch } });
      await get().loadScored();
    },

    async loadScored() {
      const n = ++listAsked;
      set({ scoredLoading: true });
      try {
        const items = await api.call('scores:list', toScoreFilters(get().scoredFilter));
        if (n === listAsked) set({ scored: items });
      } catch (err) {
        fail(err);
      } finally {
        if (n === listAsked) set({ scoredLoading: false });
      }
    },

    async openScoredCall(item) {
      set({ scoredOpen: false });
      await get().open(item.callId);
      get().setDetailTab('scorecard');
      await get().openScore(item.id);
    },

    async loadScoreStats(from, to) {
      const n = ++statsAsked;
      const range: { from?: string; to?: string } = {};
      const f = from === undefined ? undefined : localDayBound(from, false);
      const t = to === undefined ? undefined : localDayBound(to, true);
      if (f !== undefined) range.from = f;
      if (t !== undefined) range.to = t;
      try {
        const stats = await api.call('review:scoreStats', range);
        if (n === statsAsked) set({ scoreStats: stats });
      } catch (err) {
        fail(err);
      }
    },

    scoresChanged() {
      set({ scoresVersion: get().scoresVersion + 1 });
    },
  };
}
