import type { StoreApi } from 'zustand/vanilla';
import type { ExportFormat, ExportOptionsInput, ExportProgress, ExportResult } from '../../shared/export.js';
import { AppError } from '../../shared/ipc/envelope.js';
import type { ApiClient } from '../api/client.js';

/** What the export dialog asks for. */
export interface ExportAsk {
  callIds: number[];
  formats: ExportFormat[];
  options: ExportOptionsInput;
  overwrite: boolean;
  /** A folder the reviewer picked (desktop app); browser mode leaves it out and gets a new folder under the data folder. */
  outDir?: string;
}

/** How an export ended: its result, existing files to confirm replacing, or a failure already shown in the banner. */
export type ExportOutcome = { kind: 'done'; result: ExportResult } | { kind: 'conflict'; message: string } | { kind: 'failed' };

/** Running exports: progress of the one this window started, cancel, and the desktop app's folder picker. */
export interface ExportSlice {
  exportProgress: ExportProgress | null;
  /** Runs an export (one call, or a batch with index.csv) until it ends; progress shows in `exportProgress`. */
  runExport(ask: ExportAsk, batch: boolean): Promise<ExportOutcome>;
  /** Stops the running export after the file being written. */
  cancelExport(): Promise<void>;
  /** Asks where to export (desktop app); null when the dialog was closed or failed. */
  pickExportFolder(): Promise<string | null>;
}

/** What the slice needs from the whole store. */
interface SliceContext<S extends ExportSlice> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
}

/** Builds the export part of the app store over one API client. */
export function createExportSlice<S extends ExportSlice>(api: ApiClient, ctx: SliceContext<S>): ExportSlice {
  const set = (patch: Partial<ExportSlice>): void => ctx.set(patch as Partial<S>);
  return {
    exportProgress: null,

    async runExport(ask, batch) {
      // Progress is listened to only while this window's export runs.
      const off = api.on('export:progress', (p) => set({ exportProgress: p }));
      try {
        const { callIds, ...rest } = ask;
        const [callId] = callIds;
        const result = batch || callId === undefined ? await api.call('export:batch', { callIds, ...rest }) : await api.call('export:call', { callId, ...rest });
        return { kind: 'done', result };
      } catch (err) {
        if (err instanceof AppError && err.code === 'conflict') return { kind: 'conflict', message: err.message };
        ctx.fail(err);
        return { kind: 'failed' };
      } finally {
        off();
        set({ exportProgress: null });
      }
    },

    async cancelExport() {
      const id = ctx.get().exportProgress?.exportId;
      try {
        await api.call('export:cancel', id === undefined ? {} : { exportId: id });
      } catch (err) {
        ctx.fail(err);
      }
    },

    async pickExportFolder() {
      try {
        return (await api.call('export:pickFolder', {})).path;
      } catch (err) {
        ctx.fail(err);
        return null;
      }
    },
  };
}
