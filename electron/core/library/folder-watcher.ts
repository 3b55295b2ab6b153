import { watch, type FSWatcher } from 'chokidar';
import type { Repos } from '../db/repos/index.js';
import type { EventBus } from '../events.js';
import type { LibraryService } from './library-service.js';

/** Watches folder sources and rescans one once its files have stopped changing for `quietMs`. */
export class FolderWatcher {
  private watchers = new Map<number, FSWatcher>();
  private timers = new Map<number, NodeJS.Timeout>();
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
    }
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
    await Promise.all([...this.watchers.values()].map((w) => w.close()));
    this.watchers.clear();
  }
}
