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
                    {a.requestId === null ? (
                      none
                    ) : (
                      <code className="apps-mono apps-request__id" title={a.requestId}>
                        {a.requestId}
                      </code>
                    )}
                  </td>
                  <td className={a.errorCode === null && a.errorClass === null ? "" : "apps-bad"}>
                    {attemptResult(a.errorCode, a.errorClass, t)}
                  </td>
                  <td>{t("applicationsList.detail.ms", { ms: a.latencyMs })}</td>
                  <td>{t("applicationsList.detail.ms", { ms: a.rateLimitWaitMs })}</td>
                  <td>{nextStepLabel(a.nextStep, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
