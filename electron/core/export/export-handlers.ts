import type { ExportResult } from '../../../shared/export.js';
import type { Handlers } from '../../../shared/ipc/contract.js';
import { AppError } from '../../../shared/ipc/envelope.js';
import type { exportContract } from '../../../shared/ipc/export-contract.js';
import type { Repos } from '../db/repos/index.js';
import type { ExportService } from './export-service.js';

/** The export channels. */
export type ExportChannel = keyof typeof exportContract;

/** The shell's folder picker for exports (the desktop app's save dialog), when there is one. */
export interface ExportShell {
  pickExportFolder?: () => Promise<string | null>;
}

/** What a closed folder dialog answers: nothing written. */
const NOTHING: ExportResult = { exportId: '', dir: null, canceled: false, files: [], calls: [], index: null };

/**
 * The export channels' handlers (spread into createHandlers). Without `outDir` the desktop app asks
 * for a folder and browser mode writes into a new folder under the data folder.
 */
export function createExportHandlers(core: { repos: Repos; exports: ExportService }, shell: ExportShell) {
  const where = async (outDir: string | undefined): Promise<{ dir: string } | undefined | null> => {
    if (outDir !== undefined) return { dir: outDir };
    if (!shell.pickExportFolder) return undefined;
    const picked = await shell.pickExportFolder();
    return picked === null ? null : { dir: picked };
  };
  return {
    'export:call': async ({ callId, formats, options, outDir, overwrite }) => {
      if (!core.repos.calls.row(callId)) throw new AppError('not-found', `There is no call with id ${callId}.`);
      const target = await where(outDir);
      if (target === null) return NOTHING;
      return core.exports.run({ callIds: [callId], formats, options, target, overwrite, index: false });
    },
    'export:batch': async ({ callIds, formats, options, outDir, overwrite }) => {
      const target = await where(outDir);
      if (target === null) return NOTHING;
      return core.exports.run({ callIds: [...new Set(callIds)], formats, options, target, overwrite, index: true });
    },
    'export:pickFolder': async () => {
      if (!shell.pickExportFolder) throw new AppError('unsupported', 'There is no native folder picker in this mode; exports go to a new folder under the data folder.');
      return { path: await shell.pickExportFolder() };
    },
    'export:cancel': async ({ exportId }) => ({ canceled: core.exports.cancel(exportId) }),
  } satisfies Pick<Handlers, ExportChannel>;
}
