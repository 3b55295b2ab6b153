import { useCallback, useEffect } from 'react';
import { useEscapeToClose } from '../use-modal.js';
import { formatDateTime } from '../format-date.js';
import { useApp } from '../store-context.js';
import { mergeWarnings } from '../warnings.js';

/** A panel listing problems met by imports, opened from the sidebar. */
export function ImportWarnings() {
  const issues = useApp((s) => s.issues);
  const reportWarnings = useApp((s) => s.reportWarnings);
  const setOpen = useApp((s) => s.setWarningsOpen);
  const loadIssues = useApp((s) => s.loadIssues);
  const all = mergeWarnings(issues, reportWarnings);

  // Fetch the newest stored issues each time the panel opens.
  useEffect(() => {
    void loadIssues();
  }, [loadIssues]);

  const close = useCallback(() => setOpen(false), [setOpen]);
  useEscapeToClose(close);

  return (
    <div className="drawer" role="dialog" aria-modal="false" aria-labelledby="warnings-title" data-testid="import-warnings">
      <div className="drawer-head">
        <h2 id="warnings-title">Import warnings ({all.length})</h2>
        <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {all.length === 0 ? (
        <p className="muted">No import has reported a problem.</p>
      ) : (
        <ul className="warning-list">
          {all.map((w) => (
            <li key={`${w.path}|${w.message}|${w.at}`} className="warning-item">
              <div className="warning-message">{w.message}</div>
              <div className="warning-path" title={w.path}>
                {w.path}
              </div>
              <div className="warning-at">{formatDateTime(w.at)}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
