import type { StoreApi } from 'zustand/vanilla';
import type { CallListFilters, DashboardFilters, DashboardResult } from '../../shared/dashboard.js';
import type { ApiClient } from '../api/client.js';
import { describeFilters, utcOffsetNow } from './dashboard-logic.js';

/** The main area's views ('search': the transcript search results in place of the call list). */
export type MainView = 'calls' | 'search' | 'dashboard';

/** The dashboard's own filter controls (the zone offset is added when asking). */
export type DashboardControls = Omit<DashboardFilters, 'utcOffsetMin'>;

/** A filter on the call list, picked on the dashboard, with what its chip says. */
export interface ListFilter {
  filters: CallListFilters;
  label: string;
}

/** The cross-call dashboard, its filters, and the call list filter a click on it sets. */
export interface DashboardSlice {
  view: MainView;
  dashControls: DashboardControls;
  dashboard: DashboardResult | null;
  dashboardLoading: boolean;
  listFilter: ListFilter | null;

  setView(view: MainView): void;
  setDashControls(patch: Partial<DashboardControls>): Promise<void>;
  loadDashboard(): Promise<void>;
  /** Filters the call list to the dashboard's filters plus what was clicked, and shows the list. */
  filterCalls(pick: Partial<CallListFilters>, label: string): Promise<void>;
  clearListFilter(): Promise<void>;
}

/** What the slice needs from the whole store. */
interface SliceContext<S extends DashboardSlice> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
  loadList: () => Promise<void>;
}

/** Builds the dashboard part of the app store over one API client. */
export function createDashboardSlice<S extends DashboardSlice>(api: ApiClient, ctx: SliceContext<S>): DashboardSlice {
  const { get, fail } = ctx;
  const set = (patch: Partial<DashboardSlice>): void => ctx.set(patch as Partial<S>);
  // Replies may come back out of order when filters change quickly; only the newest request's answer is shown.
  let asked = 0;

  return {
    view: 'calls',
    dashControls: {},
    dashboard: null,
    dashboardLoading: false,
    listFilter: null,

    setView(view) {
      // The dashboard view asks for fresh figures when it mounts.
      set({ view });
    },

    async setDashControls(patch) {
      const next: DashboardControls = { ...get().dashControls, ...patch };
      // An emptied control means "any": leave the key out rather than send undefined or ''.
      for (const key of Object.keys(next) as Array<keyof DashboardControls>) if (next[key] === undefined || next[key] === '') delete next[key];
      set({ dashControls: next });
      await get().loadDashboard();
    },

    async loadDashboard() {
      const n = ++asked;
      set({ dashboardLoading: true });
      try {
        const result = await api.call('analysis:dashboard', { ...get().dashControls, utcOffsetMin: utcOffsetNow() });
        if (n === asked) set({ dashboard: result });
      } catch (err) {
        fail(err);
      } finally {
        if (n === asked) set({ dashboardLoading: false });
      }
    },

    async filterCalls(pick, label) {
      const controls = get().dashControls;
      set({
        listFilter: { filters: { ...controls, ...pick, utcOffsetMin: utcOffsetNow() }, label: describeFilters(controls, label) },
        view: 'calls',
      });
      await ctx.loadList();
    },

    async clearListFilter() {
      set({ listFilter: null });
      await ctx.loadList();
    },
  };
}
