import { join } from 'node:path';
import { LlmAnalysisService, type LlmAnalysisServiceDeps } from './analysis/llm-analysis-service.js';
import { MetricsService, type MetricsServiceDeps } from './analysis/metrics-service.js';
import { DerivedStereoService } from './audio/derived-stereo.js';
import { PeaksService } from './audio/peaks-service.js';
import { pairsOf } from './audio/serve-audio.js';
import { createRepos, type Repos } from './db/repos/index.js';
import { openDatabase } from './db/open.js';
import { EventBus } from './events.js';
import { JobQueue } from './jobs/queue.js';
import type { JobQueueOptions } from './jobs/types.js';
import { LibraryService } from './library/library-service.js';
import { envCredentialStore, type CredentialStore } from './library/twilio/credentials.js';
import { envOpenAiKeyStore, type OpenAiKeyStore } from './transcription/openai-key.js';
import { TranscriptionService, type TranscriptionServiceDeps } from './transcription/transcription-service.js';
import { TwilioService, type TwilioServiceOptions } from './library/twilio/twilio-service.js';
import { ExportService } from './export/export-service.js';

/** The services every shell builds once and hands to the handlers. */
export interface Core {
  dataDir: string;
  repos: Repos;
  bus: EventBus;
  library: LibraryService;
  twilio: TwilioService;
  /** Waveform peaks, cached per file version and filled in the background after library changes. */
  peaks: PeaksService;
  /** Stereo files made of a call's caller + agent pair when it has no stereo recording; what `best` serves for such calls. */
  derived: DerivedStereoService;
  /** The durable job queue; handlers register on it and a shell starts it (nothing runs until then). */
  jobs: JobQueue;
  /** Transcription requests, settings and the OpenAI key; registers the transcribe job on the queue. */
  transcription: TranscriptionService;
  /** Local conversation metrics; registers the metrics job and queues it for calls lacking metrics. */
  metrics: MetricsService;
  /** LLM analysis requests, settings and results; registers the analyze job and auto-analyses new transcripts. */
  llm: LlmAnalysisService;
  /** Exports of calls (files, progress, cancel) and the download list of finished ones. */
  exports: ExportService;
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
  /** Queue knobs (lease, poll, backoff) that tests and the CLI worker shrink. */
  jobs?: Omit<JobQueueOptions, 'clock' | 'log'>;
  /** Where the OpenAI key lives (default: OPENAI_API_KEY). */
  openaiKeys?: OpenAiKeyStore;
  /** Environment for OPENAI_BASE_URL and the key (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Transcription knobs tests shrink or replace. */
  transcription?: Pick<TranscriptionServiceDeps, 'transcriber' | 'maxChunkBytes'>;
  /** Metrics knobs: `auto: false` stops queueing metrics jobs by itself (tests that count jobs); the speech detector's levels. */
  metrics?: Pick<MetricsServiceDeps, 'auto' | 'activity'>;
  /** LLM analysis knobs tests replace. */
  llm?: Pick<LlmAnalysisServiceDeps, 'analyzer'>;
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
  const jobs = new JobQueue({ repos, bus }, { clock, log: opts.log, ...opts.jobs });
  const env = opts.env ?? process.env;
  const transcription = new TranscriptionService({
    repos,
    bus,
    jobs,
    dataDir,
    now,
    keys: opts.openaiKeys ?? envOpenAiKeyStore(env),
    env,
    fetch: httpFetch,
    log: opts.log,
    ...opts.transcription,
  });
  const metrics = new MetricsService({ repos, bus, jobs, now, log: opts.log, ...opts.metrics });
  const llm = new LlmAnalysisService({ repos, bus, jobs, now, keys: opts.openaiKeys ?? envOpenAiKeyStore(env), env, fetch: httpFetch, log: opts.log, ...opts.llm });
  const peaks = new PeaksService({ catalog: repos.audio, dataDir, log: opts.log });
  const derived = new DerivedStereoService({ dataDir, peaks, log: opts.log, catalog: { pairs: () => pairsOf(repos.audio.present()) } });
  // A changed library may hold new or rewritten audio; finding what lacks peaks (or a derived stereo) is one query and one readdir each.
  const offPeaks = bus.onAny((event) => {
    if (event !== 'library:changed') return;
    peaks.scheduleMissingSoon();
    derived.scheduleAllSoon();
    // New recordings may be due for auto-transcription; a failure here must not break the import that changed things.
    try {
      transcription.queueNewRecordings();
    } catch (err) {
      opts.log?.(`auto-transcribe: ${String(err)}`);
    }
  });
  return {
    dataDir,
    repos,
    bus,
    now,
    library: new LibraryService(repos, bus, now),
    twilio,
    peaks,
    derived,
    jobs,
    transcription,
    metrics,
    llm,
    exports: new ExportService({ repos, bus, dataDir, now, derived }),
    close: () => {
      // stop() puts running jobs back synchronously; what it awaits afterwards never touches the database.
      void jobs.stop();
      offPeaks();
      metrics.stop();
      llm.stop();
      peaks.stop();
      derived.stop();
      twilio.stopAutoSync();
      db.close();
    },
  };
}
