import { useEffect, useRef, type KeyboardEvent } from 'react';
import { SHORTCUTS } from './shortcuts.js';

/** The list of the player's keyboard shortcuts; Escape, ? or a click outside closes it. */
export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape' || e.key === '?') {
      // Handled here, so the page-wide shortcut handler does not toggle it straight back.
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="shortcuts-backdrop" onClick={onClose} onKeyDown={onKeyDown}>
      <div
        className="shortcuts"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-shortcuts
        data-testid="shortcuts-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="shortcuts-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="btn btn-small" onClick={onClose}>
            Close
          </button>
        </div>
        <dl className="shortcuts-list">
          {SHORTCUTS.map((s) => (
            <div key={s.what} className="shortcuts-row">
              <dt>
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </dt>
              <dd>{s.what}</dd>
            </div>
          ))}
        </dl>
        <p className="shortcuts-note muted">Shortcuts work whenever the focus is not in a text field. Drag on the waveform to loop a stretch.</p>
      </div>
    </div>
  );
}
