import { join } from 'node:path';
import { createRepos, type Repos } from './db/repos/index.js';
import { openDatabase } from './db/open.js';
import { EventBus } from './events.js';
import { LibraryService } from './library/library-service.js';

/** The services every shell builds once and hands to the handlers. */
export interface Core {
  dataDir: string;
  repos: Repos;
  bus: EventBus;
  library: LibraryService;
  now: () => string;
  close(): void;
}

/** Opens the library in `dataDir` and builds the core services (the composition root's shared part). */
export function createCore(dataDir: string, clock: () => Date = () => new Date()): Core {
  const db = openDatabase(join(dataDir, 'callreview.db'));
  const repos = createRepos(db);
  const bus = new EventBus();
  const now = () => clock().toISOString();
  return {
    dataDir,
    repos,
    bus,
    now,
    library: new LibraryService(repos, bus, now),
    close: () => db.close(),
  };
}
