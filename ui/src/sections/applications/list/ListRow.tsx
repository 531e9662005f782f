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
  const selectable = row.status === "failed" && row.redrafted_to === null;
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
        {row.approved_at !== null && (
          <span
            className="apps-muted apps-approved-at"
            data-testid={`application-approved-at-${id}`}
          >
            {t("applicationsList.approvedAt", { when: shortDate(row.approved_at) })}
          </span>
        )}
      </td>
      <td className="apps-mono" data-testid={`application-apply-id-${id}`}>
        {row.apply_id === null ? t("applicationsList.none") : String(row.apply_id)}
      </td>
      <td className="apps-request">
        {row.request_id === null ? (
          t("applicationsList.none")
        ) : (
          <>
            <code className="apps-mono apps-request__id" title={row.request_id}>
              {row.request_id}
            </code>
            <CopyButton text={row.request_id} testId={`copy-request-id-${id}`} />
          </>
        )}
      </td>
      <td title={date(row.created_at)}>{shortDate(row.created_at)}</td>
      <td>
        {row.number_count.toLocaleString(i18n.language)}
        {row.live_numbers > 0 && row.live_numbers < row.number_count && (
          <span className="apps-muted apps-live">
            {t("applicationsList.liveOf", { live: row.live_numbers, count: row.number_count })}
          </span>
        )}
      </td>
      <td className="apps-mono">{String(row.sdk_app_id)}</td>
    </tr>
  );
}
