import { useApp } from '../store-context.js';
import { mergeWarnings } from '../warnings.js';
import { AddFolder } from './AddFolder.js';
import { AnalysisSettingsPanel } from './AnalysisSettingsPanel.js';
import { ReviewSidebarSection } from './ReviewSidebarSection.js';
import { SavedSearches } from './SavedSearches.js';
import { SourceItem } from './SourceItem.js';
import { TranscriptionPanel } from './TranscriptionPanel.js';
import { TwilioPanel } from './TwilioPanel.js';

/** The left column: configured sources, adding a folder, rescans, Twilio, transcription, jobs and import warnings. */
export function SourcesSidebar() {
  const sources = useApp((s) => s.sources);
  const rescan = useApp((s) => s.rescan);
  const lastReport = useApp((s) => s.lastReport);
  const issues = useApp((s) => s.issues);
  const reportWarnings = useApp((s) => s.reportWarnings);
  const issueCount = mergeWarnings(issues, reportWarnings).length;
  const setWarningsOpen = useApp((s) => s.setWarningsOpen);
  const setJobsOpen = useApp((s) => s.setJobsOpen);
  const running = useApp((s) => s.queue?.counts.running ?? 0);
  const queued = useApp((s) => s.queue?.counts.queued ?? 0);
  const failed = useApp((s) => s.queue?.counts.failed ?? 0);
  const busy = running + queued;

  return (
    <aside className="sidebar" aria-label="Sources">
      <div className="brand">CallReview</div>
      <section className="sidebar-section">
        <div className="sidebar-heading">
          <h2>Sources</h2>
          <button
            type="button"
            className="btn btn-small"
            disabled={sources.length === 0}
            onClick={() => void rescan()}
          >
            Rescan all
          </button>
        </div>
        {sources.length === 0 ? (
          <p className="muted">No sources yet.</p>
        ) : (
          <ul className="source-list">
            {sources.map((s) => (
              <SourceItem key={s.id} source={s} />
            ))}
          </ul>
        )}
      </section>
      <section className="sidebar-section">
        <AddFolder />
        {lastReport !== null && (
          <p className="last-report" role="status">
            {lastReport}
          </p>
        )}
      </section>
      <SavedSearches />
      <TwilioPanel />
      <TranscriptionPanel />
      <AnalysisSettingsPanel />
      <ReviewSidebarSection />
      <section className="sidebar-section sidebar-bottom">
        <button
          type="button"
          className="btn btn-block jobs-button"
          data-testid="jobs-button"
          title={`${running} running, ${queued} queued, ${failed} failed`}
          onClick={() => {
            // One drawer at a time: they share the right edge.
            setWarningsOpen(false);
            setJobsOpen(true);
          }}
        >
          Jobs
          {busy > 0 && (
            <span className="badge badge-info" data-testid="jobs-badge" aria-label={`${running} running, ${queued} queued`}>
              {running > 0 ? `${running} running` : ''}
              {running > 0 && queued > 0 ? ' · ' : ''}
              {queued > 0 ? `${queued} queued` : ''}
            </span>
          )}
          {failed > 0 && (
            <span className="badge badge-bad" data-testid="jobs-failed-badge">
              {failed} failed
            </span>
          )}
        </button>
        <button
          type="button"
          className={`btn btn-block${issueCount > 0 ? ' btn-warn' : ''}`}
          onClick={() => {
            setJobsOpen(false);
            setWarningsOpen(true);
          }}
        >
          Import warnings ({issueCount})
        </button>
      </section>
    </aside>
  );
}
