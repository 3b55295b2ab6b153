import { useApp } from '../store-context.js';

/** A progress bar with done/total and the current file while an import runs. */
export function ImportProgressBar() {
  const progress = useApp((s) => s.progress);
  if (progress === null || progress.finished) return null;
  const { done, total, current } = progress;
  return (
    <div className="import-progress" data-testid="import-progress" role="status">
      <div className="import-progress-text">
        <strong>Importing</strong> {done} / {total}
        {current !== null && (
          <span className="import-progress-current" title={current}>
            {current}
          </span>
        )}
      </div>
      <progress max={Math.max(total, 1)} value={done} aria-label="Import progress" />
    </div>
  );
}
