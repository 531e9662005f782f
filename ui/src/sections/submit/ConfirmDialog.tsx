import { useRef, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { SubmitPreview } from "../../bindings/SubmitPreview";
import { useDialogFocus } from "../../hooks/useDialogFocus";
import { destinationName } from "./screen/Destination";

/**
 * "Send 1,234 numbers in 13 applications to Tencent Cloud (International site)?" — the last
 * step before anything leaves. Focus starts on Cancel; Escape cancels; Tab stays inside; on
 * closing, focus returns to the button that opened it.
 */
export function ConfirmDialog({
  preview,
  onCancel,
  onConfirm,
}: {
  preview: SubmitPreview;
  onCancel: () => void;
  onConfirm: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const sandbox = preview.endpoint.kind === "sandbox";

  // Focus starts on Cancel, Tab stays on the two buttons, Escape cancels; when the dialog
  // closes, focus goes back to the button that opened it.
  useDialogFocus({ container: dialog, initial: cancel, onEscape: onCancel, trap: true });

  return (
    <div className="submit-dialog-backdrop">
      <div
        ref={dialog}
        className={`submit-dialog submit-dialog--${sandbox ? "sandbox" : "live"}`}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="submit-confirm-title"
        aria-describedby="submit-confirm-body"
        data-testid="submit-confirm"
      >
        <h2 id="submit-confirm-title" data-testid="submit-confirm-title">
          {t("submit.confirm.title", {
            numbers: preview.numbersToSend.toLocaleString(),
            count: preview.applicationCount,
            destination: destinationName(t, preview.endpoint),
          })}
        </h2>
        <p id="submit-confirm-body">
          {sandbox ? t("submit.confirm.sandbox") : t("submit.confirm.live")}
        </p>
        <div className="submit-actions">
          <button
            type="button"
            className="button button--secondary"
            ref={cancel}
            data-testid="submit-confirm-cancel"
            onClick={onCancel}
          >
            {t("submit.confirm.cancel")}
          </button>
          <button
            type="button"
            className="button"
            data-testid="submit-confirm-send"
            onClick={onConfirm}
          >
            {t("submit.confirm.send")}
          </button>
        </div>
      </div>
    </div>
  );
}
