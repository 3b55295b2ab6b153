import { useCallback, useEffect, useRef, useState } from 'react';
import { useEscapeToClose } from '../use-modal.js';
import { JOB_CONCURRENCY } from '../../../shared/jobs.js';
import type { TranscribeRequestResult } from '../../../shared/transcription.js';
import { useApp } from '../store-context.js';
import { JobItem } from './JobItem.js';

const CONCURRENCY = Array.from({ length: JOB_CONCURRENCY.max - JOB_CONCURRENCY.min + 1 }, (_, i) => JOB_CONCURRENCY.min + i);

/** Says what a batch request did, in one line. */
export function describeBatch(res: TranscribeRequestResult): string {
  const n = res.queued.length;
  const parts = [n === 0 ? 'No call needed transcribing' : `Queued ${n} call${n === 1 ? '' : 's'}`];
  if (res.alreadyQueued.length > 0) parts.push(`${res.alreadyQueued.length} already queued`);
  if (res.skipped.length > 0) parts.push(`${res.skipped.length} skipped (${[...new Set(res.skipped.map((s) => s.reason))].join(', ')})`);
  return `${parts.join('; ')}.`;
}

/** The jobs drawer: every job newest first with progress and errors, queue pause/resume and concurrency, and batch transcription. */
export function JobsPanel() {
  const jobs = useApp((s) => s.jobs);
  const queue = useApp((s) => s.queue);
  const calls = useApp((s) => s.calls);
  const openai = useApp((s) => s.openai);
  const setOpen = useApp((s) => s.setJobsOpen);
  const loadJobs = useApp((s) => s.loadJobs);
  const cancel = useApp((s) => s.cancelJob);
  const retry = useApp((s) => s.retryJob);
  const setPaused = useApp((s) => s.setQueuePaused);
  const setConcurrency = useApp((s) => s.setConcurrency);
  const transcribeMissing = useApp((s) => s.transcribeMissing);
  const openCall = useApp((s) => s.open);
  const [batchNote, setBatchNote] = useState<string | null>(null);
  const [batching, setBatching] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);

  // Keyboard users land in the drawer and go back to where they were when it closes.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);

  // Events keep the list live; a fresh list on opening also covers anything missed while disconnected.
  useEffect(() => {
    void loadJobs();
  }, [loadJobs]);

  const close = useCallback(() => setOpen(false), [setOpen]);
  useEscapeToClose(close);

  const names = new Map(calls.map((c) => [c.id, c.externalId]));
  const counts = queue?.counts;
  const paused = queue?.paused ?? false;
  const noKey = openai !== null && !openai.configured;

  // The drawer covers the call detail, so opening a call closes it.
  const showCall = (id: number): void => {
    setOpen(false);
    void openCall(id);
  };

  const batch = async (): Promise<void> => {
    setBatching(true);
    setBatchNote(null);
    try {
      const res = await transcribeMissing();
      if (res !== null) setBatchNote(describeBatch(res));
    } finally {
      setBatching(false);
    }
  };

  return (
    <div className="drawer jobs-panel" role="dialog" aria-modal="false" aria-labelledby="jobs-title" data-testid="jobs-panel">
      <div className="drawer-head">
        <h2 id="jobs-title">Jobs</h2>
        <button ref={closeRef} type="button" className="btn btn-small" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      <div className="jobs-toolbar">
        {counts !== undefined && (
          <p className="jobs-counts" data-testid="jobs-counts">
            {counts.running} running · {counts.queued} queued · {counts.failed} failed · {counts.succeeded} done
          </p>
        )}
        <div className="jobs-controls">
          <button type="button" className="btn btn-small" data-testid="queue-pause" disabled={queue === null} onClick={() => void setPaused(!paused)}>
            {paused ? 'Resume queue' : 'Pause queue'}
          </button>
          <label className="field-label-inline" htmlFor="jobs-concurrency">
            At once
          </label>
          <select
            id="jobs-concurrency"
            className="input input-small"
            data-testid="queue-concurrency"
            disabled={queue === null}
            value={queue?.concurrency ?? JOB_CONCURRENCY.default}
            onChange={(e) => void setConcurrency(Number(e.target.value))}
          >
            {CONCURRENCY.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        {paused && <p className="jobs-paused" role="status">The queue is paused: running jobs finish, queued ones wait.</p>}
        <button
          type="button"
          className="btn btn-small btn-block"
          data-testid="transcribe-missing"
          disabled={batching || noKey}
          title={noKey ? 'Set an OpenAI API key first (Transcription in the sidebar).' : undefined}
          onClick={() => void batch()}
        >
          {batching ? 'Queuing…' : 'Transcribe all calls without a transcript'}
        </button>
        {batchNote !== null && (
          <p className="jobs-batch-note" role="status" data-testid="batch-note">
            {batchNote}
          </p>
        )}
      </div>
      {jobs.length === 0 ? (
        <p className="muted">No jobs yet. Transcriptions you start appear here.</p>
      ) : (
        <ul className="job-list" aria-label="Jobs, newest first">
          {jobs.map((j) => {
            const callId = j.callId;
            return (
              <JobItem
                key={j.id}
                job={j}
                callName={callId !== null ? (names.get(callId) ?? null) : null}
                paused={paused}
                onCancel={() => void cancel(j.id)}
                onRetry={() => void retry(j.id)}
                onOpenCall={callId !== null && names.has(callId) ? () => showCall(callId) : undefined}
              />
            );
          })}
        </ul>
      )}
    </div>
  );
}
