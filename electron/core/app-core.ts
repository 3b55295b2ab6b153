import { join } from 'node:path';
import { PeaksService } from './audio/peaks-service.js';
import { createRepos, type Repos } from './db/repos/index.js';
import { openDatabase } from './db/open.js';
import { EventBus } from './events.js';
import { LibraryService } from './library/library-service.js';
import { envCredentialStore, type CredentialStore } from './library/twilio/credentials.js';
import { TwilioService, type TwilioServiceOptions } from './library/twilio/twilio-service.js';

/** The services every shell builds once and hands to the handlers. */
export interface Core {
  dataDir: string;
  repos: Repos;
  bus: EventBus;
  library: LibraryService;
  twilio: TwilioService;
  /** Waveform peaks, cached per file version and filled in the background after library changes. */
  peaks: PeaksService;
  now: () => string;
  close(): void;
}

/** What a shell may vary: the clock, where Twilio credentials live, and the Twilio knobs tests shrink. */
export interface CoreOptions {
  clock?: () => Date;
  credentials?: CredentialStore;
  twilio?: Partial<Omit<TwilioServiceOptions, 'repos' | 'bus' | 'dataDir' | 'now' | 'store' | 'fetch'>>;
  fetch?: typeof fetch;
  log?: (m: string) => void;
}

/** Opens the library in `dataDir` and builds the core services (the composition root's shared part). */
export function createCore(dataDir: string, opts: CoreOptions = {}): Core {
  const clock = opts.clock ?? (() => new Date());
  const db = openDatabase(join(dataDir, 'callreview.db'));
  const repos = createRepos(db);
  const bus = new EventBus();
  const now = () => clock().toISOString();
  // Node's own fetch unless a shell or test hands in another; modules below only take it as a parameter.
  const httpFetch = opts.fetch ?? globalThis.fetch;
  const twilio = new TwilioService({ repos, bus, dataDir, now, store: opts.credentials ?? envCredentialStore(), log: opts.log, fetch: httpFetch, ...opts.twilio });
  const peaks = new PeaksService({ catalog: repos.audio, dataDir, log: opts.log });
  // A changed library may hold new or rewritten audio; finding what lacks peaks is one query and one readdir.
  const offPeaks = bus.onAny((event) => {
    if (event === 'library:changed') peaks.scheduleMissingSoon();
  });
  return {
    dataDir,
    repos,
    bus,
    now,
    library: new LibraryService(repos, bus, now),
    twilio,
    peaks,
    close: () => {
      offPeaks();
      peaks.stop();
      twilio.stopAutoSync();
      db.close();
    },
  };
}
