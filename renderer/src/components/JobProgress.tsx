import type { JobInfo } from '../../../shared/jobs.js';
import { formatEta, formatPercent } from '../transcription-format.js';

/** A job's progress bar with its percentage and time left; indeterminate until the job reports a fraction. */
export function JobProgress({ job, label }: { job: Pick<JobInfo, 'progress' | 'etaSec' | 'state'>; label: string }) {
  const pct = job.state === 'running' ? formatPercent(job.progress) : null;
  const eta = job.state === 'running' ? formatEta(job.etaSec) : null;
  return (
    <div className="job-progress" data-testid="job-progress">
      {/* Without a value the bar is indeterminate: a queued job, or one that has not reported yet. */}
      <progress max={1} value={pct !== null ? (job.progress ?? 0) : undefined} aria-label={label} aria-valuetext={pct ?? undefined} />
      {pct !== null && (
        <span className="job-percent" data-testid="job-percent">
          {pct}
        </span>
      )}
      {eta !== null && (
        <span className="job-eta" data-testid="job-eta">
          {eta}
        </span>
      )}
    </div>
  );
}
