import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFormat, ExportOptions, ExportResult } from '../../../shared/export.js';
import type { Repos } from '../db/repos/index.js';
import type { EventBus } from '../events.js';
import type { DerivedSource } from './audio.js';
import { runExport } from './batch.js';
import type { ExportTarget } from './export-plan.js';

/** What the export service needs of the core. */
export interface ExportServiceDeps {
  repos: Repos;
  bus: EventBus;
  dataDir: string;
  now: () => string;
  derived?: DerivedSource;
}

/** An export to run; without a target it goes to a new folder under `<dataDir>/exports/`. */
export interface ExportRun {
  callIds: readonly number[];
  formats: readonly ExportFormat[];
  options: ExportOptions;
  target?: ExportTarget;
  overwrite: boolean;
  /** Write index.csv (batches). */
  index: boolean;
  /** Stops the run as well as export:cancel does (the CLI's Ctrl+C). */
  signal?: AbortSignal;
}

/** A file of a finished export, for the download route. */
export interface ExportDownload {
  path: string;
  name: string;
}

/** How many finished exports keep their download links (oldest forgotten first). */
const KEEP = 200;

/**
 * Runs exports with progress (`export:progress`) and cancel, and remembers each finished export's files
 * by export id so browser mode can offer them for download without ever taking a path from the page.
 */
export class ExportService {
  private readonly running = new Map<string, AbortController>();
  private readonly finished = new Map<string, ExportDownload[]>();

  constructor(private readonly deps: ExportServiceDeps) {}

  /** Runs an export to the end (or until canceled); conflicts with existing files are refused before anything is written. */
  async run(req: ExportRun): Promise<ExportResult> {
    const exportId = randomBytes(9).toString('base64url');
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    req.signal?.addEventListener('abort', onAbort);
    this.running.set(exportId, controller);
    try {
      const target = req.target ?? { dir: await this.freshDir() };
      const result = await runExport(
        { repos: this.deps.repos, derived: this.deps.derived, now: this.deps.now },
        { exportId, callIds: req.callIds, formats: req.formats, options: req.options, target, overwrite: req.overwrite, index: req.index },
        { signal: controller.signal, onProgress: (p) => this.deps.bus.emit('export:progress', p) },
      );
      this.remember(result);
      return result;
    } finally {
      this.running.delete(exportId);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Cancels one running export, or all of them without an id; returns how many were running. */
  cancel(exportId?: string): number {
    let n = 0;
    for (const [id, c] of this.running) {
      if (exportId !== undefined && id !== exportId) continue;
      c.abort();
      n++;
    }
    return n;
  }

  /** A file of a finished export by export id and file index, or null. */
  download(exportId: string, index: number): ExportDownload | null {
    return this.finished.get(exportId)?.[index] ?? null;
  }

  private remember(result: ExportResult): void {
    if (result.dir === null) return;
    const dir = result.dir;
    this.finished.set(result.exportId, result.files.map((f) => ({ path: join(dir, f.name), name: f.name })));
    while (this.finished.size > KEEP) this.finished.delete(this.finished.keys().next().value!);
  }

  /** A new, empty folder `<dataDir>/exports/<UTC time>[-n]` (claimed with a non-recursive mkdir, so two runs never share one). */
  private async freshDir(): Promise<string> {
    const root = join(this.deps.dataDir, 'exports');
    await mkdir(root, { recursive: true });
    const stamp = this.deps.now().replace(/[:.]/g, '-');
    for (let n = 1; ; n++) {
      const dir = join(root, n === 1 ? stamp : `${stamp}-${n}`);
      try {
        await mkdir(dir);
        return dir;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  }
}
