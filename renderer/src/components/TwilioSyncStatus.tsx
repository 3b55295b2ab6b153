import type { SyncFailure, SyncReport } from '../../../shared/twilio-types.js';
import { useApp } from '../store-context.js';
import { syncRunning } from '../twilio-slice.js';
import { formatMegabytes } from '../twilio-format.js';

/** One count of a summary or progress line; the test id names the field. */
function Count({ n, label, field, tone }: { n: number; label: string; field: string; tone?: 'bad' | 'warn' }) {
  const cls = n === 0 ? ' count-zero' : tone !== undefined ? ` count-${tone}` : '';
  return (
    <li className={`twilio-count${cls}`} data-field={field}>
      <strong>{n}</strong> {label}
    </li>
  );
}

/** Recordings that did not come in, with their SID and the reason. */
function Failures({ title, items }: { title: string; items: SyncFailure[] }) {
  if (items.length === 0) return null;
  return (
    <details className="twilio-failures" open>
      <summary>
        {title} ({items.length})
      </summary>
      <ul>
        {items.map((f) => (
          <li key={f.recordingSid} data-testid="twilio-failure">
            <code title={f.callSid !== null ? `Call ${f.callSid}` : undefined}>{f.recordingSid}</code>
            <span className="twilio-failure-message">{f.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What the last sync this window ran brought in, and what it could not. */
function Summary({ report }: { report: SyncReport }) {
  return (
    <div className="twilio-summary" data-testid="twilio-summary" role="status">
      <div className="twilio-summary-head">
        Sync finished: {report.seen} recording{report.seen === 1 ? '' : 's'} seen in {(report.durationMs / 1000).toFixed(1)} s
      </div>
      <ul className="twilio-counts">
        <Count n={report.downloaded} label="downloaded" field="downloaded" />
        <Count n={report.alreadyHad} label="already had" field="alreadyHad" />
        <Count n={report.pending} label="still processing" field="pending" tone="warn" />
        <Count n={report.unavailable} label="unavailable" field="unavailable" tone="warn" />
        <Count n={report.missing.length} label="missing" field="missing" tone="bad" />
        <Count n={report.failed.length} label="failed" field="failed" tone="bad" />
        {report.deletedRemote > 0 && <Count n={report.deletedRemote} label="deleted from Twilio" field="deletedRemote" />}
      </ul>
      {report.bytes > 0 && <div className="muted small">{formatMegabytes(report.bytes)} downloaded</div>}
      <Failures title="Failed" items={report.failed} />
      <Failures title="Missing on Twilio" items={report.missing} />
    </div>
  );
}

/** Live progress while a sync runs, then the summary of the one this window started. */
export function TwilioSyncStatus() {
  const progress = useApp((s) => s.syncProgress);
  const report = useApp((s) => s.syncReport);
  const running = useApp(syncRunning);

  if (running) {
    return (
      <div className="twilio-progress" data-testid="twilio-progress" role="status" aria-live="polite">
        <div className="twilio-progress-head">{progress?.finished === true ? 'Finishing…' : 'Syncing…'}</div>
        {progress === null ? (
          <div className="muted small">Listing recordings…</div>
        ) : (
          <ul className="twilio-counts">
            <Count n={progress.pages} label={progress.pages === 1 ? 'page' : 'pages'} field="pages" />
            <Count n={progress.seen} label="seen" field="seen" />
            <Count n={progress.downloaded} label="downloaded" field="downloaded" />
            <Count n={progress.failed} label="failed" field="failed" tone="bad" />
            <li className="twilio-count" data-field="bytes">
              <strong>{formatMegabytes(progress.bytes)}</strong>
            </li>
          </ul>
        )}
        <progress aria-label="Twilio sync progress" />
      </div>
    );
  }
  return report !== null ? <Summary report={report} /> : null;
}
