import { useEffect, useRef, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { RowFilter } from "../../../bindings/RowFilter";
import type { OpenDraftSummary } from "../../../bindings/OpenDraftSummary";
import { useSubmitNav } from "../../submit/SubmitHost";

/** The grid's top bar: the draft's name, the row filters with their counts, and Submit. */
export function ReviewBar({
  summary,
  filter,
  onFilter,
}: {
  summary: OpenDraftSummary;
  filter: RowFilter;
  onFilter: (filter: RowFilter) => void;
}): ReactElement {
  const { t } = useTranslation();
  const submitNav = useSubmitNav();
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened (from the wizard, Drafts or the submit screen's "fix the rows"), the grid takes the
  // focus: the control that opened it is gone, and the keyboard carries on from the draft's name.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const filters: { id: RowFilter; count: number }[] = [
    { id: "all", count: summary.totalRows },
    { id: "errors", count: summary.errorRows },
    { id: "warnings", count: summary.warningRows },
  ];

  return (
    <div className="review__bar">
      <h2 ref={heading} tabIndex={-1} className="review__title" data-testid="review-name">
        {summary.name}
      </h2>
      <div className="review__filters" role="group" aria-label={t("importWizard.grid.filter")}>
        {filters.map((f) => (
          <button
            key={f.id}
            type="button"
            className="chip"
            aria-pressed={filter === f.id}
            data-testid={`filter-${f.id}`}
            onClick={() => {
              onFilter(f.id);
            }}
          >
            {t(`importWizard.grid.filters.${f.id}`)}{" "}
            <span data-testid={`count-${f.id}`}>{f.count.toLocaleString()}</span>
          </button>
        ))}
      </div>
      {submitNav !== null && (
        <button
          type="button"
          className="button review__submit"
          data-testid="draft-submit"
          onClick={() => {
            submitNav.openSubmit(summary.draftId);
          }}
        >
          {t("submit.open")}
        </button>
      )}
    </div>
  );
}
