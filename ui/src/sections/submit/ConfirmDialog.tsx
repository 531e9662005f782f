import { useEffect, useRef, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { SubmitPreview } from "../../bindings/SubmitPreview";
import { destinationName } from "./SubmitScreen";

/**
 * "Send 1,234 numbers in 13 applications to Tencent Cloud (International site)?" — the last
 * step before anything leaves. Focus starts on Cancel; Escape cancels; Tab stays inside.
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
  const send = useRef<HTMLButtonElement>(null);
  const sandbox = preview.endpoint.kind === "sandbox";

  useEffect(() => {
    cancel.current?.focus();
  }, []);

  useEffect(() => {
    // Escape cancels; Tab stays on the two buttons while the dialog is open.
    function onKey(e: KeyboardEvent): void {
      if (e.key === "Escape") {
        e.preventDefault();
        onCancel();
      } else if (e.key === "Tab") {
        e.preventDefault();
        (document.activeElement === cancel.current ? send : cancel).current?.focus();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
    };
  }, [onCancel]);

  return (
    <div className="submit-dialog-backdrop">
      <div
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
            count: preview.batches,
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
            ref={send}
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
