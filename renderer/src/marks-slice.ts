import type { StoreApi } from 'zustand/vanilla';
import type { CallSummary } from '../../shared/types.js';

/**
 * Calls marked for a batch action (Ctrl/⌘-click, Shift-click, Space in the list), apart from the one
 * call that is selected and open: marking never changes what the detail pane shows.
 */
export interface MarksSlice {
  marked: number[];
  toggleMark(id: number): void;
  /** Marks every call between `fromId` and `toId` in list order (both included). */
  markRange(fromId: number, toId: number): void;
  markAll(): void;
  clearMarks(): void;
}

/** Ids from one call to another in the list's order, whichever comes first. */
export function idsBetween(calls: readonly CallSummary[], fromId: number, toId: number): number[] {
  const a = calls.findIndex((c) => c.id === fromId);
  const b = calls.findIndex((c) => c.id === toId);
  if (b < 0) return [];
  if (a < 0) return [toId];
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return calls.slice(lo, hi + 1).map((c) => c.id);
}

/** The marks slice; `calls` reads the list in its current order. */
export function createMarksSlice<S extends MarksSlice & { calls: CallSummary[] }>(set: StoreApi<S>['setState'], get: StoreApi<S>['getState']): MarksSlice {
  const put = (marked: number[]): void => set({ marked } as Partial<S>);
  return {
    marked: [],
    toggleMark: (id) => {
      const m = get().marked;
      put(m.includes(id) ? m.filter((x) => x !== id) : [...m, id]);
    },
    markRange: (fromId, toId) => put([...new Set([...get().marked, ...idsBetween(get().calls, fromId, toId)])]),
    markAll: () => put(get().calls.map((c) => c.id)),
    clearMarks: () => put([]),
  };
}
