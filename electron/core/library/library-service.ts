import { realpathSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AppError } from '../../../shared/ipc/envelope.js';
import type { ImportReport, Source } from '../../../shared/types.js';
import type { Repos } from '../db/repos/index.js';
import type { EventBus } from '../events.js';
import { addReport, emptyReport, importRoots } from './importer.js';

/** Folder sources and imports, with progress events; one import runs at a time. */
export class LibraryService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repos: Repos,
    private readonly bus: EventBus,
    private readonly now: () => string,
  ) {}

  /** Registers a folder (or reuses its source) and imports it. */
  async addFolder(path: string, watch: boolean): Promise<{ source: Source; report: ImportReport }> {
    const abs = canonicalFolder(path);
    const known = this.repos.sources.list().some((s) => s.kind === 'folder' && s.path === abs);
    const source = this.repos.sources.ensureFolder(abs, basename(abs) || abs, watch, this.now());
    if (!known) this.bus.emit('library:changed', { reason: 'source-added' });
    const report = await this.scanSource(source.id);
    return { source: this.repos.sources.get(source.id)!, report };
  }

  /** Rescans one source or every folder source. */
  async rescan(id?: number): Promise<ImportReport> {
    const ids = id !== undefined ? [id] : this.repos.sources.list().filter((s) => s.kind === 'folder').map((s) => s.id);
    const total = emptyReport();
    for (const sid of ids) addReport(total, await this.scanSource(sid));
    return total;
  }

  /** Scans one source, serialised behind any running import. */
  scanSource(id: number): Promise<ImportReport> {
    const run = this.queue.then(() => this.doScan(id));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async doScan(id: number): Promise<ImportReport> {
    const source = this.repos.sources.get(id);
    if (!source) throw new AppError('not-found', `There is no source with id ${id}.`);
    if (source.kind !== 'folder' || !source.path) throw new AppError('unsupported', 'Only folder sources can be rescanned here.');
    const report = await importRoots(this.repos, [source.path], {
      sourceId: id,
      now: this.now,
      onProgress: (done, total, current) =>
        this.bus.emit('library:importProgress', { sourceId: id, done, total, current, finished: false }),
    });
    this.bus.emit('library:importProgress', { sourceId: id, done: report.scanned, total: report.scanned, current: null, finished: true });
    if (report.added + report.updated > 0 || report.failed > 0) this.bus.emit('library:changed', { reason: 'import' });
    return report;
  }

  /** Removes a source. */
  removeSource(id: number, deleteCalls: boolean): boolean {
    const removed = this.repos.sources.remove(id, deleteCalls);
    if (removed) this.bus.emit('library:changed', { reason: 'source-removed' });
    return removed;
  }
}

/** Resolves a user-typed folder to its real absolute path, or says plainly why it cannot be used. */
export function canonicalFolder(path: string): string {
  const abs = resolve(path);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new AppError('not-found', `The folder ${abs} does not exist.`);
  }
  if (!st.isDirectory()) throw new AppError('bad-request', `${abs} is not a folder.`);
  return realpathSync(abs);
}
