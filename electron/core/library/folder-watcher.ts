import { watch, type FSWatcher } from 'chokidar';
import type { Repos } from '../db/repos/index.js';
import type { EventBus } from '../events.js';
import type { LibraryService } from './library-service.js';

/** Watches folder sources and rescans one once its files have stopped changing for `quietMs`. */
export class FolderWatcher {
  private watchers = new Map<number, FSWatcher>();
  private timers = new Map<number, NodeJS.Timeout>();
  /** Per watcher: settles once its initial scan is done (or it failed or was closed). */
  private readiness = new Map<FSWatcher, { promise: Promise<void>; settle: () => void }>();
  private readonly offBus: () => void;

  constructor(
    private readonly repos: Repos,
    private readonly library: LibraryService,
    bus: EventBus,
    private readonly quietMs = 2000,
    private readonly log: (msg: string) => void = () => {},
  ) {
    this.offBus = bus.onAny((event, payload) => {
      if (event === 'library:changed' && 'reason' in payload && payload.reason.startsWith('source-')) void this.refresh();
    });
  }

  /** Starts or stops watchers so they match the folder sources that have watching on. */
  async refresh(): Promise<void> {
    const wanted = new Map(this.repos.sources.list().filter((s) => s.kind === 'folder' && s.watch && s.path).map((s) => [s.id, s.path!]));
    for (const [id, w] of this.watchers) {
      if (!wanted.has(id)) {
        this.readiness.get(w)?.settle();
        await w.close();
        this.watchers.delete(id);
      }
    }
    for (const [id, path] of wanted) {
      if (this.watchers.has(id)) continue;
      const w = watch(path, { ignoreInitial: true, depth: 5, followSymlinks: false, ignored: (p) => /(^|[\\/])\./.test(p.slice(path.length)) });
      w.on('all', () => this.schedule(id));
      w.on('error', (err) => this.log(`watching ${path} failed: ${String(err)}`));
      this.watchers.set(id, w);
      let settle = () => {};
      const promise = new Promise<void>((resolve) => {
        settle = () => {
          this.readiness.delete(w);
          resolve();
        };
      });
      this.readiness.set(w, { promise, settle });
      w.once('ready', settle);
      w.once('error', settle);
    }
  }

  /** Starts watching, then rescans every watched source once to pick up what changed while the app was closed. */
  async start(): Promise<void> {
    await this.refresh();
    await this.ready();
    for (const id of this.watchers.keys()) {
      this.library.scanSource(id).catch((err: unknown) => this.log(`startup rescan of source ${id} failed: ${String(err)}`));
    }
  }

  /** Resolves once every current watcher has finished its initial scan; with ignoreInitial, files added before then raise no event. */
  async ready(): Promise<void> {
    await Promise.all([...this.readiness.values()].map((r) => r.promise));
  }

  private schedule(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        this.library.scanSource(id).catch((err: unknown) => this.log(`rescan of source ${id} failed: ${String(err)}`));
      }, this.quietMs),
    );
  }

  /** Stops every watcher and pending rescan. */
  async close(): Promise<void> {
    this.offBus();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const r of [...this.readiness.values()]) r.settle();
    await Promise.all([...this.watchers.values()].map((w) => w.close()));
    this.watchers.clear();
  }
}
