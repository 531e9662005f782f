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
        {app.apply_id === null ? none : String(app.apply_id)}
      </Fact>
      <Fact label={<FieldLabel idea="requestId" compact />}>
        {app.request_id === null ? (
          none
        ) : (
          <>
            <code className="apps-mono">{app.request_id}</code>{" "}
            <CopyButton text={app.request_id} testId={`copy-request-id-${String(app.id)}`} />
          </>
        )}
      </Fact>
      <Fact label={<FieldLabel idea="sdkAppId" compact />} testId="application-detail-sdk-app-id">
        {String(app.sdk_app_id)}
      </Fact>
      <Fact label={<FieldLabel idea="sipTrunkId" compact />}>{String(app.sip_trunk_id)}</Fact>
      <Fact label={t("applicationsList.detail.endpoint")}>
        {scopeName} <span className="apps-muted apps-mono">{app.endpoint.host}</span>
      </Fact>
      <Fact label={t("applicationsList.detail.numbers")}>
        {t("applicationsList.liveOf", {
          live: app.live_numbers,
          count: detail.numbers_total,
        })}
      </Fact>
      <Fact label={t("applicationsList.detail.created")}>{date(app.created_at)}</Fact>
      <Fact label={t("applicationsList.detail.sent")}>{date(app.sent_at)}</Fact>
      <Fact label={t("applicationsList.detail.answered")}>{date(app.answered_at)}</Fact>
      <Fact label={t("applicationsList.detail.updated")}>{date(app.updated_at)}</Fact>
      {app.draft_id !== null && (
        <Fact label={t("applicationsList.detail.draft")}>{String(app.draft_id)}</Fact>
      )}
      {app.modify_count > 0 && (
        <Fact label={t("applicationsList.modify.open").replace("…", "")}>
          {t("applicationsList.detail.modified", { count: app.modify_count })}
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
