import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationDetail } from "../../../bindings/ApplicationDetail";
import { ErrorNotice } from "../../../components/ErrorNotice";

/**
 * What Tencent answered, in plain language: to the application (when it failed or its outcome
 * is unknown) and to its last modification; and where the application stands otherwise.
 */
export function Answers({ detail }: { detail: ApplicationDetail }): ReactElement {
  const { t } = useTranslation();
  const app = detail.application;
  const showsAnswer =
    app.errorCode !== null && (detail.status === "failed" || detail.status === "unknown");
  return (
    <>
      {showsAnswer && app.errorCode !== null && (
        <ErrorNotice
          testId="application-answer"
          headline={t("applicationsList.detail.errorHeadline")}
          tencent={{
            code: app.errorCode,
            message: app.errorMessage ?? "",
            requestId: app.requestId,
            kind: app.errorKind,
          }}
          context={{ action: "create" }}
        />
      )}
      {app.modifyErrorCode !== null && app.modifyState === null && (
        <ErrorNotice
          testId="application-modify-answer"
          headline={t("applicationsList.detail.modifyErrorHeadline")}
          tencent={{ code: app.modifyErrorCode, message: app.modifyErrorMessage ?? "" }}
          context={{ action: "modify" }}
        />
      )}
      {app.modifyState !== null && (
        <p className="apps-note">{t("applicationsList.detail.modifyPending")}</p>
      )}
      {app.redraftedTo !== null && (
        <p className="apps-note">
          {t("applicationsList.detail.redrafted", { id: String(app.redraftedTo) })}
        </p>
      )}
    </>
  );
}
