import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CallExport, ExportCallResult, ExportedFile, ExportFormat, ExportOptions, ExportProgress, ExportResult } from '../../../shared/export.js';
import { AppError } from '../../../shared/ipc/envelope.js';
import type { Repos } from '../db/repos/index.js';
import { addReviewActivity } from '../transcription/transcription-activity.js';
import { writeCallAudio, type DerivedSource } from './audio.js';
import { CSV_BOM, csvRow, toCsv } from './csv.js';
import { gatherExportData } from './export-data.js';
import { INDEX_NAME, planExport, type CallPlan, type ExportTarget, type PlannedFile } from './export-plan.js';
import { toJson } from './json.js';
import { renderPdf } from './pdf.js';
import { existing, FileExistsError, writeContent } from './safe-write.js';
import { toSrt, toVtt } from './subtitles.js';
import { toTxt } from './txt.js';

/** What an export reads and where it logs. */
export interface ExportDeps {
  repos: Repos;
  /** Makes the stereo of caller + agent pairs for the `wav` format. */
  derived?: DerivedSource;
  now: () => string;
}

/** One export run. */
export interface ExportRequest {
  exportId: string;
  callIds: readonly number[];
  formats: readonly ExportFormat[];
  options: ExportOptions;
  target: ExportTarget;
  /** Replace existing files; without it an export that would replace any refuses before writing. */
  overwrite: boolean;
  /** Write index.csv beside the files (batches). */
  index: boolean;
}

/** Cancel and progress. */
export interface ExportHooks {
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
}

/** The columns of index.csv. */
export const INDEX_COLUMNS = ['call_id', 'external_id', 'started_at', 'status', 'files', 'error'] as const;

/**
 * Exports calls × formats: plans every file name first and refuses (conflict) when any exists and
 * `overwrite` is off; then writes call by call, each file atomically. A call that fails is recorded
 * and the rest go on; cancelling stops before the next file, and the index (when asked) lists every
 * call with what was written. Each call with files gets an `export` activity in its group.
 */
export async function runExport(deps: ExportDeps, req: ExportRequest, hooks: ExportHooks = {}): Promise<ExportResult> {
  const plans = planExport(deps.repos, req.callIds, req.formats, req.target, req.options.redact);
  const dir = 'dir' in req.target ? req.target.dir : dirname(req.target.file);
  const indexPath = req.index ? join(dir, INDEX_NAME) : null;
  const planned = plans.flatMap((p) => [...p.files.values()].flat().map((f) => f.path));
  if (!req.overwrite) {
    const found = await existing(indexPath ? [...planned, indexPath] : planned);
    if (found.length > 0) throw conflict(found, dir);
  }
  await mkdir(dir, { recursive: true });
  const files: ExportedFile[] = [];
  const calls: ExportCallResult[] = [];
  const progress = (done: number, current: string | null, finished = false): void =>
    hooks.onProgress?.({ exportId: req.exportId, done, total: plans.length, current, finished, canceled: hooks.signal?.aborted === true });
  for (const [i, plan] of plans.entries()) {
    progress(i, plan.row ? plan.externalId : null);
    calls.push(await exportOne(deps, req, plan, files, hooks.signal));
  }
  if (indexPath) {
    const body = CSV_BOM + csvRow(INDEX_COLUMNS) + calls.map((c) => csvRow([c.callId, c.externalId, c.startedAt, c.status, c.files.join('; '), c.error])).join('');
    const bytes = await writeContent(indexPath, req.overwrite, body).catch((err: unknown) => {
      throw err instanceof FileExistsError ? conflict([err.path], dir) : err;
    });
    files.push({ index: files.length, name: INDEX_NAME, format: 'index', callId: null, bytes });
  }
  progress(plans.length, null, true);
  return { exportId: req.exportId, dir, canceled: hooks.signal?.aborted === true, files, calls, index: indexPath ? INDEX_NAME : null };
}

function conflict(paths: string[], dir: string): AppError {
  const names = paths.map((p) => basename(p));
  const list = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  return new AppError('conflict', `${names.length === 1 ? 'A file' : `${names.length} files`} of this export exist${names.length === 1 ? 's' : ''} already in ${dir}: ${list}. Export again with overwrite to replace ${names.length === 1 ? 'it' : 'them'}.`);
}

/** Writes one call's files; never throws for the call's own problems (they go in its result). */
async function exportOne(deps: ExportDeps, req: ExportRequest, plan: CallPlan, files: ExportedFile[], signal?: AbortSignal): Promise<ExportCallResult> {
  const result: ExportCallResult = { callId: plan.callId, externalId: plan.externalId, startedAt: plan.row?.started_at ?? null, status: 'ok', files: [], error: null };
  if (!plan.row) return { ...result, status: 'failed', error: `There is no call with id ${plan.callId}.` };
  if (signal?.aborted) return { ...result, status: 'canceled' };
  const errors: string[] = [];
  let data: CallExport | null = null;
  let canceled = false;
  for (const format of req.formats) {
    if (signal?.aborted) {
      canceled = true;
      break;
    }
    const problem = plan.problems.get(format);
    if (problem !== undefined) {
      errors.push(`${format}: ${problem}`);
      continue;
    }
    const targets = plan.files.get(format) ?? [];
    try {
      data ??= gatherExportData(deps.repos, plan.callId, { redact: req.options.redact, allVersions: req.options.allVersions, now: deps.now() });
      const sizes = await writeFormat(deps, req, plan.callId, format, targets, data);
      targets.forEach((t, i) => {
        files.push({ index: files.length, name: t.name, format, callId: plan.callId, bytes: sizes[i] ?? 0 });
        result.files.push(t.name);
      });
    } catch (err) {
      // A file that appeared after the check is left alone, like any other.
      errors.push(`${format}: ${err instanceof FileExistsError ? `${basename(err.path)} exists already` : (err as Error).message}`);
    }
  }
  result.error = errors.length > 0 ? errors.join(' ') : null;
  result.status = canceled ? 'canceled' : errors.length === 0 ? 'ok' : result.files.length > 0 ? 'partial' : 'failed';
  if (result.files.length > 0) {
    const where = 'dir' in req.target ? req.target.dir : req.target.file;
    addReviewActivity(deps.repos, plan.callId, 'export', { exportId: req.exportId, formats: [...req.formats], redacted: req.options.redact, path: basename(where), files: result.files.length }, deps.now());
  }
  return result;
}

/** Writes one format's file(s); returns their sizes. */
async function writeFormat(deps: ExportDeps, req: ExportRequest, callId: number, format: ExportFormat, targets: PlannedFile[], data: CallExport): Promise<number[]> {
  const [main, ...channels] = targets;
  if (!main) return [];
  const write = (content: string | Buffer) => writeContent(main.path, req.overwrite, content).then((n) => [n]);
  switch (format) {
    case 'txt':
      return write(toTxt(data, req.options.txt));
    case 'json':
      return write(toJson(data));
    case 'srt':
      return write(toSrt(data));
    case 'vtt':
      return write(toVtt(data));
    case 'csv':
      return write(toCsv(data));
    case 'pdf':
      return write(await renderPdf(data));
    case 'wav':
      return writeCallAudio(deps.repos, deps.derived, callId, { main: main.path, channels: channels.map((c) => c.path) }, req.overwrite);
  }
}
