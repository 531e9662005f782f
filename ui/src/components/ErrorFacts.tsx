import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../bindings/IpcError";

/** The envelope as sent: its code and English message, for the admin to pass to support. */
export function ErrorFacts({
  error,
  testIdPrefix,
}: {
  error: IpcError;
  testIdPrefix: string;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <dl className="error-facts">
      <div>
        <dt>{t("errors.codeLabel")}</dt>
        <dd>
          <code data-testid={`${testIdPrefix}-code`}>{error.code}</code>
        </dd>
      </div>
      <div>
        <dt>{t("errors.messageLabel")}</dt>
        <dd data-testid={`${testIdPrefix}-message`}>{error.message}</dd>
      </div>
    </dl>
  );
}
