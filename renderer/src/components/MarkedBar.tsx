import { useState } from 'react';
import { useApp } from '../store-context.js';
import { ExportDialog } from './ExportDialog.js';

/** Batch actions over the marked calls (also a search result's calls, once marked): transcribe or export them all, or clear the marks. */
export function MarkedBar() {
  const marked = useApp((s) => s.marked);
  const clearMarks = useApp((s) => s.clearMarks);
  const request = useApp((s) => s.requestTranscription);
  const [note, setNote] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  if (marked.length === 0) return note === null ? null : <div className="marked-bar" role="status" data-testid="marked-note">{note}</div>;

  const transcribe = async (): Promise<void> => {
    const res = await request(marked, undefined, 'batch');
    if (res === null) return;
    const parts = [`${res.queued.length} queued`];
    if (res.alreadyQueued.length > 0) parts.push(`${res.alreadyQueued.length} already queued`);
    if (res.skipped.length > 0) parts.push(`${res.skipped.length} skipped (${[...new Set(res.skipped.map((s) => s.reason))].join(', ')})`);
    setNote(`Transcription: ${parts.join(', ')}.`);
    clearMarks();
  };

  return (
    <div className="marked-bar" role="toolbar" aria-label="Marked calls" data-testid="marked-bar">
      <span>
        {marked.length} call{marked.length === 1 ? '' : 's'} marked
      </span>
      <button type="button" className="btn btn-primary" onClick={() => void transcribe()}>
        Transcribe marked
      </button>
      <button type="button" className="btn" data-testid="marked-export" onClick={() => setExporting(true)}>
        Export marked…
      </button>
      <button type="button" className="btn" onClick={clearMarks}>
        Clear
      </button>
      <span className="muted">Ctrl/⌘-click or Space marks a call, Shift-click a range, Ctrl+A all, Esc clears.</span>
      {exporting && <ExportDialog callIds={marked} title={`Export ${marked.length} marked call${marked.length === 1 ? '' : 's'}`} batch onClose={() => setExporting(false)} />}
    </div>
  );
}
