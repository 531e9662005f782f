import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationPage } from "../../../bindings/ApplicationPage";
import type { ApplicationStatus } from "../../../bindings/ApplicationStatus";

/** The chips, in the order of an application's life. */
export const STATUSES: readonly ApplicationStatus[] = [
  "queued",
  "sending",
  "submitted",
  "approved",
  "failed",
  "unknown",
];

/** All, or some of the states, each with how many applications are in it. */
export function StatusChips({
  page,
  statuses,
  onStatuses,
}: {
  page: ApplicationPage;
  /** The states shown (none: all). */
  statuses: ApplicationStatus[];
  onStatuses: (statuses: ApplicationStatus[]) => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  return (
    <div className="apps-chips" role="group" aria-label={t("applicationsList.filterLabel")}>
      <button
        type="button"
        className="chip"
        aria-pressed={statuses.length === 0}
        data-testid="applications-filter-all"
        onClick={() => {
          onStatuses([]);
        }}
      >
        {t("applicationsList.filterAll")}{" "}
        <span className="apps-chips__count">{page.scopeTotal.toLocaleString(i18n.language)}</span>
      </button>
      {STATUSES.map((s) => {
        const on = statuses.includes(s);
        const n = page.counts.find((c) => c.status === s)?.count ?? 0;
        return (
          <button
            key={s}
            type="button"
            className={`chip apps-chip apps-chip--${s}`}
            aria-pressed={on}
            data-testid={`applications-filter-${s}`}
            onClick={() => {
              onStatuses(on ? statuses.filter((x) => x !== s) : [...statuses, s]);
            }}
          >
            {t(`applicationsList.status.${s}`)}{" "}
            <span className="apps-chips__count" data-testid={`applications-count-${s}`}>
              {n.toLocaleString(i18n.language)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
