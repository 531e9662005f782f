import { useId, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { AttemptEntry } from "../../../bindings/AttemptEntry";
import { FieldLabel } from "../../../components/FieldLabel";
import { attemptResult, nextStepLabel } from "./labels";

/** Every request made for the application: when, its result, and what the client did next. */
export function AttemptsTable({
  attempts,
  date,
}: {
  attempts: AttemptEntry[];
  date: (iso: string | null) => string;
}): ReactElement {
  const { t } = useTranslation();
  const ids = useId();
  const none = t("applicationsList.none");
  return (
    <>
      <h3 id={`${ids}-attempts`}>{t("applicationsList.detail.attemptsTitle")}</h3>
      {attempts.length === 0 ? (
        <p className="apps-muted">{t("applicationsList.detail.noAttempts")}</p>
      ) : (
        <div
          className="apps-table-wrap"
          role="region"
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region (axe: scrollable-region-focusable)
          tabIndex={0}
          aria-labelledby={`${ids}-attempts`}
        >
          <table className="apps-table apps-attempts" data-testid="application-attempts">
            <thead>
              <tr>
                <th scope="col">{t("applicationsList.detail.at")}</th>
                <th scope="col">{t("applicationsList.detail.action")}</th>
                <th scope="col">{t("applicationsList.detail.attempt")}</th>
                <th scope="col">
                  <FieldLabel idea="requestId" compact />
                </th>
                <th scope="col">{t("applicationsList.detail.result")}</th>
                <th scope="col">{t("applicationsList.detail.latency")}</th>
                <th scope="col">{t("applicationsList.detail.wait")}</th>
                <th scope="col">{t("applicationsList.detail.nextStep")}</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id} data-testid={`application-attempt-${String(a.id)}`}>
                  <td>{date(a.at)}</td>
                  <td className="apps-mono">{a.action}</td>
                  <td>{a.attempt}</td>
                  <td>
                    {a.request_id === null ? (
                      none
                    ) : (
                      <code className="apps-mono apps-request__id" title={a.request_id}>
                        {a.request_id}
                      </code>
                    )}
                  </td>
                  <td className={a.error_code === null && a.error_class === null ? "" : "apps-bad"}>
                    {attemptResult(a.error_code, a.error_class, t)}
                  </td>
                  <td>{t("applicationsList.detail.ms", { ms: a.latency_ms })}</td>
                  <td>{t("applicationsList.detail.ms", { ms: a.rate_limit_wait_ms })}</td>
                  <td>{nextStepLabel(a.next_step, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
