import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../bindings/IpcError";
import { explainError } from "../errors";
import { ErrorFacts } from "./ErrorFacts";
import { CloseIcon, ErrorIcon } from "./icons";

/**
 * A dismissible problem report that does not block the rest of the window: what failed, the
 * plain-language reason and next step (see `explainError`), and the envelope for support.
 */
export function Notice({
  headline,
  error,
  onDismiss,
  testId,
}: {
  headline: string;
  error: IpcError;
  onDismiss: () => void;
  testId: string;
}): ReactElement {
  const { t } = useTranslation();
  const { title, nextStep } = explainError(t, error);
  return (
    <div className="notice" role="alert" data-testid={testId}>
      <ErrorIcon size={18} />
      <div className="notice__text">
        <p>
          <strong>{headline}</strong> <span>{title}</span>{" "}
          <span data-testid={`${testId}-next`}>{nextStep}</span>
        </p>
        <ErrorFacts error={error} testIdPrefix={testId} />
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label={t("common.dismiss")}
        title={t("common.dismiss")}
        onClick={onDismiss}
      >
        <CloseIcon size={16} />
      </button>
    </div>
  );
}
