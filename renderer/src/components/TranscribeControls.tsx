import { useState } from 'react';
import type { TranscribeRequestResult } from '../../../shared/transcription.js';
import type { CallDetail } from '../../../shared/types.js';
import { activeTranscription, isRetryable, latestTranscription, transcribeBlocker, transcribingText } from '../jobs-logic.js';
import { useApp } from '../store-context.js';
import { JobProgress } from './JobProgress.js';
import { RetranscribeDialog } from './RetranscribeDialog.js';

/** What a request did for this call, when it was not simply queued. */
function requestNote(res: TranscribeRequestResult): string | null {
  const skipped = res.skipped[0];
  if (skipped !== undefined) return `Not queued: ${skipped.reason}.`;
  const already = res.alreadyQueued[0];
  if (already !== undefined) return `A transcription of this call is already queued (job ${already.jobId}); it keeps its own options.`;
  return null;
}

/** The call's Transcribe and Re-transcribe… buttons, or its running transcription with progress, ETA and Cancel. */
export function TranscribeControls({ call }: { call: CallDetail }) {
  const status = useApp((s) => s.openai);
  const paused = useApp((s) => s.queue?.paused ?? false);
  const job = useApp((s) => activeTranscription(s.jobs, call.id));
  const request = useApp((s) => s.requestTranscription);
  const cancel = useApp((s) => s.cancelJob);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const blocker = transcribeBlocker(call, status);

  const send = async (options?: Parameters<typeof request>[1], reason?: Parameters<typeof request>[2]): Promise<boolean> => {
    setSending(true);
    setNote(null);
    try {
      const res = await request([call.id], options, reason);
      if (res !== null) setNote(requestNote(res));
      return res !== null;
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="transcribe-controls" data-testid="transcribe-controls">
      {job !== null ? (
        <div className="transcribe-status" role="status" aria-live="polite" data-testid="transcribe-status" data-state={job.state}>
          <span className="transcribe-status-text">{transcribingText(job, paused)}</span>
          <JobProgress job={job} label="Transcription progress" />
          <button type="button" className="btn btn-small" onClick={() => void cancel(job.id)}>
            Cancel
          </button>
        </div>
      ) : (
        <>
          {blocker !== null && (
            <span className="transcribe-blocked" data-testid="transcribe-blocked">
              {blocker}
            </span>
          )}
          {note !== null && (
            <span className="transcribe-note" role="status">
              {note}
            </span>
          )}
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-testid="transcribe-button"
            disabled={blocker !== null || sending}
            title={blocker ?? 'Transcribe with the default options from Transcription settings'}
            onClick={() => void send()}
          >
            Transcribe
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="retranscribe-button"
            disabled={blocker !== null || sending}
            title={blocker ?? 'Choose the model, language and prompt for a new version'}
            onClick={() => setDialogOpen(true)}
          >
            Re-transcribe…
          </button>
        </>
      )}
      {dialogOpen && status !== null && (
        <RetranscribeDialog
          call={call}
          settings={status.settings}
          onCancel={() => setDialogOpen(false)}
          onSubmit={async (options) => {
            if (await send(options, 'retranscribe')) setDialogOpen(false);
          }}
        />
      )}
    </div>
  );
}

/** The call's last transcription, when it failed or was canceled: what went wrong, with Retry. */
export function TranscribeFailure({ callId }: { callId: number }) {
  const job = useApp((s) => latestTranscription(s.jobs, callId));
  const retry = useApp((s) => s.retryJob);
  if (job === null || !isRetryable(job)) return null;
  const failed = job.state === 'failed';
  return (
    <div className={`transcribe-failure${failed ? '' : ' is-canceled'}`} role={failed ? 'alert' : 'status'} data-testid="transcribe-failure">
      <span className="transcribe-failure-text">
        <strong>{failed ? 'Transcription failed:' : 'Transcription canceled.'}</strong> {failed ? (job.errorMessage ?? 'no reason was given.') : ''}
      </span>
      <button type="button" className="btn btn-small" data-testid="transcribe-retry" onClick={() => void retry(job.id)}>
        Retry
      </button>
    </div>
  );
}
