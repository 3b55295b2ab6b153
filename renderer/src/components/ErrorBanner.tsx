import { useApp } from '../store-context.js';

/** Errors from the API, each shown until the user dismisses it. */
export function ErrorBanner() {
  const errors = useApp((s) => s.errors);
  const dismiss = useApp((s) => s.dismissError);
  if (errors.length === 0) return null;
  return (
    <div className="error-banners">
      {errors.map((e) => (
        <div key={e.id} className="error-banner" role="alert" data-testid="error-banner">
          <span className="error-text">{e.message}</span>
          <button type="button" className="btn btn-small" aria-label="Dismiss error" onClick={() => dismiss(e.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
