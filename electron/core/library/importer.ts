import { existsSync } from 'node:fs';
import type { ImportIssue, ImportReport } from '../../../shared/types.js';
import type { Repos } from '../db/repos/index.js';
import { readLooseFile } from './loose-reader.js';
import { findUnits, type ImportUnit } from './scan.js';
import { readSession } from './session-reader.js';
import { writeParsedCall } from './write-call.js';
import { runPool } from '../pool.js';

/** Progress of an import: units done out of total, and the one being read. */
export type ImportProgress = (done: number, total: number, current: string | null) => void;

/** What an import needs besides the repos. */
export interface ImportOptions {
  sourceId: number | null;
  now: () => string;
  onProgress?: ImportProgress;
  /** Units read at once; reading overlaps I/O while writes stay serial in SQLite. */
  concurrency?: number;
}

/** An empty report, the start of a sum. */
export function emptyReport(): ImportReport {
  return { scanned: 0, added: 0, updated: 0, unchanged: 0, failed: 0, warnings: [], durationMs: 0 };
}

/** Adds report `b` into `a` (several folders or sources in one run). */
export function addReport(a: ImportReport, b: ImportReport): ImportReport {
  a.scanned += b.scanned;
  a.added += b.added;
  a.updated += b.updated;
  a.unchanged += b.unchanged;
  a.failed += b.failed;
  a.warnings.push(...b.warnings);
  a.durationMs += b.durationMs;
  return a;
}

/** Imports everything under the given roots: new units are added, changed ones updated, unchanged ones skipped. */
export async function importRoots(repos: Repos, roots: string[], opts: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const units: ImportUnit[] = [];
  for (const root of roots) units.push(...(await findUnits(root)));
  const report: ImportReport = { ...emptyReport(), scanned: units.length };
  const seenKeys = new Set<string>();
  let done = 0;
  opts.onProgress?.(0, units.length, null);

  const work = async (unit: ImportUnit): Promise<void> => {
    let issues: ImportIssue[];
    try {
      issues = await importUnit(repos, unit, opts, report, seenKeys);
    } catch (err) {
      // One broken unit never aborts the batch; the reason is recorded with its path.
      const message = `could not be imported: ${(err as Error).message}`;
      repos.issues.replace(unit.path, opts.sourceId, null, [message], opts.now());
      report.failed++;
      issues = [{ path: unit.path, message, at: opts.now() }];
    }
    report.warnings.push(...issues);
    done++;
    opts.onProgress?.(done, units.length, unit.path);
  };
  await runPool(units, opts.concurrency ?? 12, work);

  if (opts.sourceId !== null) {
    // Calls of this source that the scan no longer sees: their files may have vanished.
    for (const call of repos.calls.bySource(opts.sourceId)) {
      if (!seenKeys.has(call.import_key)) repos.audio.refreshMissing(call.id, existsSync);
    }
    repos.issues.pruneSource(opts.sourceId, new Set(units.map((u) => u.path)));
    repos.sources.markScanned(opts.sourceId, opts.now());
  }
  report.warnings.sort((a, b) => a.path.localeCompare(b.path));
  report.durationMs = Date.now() - started;
  return report;
}

async function importUnit(repos: Repos, unit: ImportUnit, opts: ImportOptions, report: ImportReport, seen: Set<string>): Promise<ImportIssue[]> {
  const now = opts.now();
  const asIssues = (messages: string[]): ImportIssue[] => messages.map((message) => ({ path: unit.path, message, at: now }));
  if (unit.kind === 'problem') {
    repos.issues.replace(unit.path, opts.sourceId, null, [unit.message], now);
    report.failed++;
    return asIssues([unit.message]);
  }
  const key = unit.kind === 'session' ? `session:${unit.path.split(/[\\/]/).pop()}` : `file:${unit.path}`;
  seen.add(key);
  const existing = repos.calls.byImportKey(key);
  // A moved session folder keeps its key but must be re-read so paths point at the new place.
  const samePlace = unit.kind === 'loose' || existing?.folder_path === unit.path;
  if (existing && existing.fingerprint === unit.fingerprint && samePlace) {
    report.unchanged++;
    return [];
  }
  const parsed = unit.kind === 'session' ? await readSession(unit.path, unit.fingerprint) : await readLooseFile(unit.path, unit.fingerprint);
  // A call imported earlier stays; its issues stay attached to it so the call shows why it is stale.
  const callId = existing?.id ?? null;
  if ('problems' in parsed) {
    repos.issues.replace(unit.path, opts.sourceId, callId, parsed.problems, now);
    report.failed++;
    return asIssues(parsed.problems);
  }
  if (parsed.audio.length === 0 && parsed.transcript === null && parsed.activities.length === 0) {
    const problems = [...parsed.warnings, 'nothing in this session folder could be imported yet; it will be retried when its files change'];
    repos.issues.replace(unit.path, opts.sourceId, callId, problems, now);
    report.failed++;
    return asIssues(problems);
  }
  const { created } = writeParsedCall(repos, parsed, opts.sourceId, now);
  if (created) report.added++;
  else report.updated++;
  return asIssues(parsed.warnings);
}
