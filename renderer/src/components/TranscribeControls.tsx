import { useState } from 'react';
import type { TranscribeRequestResult } from '../../../shared/transcription.js';
import type { CallDetail } from '../../../shared/types.js';
import { activeTranscription, latestTranscription, transcribeBlocker, transcribingText } from '../jobs-logic.js';
import { useApp } from '../store-context.js';
import { ActionNotes, ActiveJobStatus, JobFailure } from './JobStatus.js';
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
        <ActiveJobStatus job={job} text={transcribingText(job, paused)} label="Transcription progress" testId="transcribe-status" />
      ) : (
        <>
          <ActionNotes blocker={blocker} note={note} blockedTestId="transcribe-blocked" />
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
  return <JobFailure job={job} what="Transcription" testId="transcribe-failure" retryTestId="transcribe-retry" />;
}
