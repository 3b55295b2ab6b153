import type { JobInfo } from '../../../shared/jobs.js';
import { formatDateTime } from '../format-date.js';
import { isActiveJob, isRetryable, jobStateLabel } from '../jobs-logic.js';
import { describeRunResult, jobTypeLabel } from '../transcription-format.js';
import { JobProgress } from './JobProgress.js';

const STATE_BADGE: Record<JobInfo['state'], string> = {
  queued: 'badge-muted',
  running: 'badge-info',
  succeeded: 'badge-ok',
  failed: 'badge-bad',
  canceled: 'badge-warn',
};

/** What a job row shows and can do. */
export interface JobItemProps {
  job: JobInfo;
  /** The call's external id, when the job is about a call the list knows. */
  callName: string | null;
  paused: boolean;
  onCancel(): void;
  onRetry(): void;
  onOpenCall?: () => void;
}

/** One job: type, call, state, progress with ETA, a readable error, and Cancel or Retry. */
export function JobItem({ job, callName, paused, onCancel, onRetry, onOpenCall }: JobItemProps) {
  const active = isActiveJob(job);
  const call = job.callId === null ? null : (callName ?? `call ${job.callId}`);
  return (
    <li className={`job-item job-${job.state}`} data-testid="job-item" data-job-id={job.id} data-type={job.type} data-state={job.state}>
      <div className="job-head">
        <span className="job-type">{jobTypeLabel(job.type)}</span>
        {call !== null &&
          (onOpenCall !== undefined ? (
            <button type="button" className="link-button job-call" title={`Open ${call}`} onClick={onOpenCall}>
              {call}
            </button>
          ) : (
            <span className="job-call">{call}</span>
          ))}
        <span className={`badge ${STATE_BADGE[job.state]}`} data-testid="job-state">
          {jobStateLabel(job, paused)}
        </span>
      </div>
      {active && <JobProgress job={job} label={`Progress of job ${job.id}`} />}
      {active && job.progressNote !== null && <div className="job-note">{job.progressNote}</div>}
      {job.state === 'succeeded' && describeRunResult(job.result) !== null && (
        <div className="job-note" data-testid="job-result">
          {describeRunResult(job.result)}
        </div>
      )}
      {job.state === 'failed' && (
        <p className="job-error" data-testid="job-error">
          {job.errorMessage ?? 'The job failed without a message.'}
          {job.errorCode !== null && <code className="job-code">{job.errorCode}</code>}
        </p>
      )}
      <div className="job-foot">
        <span className="job-time" title={`Created ${formatDateTime(job.createdAt)}`}>
          {job.finishedAt !== null ? `Finished ${formatDateTime(job.finishedAt)}` : `Created ${formatDateTime(job.createdAt)}`}
          {job.attempts > 1 ? ` · ${job.attempts} attempts` : ''}
        </span>
        {active && (
          <button type="button" className="btn btn-small" data-testid="job-cancel" onClick={onCancel}>
            Cancel
          </button>
        )}
        {isRetryable(job) && (
          <button type="button" className="btn btn-small" data-testid="job-retry" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
    </li>
  );
}
