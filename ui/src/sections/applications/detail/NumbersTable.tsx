import { useId, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationDetail } from "../../../bindings/ApplicationDetail";
import { FieldLabel } from "../../../components/FieldLabel";
import { Pager } from "../../../components/Pager";
import { callTypeLabel } from "./labels";
import { NUMBERS_PAGE } from "./useApplicationDetail";

/** A page of the application's numbers, with their values and when each went live. */
export function NumbersTable({
  detail,
  date,
  onPage,
}: {
  detail: ApplicationDetail;
  date: (iso: string | null) => string;
  /** The previous (-1) or next (1) page. */
  onPage: (direction: 1 | -1) => void;
}): ReactElement {
  const { t } = useTranslation();
  const ids = useId();
  const none = t("applicationsList.none");
  return (
    <>
      <h3 id={`${ids}-numbers`}>
        {t("applicationsList.detail.numbersTitle", { count: detail.numbersTotal })}
      </h3>
      {/* Scrolls sideways in a narrow window: focusable, so the keyboard can scroll it too. */}
      <div
        className="apps-table-wrap"
        role="region"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region (axe: scrollable-region-focusable)
        tabIndex={0}
        aria-labelledby={`${ids}-numbers`}
      >
        <table className="apps-table apps-numbers" data-testid="application-numbers">
          <thead>
            <tr>
              <th scope="col">{t("applicationsList.detail.position")}</th>
              <th scope="col">
                <FieldLabel idea="phoneNumber" compact />
              </th>
              <th scope="col">
                <FieldLabel idea="callType" compact />
              </th>
              <th scope="col">
                <FieldLabel idea="maxCallCount" compact />
              </th>
              <th scope="col">
                <FieldLabel idea="maxCallPSec" compact />
              </th>
              <th scope="col">
                <FieldLabel idea="calleeFormat" compact />
              </th>
              <th scope="col">
                <FieldLabel idea="carrierNumber" compact />
              </th>
              <th scope="col">{t("applicationsList.detail.live")}</th>
            </tr>
          </thead>
          <tbody>
            {detail.numbers.map((n) => (
              <tr key={n.position} data-testid={`application-number-${String(n.position)}`}>
                <td>{n.position + 1}</td>
                <td className="apps-mono">{n.detail.phoneNumber}</td>
                <td>{callTypeLabel(n.detail.callType, t)}</td>
                <td>{n.detail.maxCallCount}</td>
                <td>{n.detail.maxCallPSec}</td>
                <td className="apps-mono" data-testid="number-callee-format">
                  {n.detail.outboundCalleeFormat ?? none}
                </td>
                <td className="apps-mono" data-testid="number-carrier">
                  {n.detail.carrierPhoneNumber ?? none}
                </td>
                <td>
                  {n.liveAt === null ? (
                    <span className="apps-muted">{t("applicationsList.detail.notLive")}</span>
                  ) : (
                    date(n.liveAt)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {detail.numbersTotal > NUMBERS_PAGE && (
        <Pager
          offset={detail.numbersOffset}
          shown={detail.numbers.length}
          total={detail.numbersTotal}
          label={t("applicationsList.detail.numbers")}
          onPage={onPage}
        />
      )}
    </>
  );
}
