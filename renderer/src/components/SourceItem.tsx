import { useState } from 'react';
import type { Source } from '../../../shared/types.js';
import { useApp } from '../store-context.js';

/** One source in the sidebar, with rescan and a remove that asks first. */
export function SourceItem({ source }: { source: Source }) {
  const rescan = useApp((s) => s.rescan);
  const removeSource = useApp((s) => s.removeSource);
  const [confirming, setConfirming] = useState(false);
  const [deleteCalls, setDeleteCalls] = useState(false);

  return (
    <li className="source-item" data-testid="source-item" data-source-id={source.id}>
      <div className="source-head">
        <span className="source-kind">{source.kind}</span>
        <span className="source-label" title={source.path ?? source.label}>
          {source.label}
        </span>
      </div>
      <div className="source-counts">
        {source.callCount} call{source.callCount === 1 ? '' : 's'}
        {source.issueCount > 0 && (
          <span className="source-issues">
            {' · '}
            {source.issueCount} issue{source.issueCount === 1 ? '' : 's'}
          </span>
        )}
      </div>
      {confirming ? (
        <div className="source-confirm" role="group" aria-label={`Remove ${source.label}?`}>
          <span>Remove this source?</span>
          <label className="checkbox">
            <input type="checkbox" checked={deleteCalls} onChange={(e) => setDeleteCalls(e.target.checked)} />
            Also delete its calls
          </label>
          <div className="source-actions">
            <button
              type="button"
              className="btn btn-danger btn-small"
              onClick={() => {
                setConfirming(false);
                void removeSource(source.id, deleteCalls);
              }}
            >
              Remove
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="source-actions">
          {/* A Twilio source is brought up to date by Sync now in the Twilio section, not by a rescan. */}
          {source.kind === 'folder' && (
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Rescan ${source.label}`}
              onClick={() => void rescan(source.id)}
            >
              Rescan
            </button>
          )}
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-label={`Remove ${source.label}`}
            onClick={() => setConfirming(true)}
          >
            Remove
          </button>
        </div>
      )}
    </li>
  );
}
