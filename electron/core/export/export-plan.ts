import { basename, dirname, extname, join } from 'node:path';
import type { ExportFormat } from '../../../shared/export.js';
import type { CallRow } from '../db/repos/calls-repo.js';
import type { Repos } from '../db/repos/index.js';
import { planAudio } from './audio.js';
import { callStem, uniqueStems } from './file-names.js';
import { redactText } from './redact.js';

/** One file an export will write. */
export interface PlannedFile {
  format: ExportFormat;
  name: string;
  path: string;
}

/** What an export will do for one call. */
export interface CallPlan {
  callId: number;
  row: CallRow | null;
  /** The external id as it leaves (redacted when asked). */
  externalId: string;
  /** Files per format, in the order asked; a format that cannot be made has none and a problem. */
  files: Map<ExportFormat, PlannedFile[]>;
  problems: Map<ExportFormat, string>;
}

/** Where an export writes: a folder (names from the calls), or one exact file for one call in one format. */
export type ExportTarget = { dir: string } | { file: string };

/** The index file of a batch. */
export const INDEX_NAME = 'index.csv';

/** Plans every file of an export, so existing files can be found before anything is written. */
export function planExport(repos: Repos, callIds: readonly number[], formats: readonly ExportFormat[], target: ExportTarget, redact: boolean): CallPlan[] {
  const rows = callIds.map((callId) => ({ callId, row: repos.calls.row(callId) }));
  const external = (r: CallRow | null, id: number): string => (r ? (redact ? redactText(r.external_id) : r.external_id) : String(id));
  const stems = uniqueStems(rows.map(({ callId, row }) => ({ callId, stem: callStem(row?.started_at ?? null, external(row, callId)) })));
  return rows.map(({ callId, row }) => {
    const plan: CallPlan = { callId, row, externalId: external(row, callId), files: new Map(), problems: new Map() };
    if (!row) return plan;
    const dir = 'dir' in target ? target.dir : dirname(target.file);
    const stem = 'dir' in target ? stems.get(callId)! : basename(target.file, extname(target.file));
    const mainName = (ext: string): string => ('dir' in target ? `${stem}.${ext}` : basename(target.file));
    for (const format of formats) {
      if (format !== 'wav') {
        plan.files.set(format, [file(format, dir, mainName(format))]);
        continue;
      }
      const audio = planAudio(repos, callId);
      if (!audio) {
        plan.problems.set(format, 'This call has no audio.');
        continue;
      }
      plan.files.set(format, [file(format, dir, mainName('wav')), ...audio.channels.map((suffix) => file(format, dir, `${stem}.${suffix}.wav`))]);
    }
    return plan;
  });
}

function file(format: ExportFormat, dir: string, name: string): PlannedFile {
  return { format, name, path: join(dir, name) };
}
