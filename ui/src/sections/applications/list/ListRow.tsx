import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationRow } from "../../../bindings/ApplicationRow";
import { CopyButton, StateChip } from "../parts";

/** One application in the list: chosen for a new draft (failed ones), opened, its facts. */
export function ListRow({
  row,
  date,
  shortDate,
  selected,
  onSelect,
  onOpen,
}: {
  row: ApplicationRow;
  date: (iso: string) => string;
  shortDate: (iso: string) => string;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onOpen: () => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const id = String(row.id);
  const selectable = row.status === "failed" && row.redraftedTo === null;
  return (
    <tr data-testid={`application-row-${id}`} data-state={row.status}>
      <td className="apps-table__select">
        {selectable && (
          <input
            type="checkbox"
            checked={selected}
            aria-label={t("applicationsList.selectRow", { id })}
            data-testid={`application-select-${id}`}
            onChange={(e) => {
              onSelect(e.target.checked);
            }}
          />
        )}
      </td>
      <td className="apps-table__id">
        <button
          type="button"
          className="link-button"
          aria-label={t("applicationsList.openLabel", { id })}
          title={t("applicationsList.open")}
          data-testid={`application-open-${id}`}
          onClick={onOpen}
        >
          {t("applicationsList.idLabel", { id })}
        </button>
      </td>
      <td className="apps-table__state">
        <StateChip status={row.status} />
        {row.approvedAt !== null && (
          <span
            className="apps-muted apps-approved-at"
            data-testid={`application-approved-at-${id}`}
          >
            {t("applicationsList.approvedAt", { when: shortDate(row.approvedAt) })}
          </span>
        )}
      </td>
      <td className="apps-mono" data-testid={`application-apply-id-${id}`}>
        {row.applyId === null ? t("applicationsList.none") : String(row.applyId)}
      </td>
      <td className="apps-request">
        {row.requestId === null ? (
          t("applicationsList.none")
        ) : (
          <>
            <code className="apps-mono apps-request__id" title={row.requestId}>
              {row.requestId}
            </code>
            <CopyButton text={row.requestId} testId={`copy-request-id-${id}`} />
          </>
        )}
      </td>
      <td title={date(row.createdAt)}>{shortDate(row.createdAt)}</td>
      <td>
        {row.numberCount.toLocaleString(i18n.language)}
        {row.liveNumbers > 0 && row.liveNumbers < row.numberCount && (
          <span className="apps-muted apps-live">
            {t("applicationsList.liveOf", { live: row.liveNumbers, count: row.numberCount })}
          </span>
        )}
      </td>
      <td className="apps-mono">{String(row.sdkAppId)}</td>
    </tr>
  );
}
