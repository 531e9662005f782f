import type { ReactElement, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationDetail } from "../../../bindings/ApplicationDetail";
import { FieldLabel } from "../../../components/FieldLabel";
import { CopyButton } from "../parts";

function Fact({
  label,
  children,
  testId,
}: {
  label: ReactNode;
  children: ReactNode;
  testId?: string;
}): ReactElement {
  return (
    <div className="apps-facts__item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** An application's facts: its ids, where it went, its numbers, and when things happened. */
export function Facts({
  detail,
  date,
}: {
  detail: ApplicationDetail;
  /** A stored timestamp in the user's language ("none" for null). */
  date: (iso: string | null) => string;
}): ReactElement {
  const { t } = useTranslation();
  const app = detail.application;
  const none = t("applicationsList.none");
  const scopeName = t(`applicationsList.scope.${detail.scope}`);
  return (
    <dl className="apps-facts" aria-label={t("applicationsList.detail.facts")}>
      <Fact label={<FieldLabel idea="applyId" compact />} testId="application-detail-apply-id">
        {app.applyId === null ? none : String(app.applyId)}
      </Fact>
      <Fact label={<FieldLabel idea="requestId" compact />}>
        {app.requestId === null ? (
          none
        ) : (
          <>
            <code className="apps-mono">{app.requestId}</code>{" "}
            <CopyButton text={app.requestId} testId={`copy-request-id-${String(app.id)}`} />
          </>
        )}
      </Fact>
      <Fact label={<FieldLabel idea="sdkAppId" compact />} testId="application-detail-sdk-app-id">
        {String(app.sdkAppId)}
      </Fact>
      <Fact label={<FieldLabel idea="sipTrunkId" compact />}>{String(app.sipTrunkId)}</Fact>
      <Fact label={t("applicationsList.detail.endpoint")}>
        {scopeName} <span className="apps-muted apps-mono">{app.endpoint.host}</span>
      </Fact>
      <Fact label={t("applicationsList.detail.numbers")}>
        {t("applicationsList.liveOf", {
          live: app.liveNumbers,
          count: detail.numbersTotal,
        })}
      </Fact>
      <Fact label={t("applicationsList.detail.created")}>{date(app.createdAt)}</Fact>
      <Fact label={t("applicationsList.detail.sent")}>{date(app.sentAt)}</Fact>
      <Fact label={t("applicationsList.detail.answered")}>{date(app.answeredAt)}</Fact>
      <Fact label={t("applicationsList.detail.updated")}>{date(app.updatedAt)}</Fact>
      {app.draftId !== null && (
        <Fact label={t("applicationsList.detail.draft")}>{String(app.draftId)}</Fact>
      )}
      {app.modifyCount > 0 && (
        <Fact label={t("applicationsList.modify.open").replace("…", "")}>
          {t("applicationsList.detail.modified", { count: app.modifyCount })}
        </Fact>
      )}
      {app.note !== null && (
        <Fact label={t("applicationsList.detail.note")}>
          <span lang="en">{app.note}</span>
        </Fact>
      )}
    </dl>
  );
}
