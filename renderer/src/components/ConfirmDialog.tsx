import { useId, useRef } from 'react';
import { useModal } from '../use-modal.js';

/** What a confirmation asks and what its buttons say. */
export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  /** Styles the confirm button as dangerous. */
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal in-app confirmation: focus starts on Cancel, stays inside, Escape cancels, focus returns after. */
export function ConfirmDialog({ title, message, confirmLabel, danger = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const id = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const onKeyDown = useModal(boxRef, onCancel, cancelRef);

  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <div
        ref={boxRef}
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-message`}
        data-testid="confirm-dialog"
      >
        <h2 id={`${id}-title`} className="modal-title">
          {title}
        </h2>
        <p id={`${id}-message`} className="modal-message">
          {message}
        </p>
        <div className="modal-actions">
          <button ref={cancelRef} type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
