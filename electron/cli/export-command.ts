import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { EXPORT_FORMATS, ExportFormat, type ExportResult } from '../../shared/export.js';
import { AppError } from '../../shared/ipc/envelope.js';
import { createCore } from '../core/app-core.js';
import type { ExportTarget } from '../core/export/export-plan.js';
import type { CliContext } from './commands.js';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

/** Command-line options of `export`, as parsed. */
export interface ExportFlags {
  format?: string[];
  out?: string;
  redact: boolean;
  overwrite: boolean;
  allVersions: boolean;
  noSpeakers: boolean;
  noTimestamps: boolean;
}

/** `--format` values (repeatable, comma lists allowed) as formats, each once; a message for a usage error. */
export function parseFormats(values: readonly string[] | undefined): ExportFormat[] | string {
  const names = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  if (names.length === 0) return `export needs --format (${EXPORT_FORMATS.join('|')})`;
  const formats: ExportFormat[] = [];
  for (const name of names) {
    const f = ExportFormat.safeParse(name);
    if (!f.success) return `--format must be one of ${EXPORT_FORMATS.join(', ')}, not ${JSON.stringify(name)}`;
    if (!formats.includes(f.data)) formats.push(f.data);
  }
  return formats;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Where to write: no --out is the current folder; an existing folder or a path ending in a separator
 * is a folder; otherwise one call in one format goes to exactly that file, and more make it a new folder.
 */
export function exportTarget(outPath: string | undefined, calls: number, formats: number): { target: ExportTarget; index: boolean } | string {
  if (outPath === undefined) return { target: { dir: process.cwd() }, index: calls > 1 };
  const full = resolve(outPath);
  if (isDir(full) || outPath.endsWith('/') || outPath.endsWith(sep)) return { target: { dir: full }, index: true };
  if (calls === 1 && formats === 1) return { target: { file: full }, index: false };
  try {
    statSync(full);
    return `--out ${outPath} is a file; several calls or formats need a folder`;
  } catch {
    return { target: { dir: full }, index: true };
  }
}

function describe(res: ExportResult): void {
  for (const c of res.calls) {
    out(`${c.externalId}: ${c.status}${c.files.length > 0 ? ` (${c.files.join(', ')})` : ''}`);
    if (c.error !== null) err(`${c.status === 'ok' ? 'warning' : 'error'}: ${c.externalId}: ${c.error}`);
  }
  out(`${res.files.length} file${res.files.length === 1 ? '' : 's'} written to ${res.dir}${res.canceled ? ' (canceled)' : ''}`);
}

/**
 * `export <call…> --format F… [--out PATH] [--redact] [--overwrite] [--json]`: one call and a file path
 * writes that file; several calls or a folder write one file per call and format plus index.csv.
 * Existing files are never replaced without --overwrite. Exit 1 when a call is unknown or failed, 2 on usage.
 */
export async function runExport(ctx: CliContext, refs: string[], flags: ExportFlags): Promise<number> {
  const formats = parseFormats(flags.format);
  if (typeof formats === 'string') {
    err(`callreview: ${formats}`);
    return 2;
  }
  const core = createCore(ctx.dataDir, { log: err });
  const controller = new AbortController();
  const onSigint = (): void => {
    err('callreview: canceling the export after the file being written…');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    const ids: number[] = [];
    const unknown = refs.filter((ref) => {
      const id = core.repos.calls.idByRef(ref);
      if (id !== null && !ids.includes(id)) ids.push(id);
      return id === null;
    });
    for (const ref of unknown) err(`callreview: no call ${JSON.stringify(ref)} (give a call id or external id; see callreview calls)`);
    if (ids.length === 0) return 1;
    // Counted as asked: naming two calls means a folder even when one of them is unknown.
    const where = exportTarget(flags.out, new Set(refs).size, formats.length);
    if (typeof where === 'string') {
      err(`callreview: ${where}`);
      return 2;
    }
    const tty = process.stderr.isTTY && !ctx.json;
    const off = core.bus.onAny((event, p) => {
      if (tty && event === 'export:progress' && 'exportId' in p && !p.finished) process.stderr.write(`\r\x1b[Kexporting ${p.done + 1}/${p.total} ${p.current ?? ''}`);
    });
    let res: ExportResult;
    try {
      const options = { redact: flags.redact, allVersions: flags.allVersions, txt: { speakers: !flags.noSpeakers, timestamps: !flags.noTimestamps } };
      res = await core.exports.run({ callIds: ids, formats, options, target: where.target, overwrite: flags.overwrite, index: where.index, signal: controller.signal });
    } catch (e) {
      if (e instanceof AppError && e.code === 'conflict') {
        err(`callreview: ${e.message.replace('Export again with overwrite', 'Add --overwrite')}`);
        return 1;
      }
      throw e;
    } finally {
      off();
      if (tty) process.stderr.write('\r\x1b[K');
    }
    if (ctx.json) out(JSON.stringify(res, null, 2));
    else describe(res);
    return unknown.length > 0 || res.canceled || res.calls.some((c) => c.status !== 'ok') ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    core.close();
  }
}
