import { useState } from 'react';
import type { CallDetail } from '../../../shared/types.js';
import { ExportDialog } from './ExportDialog.js';

/** "Export…" in the call header: opens the export dialog for this call. */
export function ExportControls({ call }: { call: CallDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-small" data-testid="export-button" title="Export this call: transcript, subtitles, CSV, JSON, PDF report or audio" onClick={() => setOpen(true)}>
        Export…
      </button>
      {open && <ExportDialog callIds={[call.id]} title={`Export ${call.externalId}`} batch={false} onClose={() => setOpen(false)} />}
    </>
  );
}
