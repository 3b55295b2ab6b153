import { useId, useRef, useState, type FormEvent } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type ExportResult } from '../../../shared/export.js';
import { useApp } from '../store-context.js';
import { useModal } from '../use-modal.js';
import { ExportResultView } from './ExportResultView.js';
import './export.css';

/** What each format writes, as the dialog lists it. */
const FORMAT_LABELS: Record<ExportFormat, string> = {
  txt: 'Text transcript (.txt)',
  json: 'Everything as JSON (.json)',
  srt: 'SubRip subtitles (.srt)',
  vtt: 'WebVTT subtitles (.vtt)',
  csv: 'CSV, one row per line (.csv)',
  pdf: 'PDF report (.pdf)',
  wav: 'Audio: the stereo file and each channel (.wav)',
};

/** The dialog's steps: choosing, writing, confirming to replace existing files, done. */
type Phase = { kind: 'form' } | { kind: 'running' } | { kind: 'conflict'; message: string; outDir?: string } | { kind: 'done'; result: ExportResult };

/** Which calls the dialog exports, and whether as a batch (one folder with index.csv, progress and Cancel). */
export interface ExportDialogProps {
  callIds: number[];
  title: string;
  batch: boolean;
  onClose(): void;
}

/** Export one call or the marked calls: formats, text layout, redaction; then progress, overwrite confirmation and the files. */
export function ExportDialog({ callIds, title, batch, onClose }: ExportDialogProps) {
  const id = useId();
  const boxRef = useRef<HTMLFormElement>(null);
  const onKeyDown = useModal(boxRef, onClose);
  const mode = useApp((s) => s.info?.mode ?? 'browser');
  const progress = useApp((s) => s.exportProgress);
  const runExport = useApp((s) => s.runExport);
  const cancelExport = useApp((s) => s.cancelExport);
  const pickFolder = useApp((s) => s.pickExportFolder);
  const [formats, setFormats] = useState<ExportFormat[]>(batch ? ['txt', 'json', 'csv'] : ['pdf']);
  const [txt, setTxt] = useState({ speakers: true, timestamps: true });
  const [redact, setRedact] = useState(false);
  const [allVersions, setAllVersions] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });

  const toggle = (f: ExportFormat, on: boolean): void => setFormats((fs) => (on ? EXPORT_FORMATS.filter((x) => x === f || fs.includes(x)) : fs.filter((x) => x !== f)));

  const run = async (overwrite: boolean, outDir?: string): Promise<void> => {
    setPhase({ kind: 'running' });
    const outcome = await runExport({ callIds, formats, options: { redact, allVersions, txt }, overwrite, ...(outDir === undefined ? {} : { outDir }) }, batch);
    if (outcome.kind === 'done') setPhase(outcome.result.dir === null ? { kind: 'form' } : { kind: 'done', result: outcome.result });
    else if (outcome.kind === 'conflict') setPhase({ kind: 'conflict', message: outcome.message, ...(outDir === undefined ? {} : { outDir }) });
    else setPhase({ kind: 'form' });
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (formats.length === 0 || phase.kind !== 'form') return;
    void (async () => {
      // The desktop app asks where to write first, so a confirmed overwrite goes to the same folder.
      if (mode !== 'electron') return run(false);
      const outDir = await pickFolder();
      if (outDir !== null) await run(false, outDir);
    })();
  };

  return (
    <div className="modal-backdrop">
      <form
        ref={boxRef}
        className="modal modal-form export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid="export-dialog"
        onKeyDown={onKeyDown}
        onSubmit={submit}
      >
        <h2 id={`${id}-title`} className="modal-title">
          {title}
        </h2>

        {phase.kind === 'form' && (
          <>
            <fieldset className="export-formats">
              <legend className="field-label">Formats</legend>
              {EXPORT_FORMATS.map((f) => (
                <label key={f} className="checkbox">
                  <input type="checkbox" data-testid={`export-format-${f}`} checked={formats.includes(f)} onChange={(e) => toggle(f, e.target.checked)} />
                  {FORMAT_LABELS[f]}
                </label>
              ))}
            </fieldset>
            {formats.includes('txt') && (
              <fieldset className="export-options">
                <legend className="field-label">Text layout</legend>
                <label className="checkbox">
                  <input type="checkbox" checked={txt.speakers} onChange={(e) => setTxt((t) => ({ ...t, speakers: e.target.checked }))} />
                  Speaker before each line
                </label>
                <label className="checkbox">
                  <input type="checkbox" checked={txt.timestamps} onChange={(e) => setTxt((t) => ({ ...t, timestamps: e.target.checked }))} />
                  Time before each line
                </label>
              </fieldset>
            )}
            {formats.includes('json') && (
              <label className="checkbox">
                <input type="checkbox" checked={allVersions} onChange={(e) => setAllVersions(e.target.checked)} />
                JSON: include the transcript versions that are not active
              </label>
            )}
            <label className="checkbox export-redact">
              <input type="checkbox" data-testid="export-redact" checked={redact} onChange={(e) => setRedact(e.target.checked)} />
              Redact phone numbers, e-mail addresses, card numbers and national ids (the library keeps them)
            </label>
            <p className="field-hint">
              {mode === 'electron'
                ? 'You choose the folder next; existing files are only replaced after you confirm.'
                : 'The files go to a new folder in the data folder and can be downloaded from here.'}
              {batch ? ' One file per call and format, plus index.csv.' : ''}
            </p>
            <div className="modal-actions">
              <button type="button" className="btn" onClick={onClose}>
                Cancel
              </button>
              <button type="submit" className="btn btn-primary" data-testid="export-submit" disabled={formats.length === 0}>
                Export
              </button>
            </div>
          </>
        )}

        {phase.kind === 'running' && (
          <div className="export-running" role="status" aria-live="polite" data-testid="export-progress">
            <p className="modal-message">
              {progress === null ? 'Starting…' : `Exporting ${Math.min(progress.done + 1, progress.total)} of ${progress.total}${progress.current ? `: ${progress.current}` : ''}`}
            </p>
            <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Export progress" />
            {batch && (
              <div className="modal-actions">
                <button type="button" className="btn" data-testid="export-cancel" onClick={() => void cancelExport()}>
                  Cancel export
                </button>
              </div>
            )}
          </div>
        )}

        {phase.kind === 'conflict' && (
          <>
            <p className="modal-message" role="alert" data-testid="export-conflict">
              {phase.message.replace(/ Export again with overwrite to replace (it|them)\.$/, '')} Replace {phase.message.startsWith('A file') ? 'it' : 'them'}?
            </p>
            <div className="modal-actions">
              <button type="button" className="btn" onClick={() => setPhase({ kind: 'form' })}>
                Back
              </button>
              <button type="button" className="btn btn-primary" data-testid="export-overwrite" onClick={() => void run(true, phase.outDir)}>
                Replace
              </button>
            </div>
          </>
        )}

        {phase.kind === 'done' && (
          <>
            <ExportResultView result={phase.result} downloads={mode === 'browser'} />
            <div className="modal-actions">
              <button type="button" className="btn btn-primary" data-testid="export-close" onClick={onClose}>
                Close
              </button>
            </div>
          </>
        )}
      </form>
    </div>
  );
}
