import { useApp } from '../store-context.js';
import { mergeWarnings } from '../warnings.js';
import { AddFolder } from './AddFolder.js';
import { SourceItem } from './SourceItem.js';
import { TwilioPanel } from './TwilioPanel.js';

/** The left column: configured sources, adding a folder, rescans, Twilio and import warnings. */
export function SourcesSidebar() {
  const sources = useApp((s) => s.sources);
  const rescan = useApp((s) => s.rescan);
  const lastReport = useApp((s) => s.lastReport);
  const issues = useApp((s) => s.issues);
  const reportWarnings = useApp((s) => s.reportWarnings);
  const issueCount = mergeWarnings(issues, reportWarnings).length;
  const setWarningsOpen = useApp((s) => s.setWarningsOpen);

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
      <TwilioPanel />
      <section className="sidebar-section sidebar-bottom">
        <button
          type="button"
          className={`btn btn-block${issueCount > 0 ? ' btn-warn' : ''}`}
          onClick={() => setWarningsOpen(true)}
        >
          Import warnings ({issueCount})
        </button>
      </section>
    </aside>
  );
}
