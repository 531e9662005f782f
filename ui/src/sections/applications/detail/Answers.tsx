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
    app.error_code !== null && (detail.status === "failed" || detail.status === "unknown");
  return (
    <>
      {showsAnswer && app.error_code !== null && (
        <ErrorNotice
          testId="application-answer"
          headline={t("applicationsList.detail.errorHeadline")}
          tencent={{
            code: app.error_code,
            message: app.error_message ?? "",
            requestId: app.request_id,
            kind: app.error_kind,
          }}
          context={{ action: "create" }}
        />
      )}
      {app.modify_error_code !== null && app.modify_state === null && (
        <ErrorNotice
          testId="application-modify-answer"
          headline={t("applicationsList.detail.modifyErrorHeadline")}
          tencent={{ code: app.modify_error_code, message: app.modify_error_message ?? "" }}
          context={{ action: "modify" }}
        />
      )}
      {app.modify_state !== null && (
        <p className="apps-note">{t("applicationsList.detail.modifyPending")}</p>
      )}
      {app.redrafted_to !== null && (
        <p className="apps-note">
          {t("applicationsList.detail.redrafted", { id: String(app.redrafted_to) })}
        </p>
      )}
    </>
  );
}
