import { CallMetrics, type AnalysisRecord } from '../../../shared/analysis.js';
import { metricsDedupeKey } from '../db/repos/analyses-repo.js';
import type { Repos } from '../db/repos/index.js';
import type { EventBus } from '../events.js';
import type { JobQueue } from '../jobs/queue.js';
import { TRANSCRIBE_JOB } from '../transcription/transcribe-job.js';
import { computeCallMetrics, METRICS_JOB, metricsJob } from './metrics-job.js';
import type { ActivityOptions } from './speech-activity.js';

/** What the metrics service needs. */
export interface MetricsServiceDeps {
  repos: Repos;
  bus: EventBus;
  jobs: JobQueue;
  now: () => string;
  log?: (m: string) => void;
  /** Queue metrics by itself after library changes and transcriptions (default true). */
  auto?: boolean;
  activity?: ActivityOptions;
}

// Metrics take a moment; they go ahead of queued transcriptions, which take minutes.
const METRICS_PRIORITY = 1;

/**
 * Local conversation metrics: registers the `metrics` job and queues it for every call whose active
 * transcript version (or audio, without a transcript) has none yet, after each library change and
 * each finished transcription.
 */
export class MetricsService {
  private readonly off: () => void;

  constructor(private readonly deps: MetricsServiceDeps) {
    deps.jobs.register(metricsJob({ repos: deps.repos, now: deps.now, activity: deps.activity }));
    this.off = deps.bus.onAny((event, payload) => {
      if (deps.auto === false) return;
      const due =
        event === 'library:changed' ||
        (event === 'jobs:changed' && 'type' in payload && payload.type === TRANSCRIBE_JOB && 'state' in payload && payload.state === 'succeeded');
      if (!due) return;
      // A failure here must not break the import or the job that announced the change.
      try {
        this.queueMissing();
      } catch (err) {
        deps.log?.(`metrics: ${String(err)}`);
      }
    });
  }

  /** Queues a metrics job for each call lacking metrics for its active version (one query); returns how many were queued. */
  queueMissing(): number {
    let queued = 0;
    for (const t of this.deps.repos.analyses.missingMetrics(METRICS_JOB)) {
      const { created } = this.deps.jobs.enqueue(METRICS_JOB, t, { callId: t.callId, priority: METRICS_PRIORITY, dedupeKey: metricsDedupeKey(t.callId, t.transcriptId) });
      if (created) queued++;
    }
    return queued;
  }

  /** Queues a fresh run for a call's active version (or its audio); earlier runs stay as history. */
  queueRun(callId: number): void {
    const active = this.deps.repos.transcripts.active(callId);
    const transcriptId = active?.id ?? null;
    this.deps.jobs.enqueue(METRICS_JOB, { callId, transcriptId }, { callId, priority: METRICS_PRIORITY, dedupeKey: metricsDedupeKey(callId, transcriptId) });
  }

  /** The metrics that stand for a call now (its active version's newest run, else its newest audio-only run), or null. */
  current(callId: number): AnalysisRecord | null {
    return this.deps.repos.analyses.current(callId, 'metrics');
  }

  /**
   * The call's current metrics, computed and stored here and now (without the queue) when its
   * active version, or its audio when it has no transcript, has none yet; null when there is
   * nothing to measure. For shells that do not run the queue, such as `callreview show`.
   */
  async ensure(callId: number): Promise<AnalysisRecord | null> {
    const { repos } = this.deps;
    const transcriptId = repos.transcripts.active(callId)?.id ?? null;
    const have = repos.analyses.latest(callId, 'metrics', transcriptId);
    if (have) return have;
    let metrics: CallMetrics;
    try {
      metrics = await computeCallMetrics({ repos, now: this.deps.now, activity: this.deps.activity }, { callId, transcriptId });
    } catch (err) {
      this.deps.log?.(`metrics for call ${callId}: ${(err as Error).message}`);
      return this.current(callId);
    }
    const stored = repos.db
      .transaction(() => {
        // The version may have been replaced while the audio was read.
        if (transcriptId !== null && repos.transcripts.versionNumber(transcriptId) === 0) return null;
        return repos.analyses.add(callId, transcriptId, 'metrics', null, metrics, this.deps.now());
      })
      .immediate();
    return stored ? repos.analyses.get(stored.id) : this.current(callId);
  }

  /** Stops listening to the bus. */
  stop(): void {
    this.off();
  }
}

/** A stored metrics run's payload, validated; null when it is not one this version can read. */
export function metricsOf(record: AnalysisRecord | null): CallMetrics | null {
  if (!record || record.kind !== 'metrics') return null;
  const parsed = CallMetrics.safeParse(record.payload);
  return parsed.success ? parsed.data : null;
}
