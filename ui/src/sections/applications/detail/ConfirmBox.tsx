import { useRef, type ReactElement } from "react";
import { useDialogFocus } from "../../../hooks/useDialogFocus";

/**
 * An explicit confirmation: what will happen, then Confirm or Cancel (Cancel has the focus,
 * Escape cancels, and focus returns to the opener when it closes).
 */
export function ConfirmBox({
  testId,
  title,
  body,
  confirmLabel,
  confirmTestId,
  cancelLabel,
  onConfirm,
  onCancel,
  fallback,
}: {
  testId: string;
  title: string;
  body: string;
  confirmLabel: string;
  confirmTestId: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where focus goes when the control that opened the box cannot take it back. */
  fallback: () => HTMLElement | null;
}): ReactElement {
  const cancel = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // Cancel has the focus; Escape cancels; closed, focus goes back to the button that opened it
  // (or, while that one is disabled, to the application's heading).
  useDialogFocus({ container: box, initial: cancel, onEscape: onCancel, fallback });
  return (
    <div
      ref={box}
      className="apps-confirm"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={`${testId}-title`}
      aria-describedby={`${testId}-body`}
      data-testid={testId}
    >
      <p id={`${testId}-title`} className="apps-confirm__title">
        {title}
      </p>
      <p id={`${testId}-body`}>{body}</p>
      <div className="apps-actions">
        <button
          type="button"
          className="button button--danger"
          data-testid={confirmTestId}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button ref={cancel} type="button" className="button button--secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
