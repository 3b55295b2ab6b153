import type { Repos } from '../db/repos/index.js';
import { gatherExportData } from './export-data.js';
import { toTxt } from './txt.js';

export { ExportError } from './export-data.js';

/**
 * A call's active transcript version as plain text with speakers and times, then the live comments
 * (see toTxt); throws ExportError when the call does not exist.
 */
export function transcriptText(repos: Repos, callId: number): string {
  return toTxt(gatherExportData(repos, callId));
}
