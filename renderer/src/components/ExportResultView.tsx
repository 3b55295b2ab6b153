import { exportFileUrl, type ExportResult } from '../../../shared/export.js';

/** Bytes as B, KB or MB for the file list. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What an export wrote: the folder, each call's outcome when something went wrong, and the files (download links in browser mode). */
export function ExportResultView({ result, downloads }: { result: ExportResult; downloads: boolean }) {
  const problems = result.calls.filter((c) => c.status !== 'ok');
  const counts = (['ok', 'partial', 'failed', 'canceled'] as const).map((s) => [s, result.calls.filter((c) => c.status === s).length] as const).filter(([, n]) => n > 0);
  return (
    <div className="export-result" data-testid="export-result" role="status">
      <p className="modal-message">
        {result.canceled ? 'Canceled: ' : ''}
        {result.files.length} file{result.files.length === 1 ? '' : 's'} written to <code data-testid="export-dir">{result.dir}</code>
        {result.calls.length > 1 ? ` (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}.
      </p>
      {problems.length > 0 && (
        <ul className="export-problems" data-testid="export-problems">
          {problems.map((c) => (
            <li key={c.callId}>
              <strong>{c.externalId}</strong>: {c.status}
              {c.error !== null ? ` — ${c.error}` : ''}
            </li>
          ))}
        </ul>
      )}
      <ul className="export-files">
        {result.files.map((f) => (
          <li key={f.index}>
            {downloads ? (
              <a href={exportFileUrl(result.exportId, f.index)} download={f.name} data-testid="export-file-link">
                {f.name}
              </a>
            ) : (
              <span data-testid="export-file">{f.name}</span>
            )}
            <span className="muted small"> {size(f.bytes)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
