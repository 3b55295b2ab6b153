import type { JobInfo } from '../../../shared/jobs.js';
import { isRetryable } from '../jobs-logic.js';
import { useApp } from '../store-context.js';
import { JobProgress } from './JobProgress.js';

/** A job for this call that is queued or running: what it is doing, its progress bar, and Cancel. */
export function ActiveJobStatus({ job, text, label, testId, className = '' }: { job: JobInfo; text: string; label: string; testId: string; className?: string }) {
  const cancel = useApp((s) => s.cancelJob);
  return (
    <div className={`transcribe-status ${className}`.trim()} role="status" aria-live="polite" data-testid={testId} data-state={job.state}>
      <span className="transcribe-status-text">{text}</span>
      <JobProgress job={job} label={label} />
      <button type="button" className="btn btn-small" onClick={() => void cancel(job.id)}>
        Cancel
      </button>
    </div>
  );
}

/** Why an action cannot run now, and what the last request said. */
export function ActionNotes({ blocker, note, blockedTestId }: { blocker: string | null; note: string | null; blockedTestId: string }) {
  return (
    <>
      {blocker !== null && (
        <span className="transcribe-blocked" data-testid={blockedTestId}>
          {blocker}
        </span>
      )}
      {note !== null && (
        <span className="transcribe-note" role="status">
          {note}
        </span>
      )}
    </>
  );
}

/** A call's last job of one kind, when it failed or was canceled: what went wrong, with Retry. */
export function JobFailure({ job, what, testId, retryTestId, className = '' }: { job: JobInfo | null; what: string; testId: string; retryTestId: string; className?: string }) {
  const retry = useApp((s) => s.retryJob);
  if (job === null || !isRetryable(job)) return null;
  const failed = job.state === 'failed';
  return (
    <div className={`transcribe-failure ${className}${failed ? '' : ' is-canceled'}`.replace(/\s+/g, ' ').trim()} role={failed ? 'alert' : 'status'} data-testid={testId}>
      <span className="transcribe-failure-text">
        <strong>{failed ? `${what} failed:` : `${what} canceled.`}</strong> {failed ? (job.errorMessage ?? 'no reason was given.') : ''}
      </span>
      <button type="button" className="btn btn-small" data-testid={retryTestId} onClick={() => void retry(job.id)}>
        Retry
      </button>
    </div>
  );
}
