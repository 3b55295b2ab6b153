import { useState } from 'react';
import type { AnalyzeRequestResult, CallAnalysisView } from '../../../shared/llm-analysis.js';
import type { CallDetail } from '../../../shared/types.js';
import { activeAnalysis, analyzeBlocker, analyzingText, latestAnalysis, llmRunsOf, runLabel } from '../analysis-logic.js';
import { useApp } from '../store-context.js';
import { ActionNotes, ActiveJobStatus, JobFailure } from './JobStatus.js';

/** What a request did for this call, when it was not simply queued. */
function requestNote(res: AnalyzeRequestResult): string | null {
  const skipped = res.skipped[0];
  if (skipped !== undefined) return `Not queued: ${skipped.reason}.`;
  const already = res.alreadyQueued[0];
  if (already !== undefined) return `An analysis of this call is already queued (job ${already.jobId}).`;
  return null;
}

/** Run analysis (or Re-run), or the running analysis with progress and Cancel. */
export function AnalyzeControls({ call, hasRun }: { call: CallDetail; hasRun: boolean }) {
  const status = useApp((s) => s.openai);
  const paused = useApp((s) => s.queue?.paused ?? false);
  const job = useApp((s) => activeAnalysis(s.jobs, call.id));
  const request = useApp((s) => s.requestAnalysis);
  const [note, setNote] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const blocker = analyzeBlocker(call, status);

  const send = async (): Promise<void> => {
    setSending(true);
    setNote(null);
    try {
      const res = await request(call.id);
      if (res !== null) setNote(requestNote(res));
    } finally {
      setSending(false);
    }
  };

  if (job !== null) {
    return <ActiveJobStatus job={job} text={analyzingText(job, paused)} label="Analysis progress" testId="analyze-status" className="analyze-status" />;
  }
  return (
    <div className="analyze-controls">
      <ActionNotes blocker={blocker} note={note} blockedTestId="analyze-blocked" />
      <button
        type="button"
        className="btn btn-small btn-primary"
        data-testid="analyze-button"
        disabled={blocker !== null || sending}
        title={blocker ?? 'Send the active transcript version to the analysis model (Analysis settings in the sidebar)'}
        onClick={() => void send()}
      >
        {hasRun ? 'Re-run analysis' : 'Run analysis'}
      </button>
    </div>
  );
}

/** The call's last analysis job, when it failed or was canceled: what went wrong, with Retry. */
export function AnalyzeFailure({ callId }: { callId: number }) {
  const job = useApp((s) => latestAnalysis(s.jobs, callId));
  return <JobFailure job={job} what="Analysis" testId="analyze-failure" retryTestId="analyze-retry" className="analyze-failure" />;
}

/** Which LLM run is shown ("Run 2 of 3 · model · date"), with a picker for earlier runs of the same transcript version. */
export function AnalysisRuns({ view, shownId }: { view: CallAnalysisView; shownId: number | null }) {
  const viewRun = useApp((s) => s.viewRun);
  const runs = llmRunsOf(view.history, view.transcriptId);
  const shown = runs.find((r) => r.id === shownId);
  if (shown === undefined) return null;
  if (runs.length === 1) {
    return (
      <span className="analysis-run muted small" data-testid="analysis-run">
        {runLabel(shown, 1)}
      </span>
    );
  }
  return (
    <label className="analysis-run" data-testid="analysis-run">
      <span className="sr-only">Analysis run</span>
      <select className="input input-small" data-testid="analysis-run-picker" value={shown.id} onChange={(e) => void viewRun(Number(e.target.value))}>
        {[...runs].reverse().map((r) => (
          <option key={r.id} value={r.id}>
            {runLabel(r, runs.length)}
            {r.id === view.llm?.id ? ' · current' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
