import type { ReactElement, ReactNode, RefObject } from "react";
import { useTranslation } from "react-i18next";
import { FIELD_IDEA, FieldLabel } from "../../../components/FieldLabel";
import { ROW_HEIGHT } from "./reviewState";
import { EDIT_CELLS } from "./useRowEditor";

/**
 * The grid itself: its column headings and the scrolling viewport, as tall as all the rows the
 * filter matches; `children` are the rows in view, each placed at its own position.
 */
export function GridTable({
  matching,
  viewportHeight,
  viewport,
  onScroll,
  children,
}: {
  matching: number;
  viewportHeight: number;
  viewport: RefObject<HTMLDivElement | null>;
  onScroll: (top: number) => void;
  children: ReactNode;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div
      className="grid"
      role="grid"
      aria-rowcount={matching + 1}
      aria-label={t("importWizard.grid.label")}
      data-testid="review-grid"
    >
      <div className="grid__row grid__head" role="row" aria-rowindex={1}>
        <span role="columnheader" className="grid__check">
          <span className="visually-hidden">{t("importWizard.grid.select")}</span>
        </span>
        <span role="columnheader">{t("importWizard.grid.line")}</span>
        {EDIT_CELLS.map((cell) => (
          <span role="columnheader" key={cell.key}>
            <FieldLabel idea={FIELD_IDEA[cell.field]} compact />
          </span>
        ))}
        <span role="columnheader">{t("importWizard.grid.findings")}</span>
        <span role="columnheader">
          <span className="visually-hidden">{t("importWizard.grid.actions")}</span>
        </span>
      </div>
      <div
        className="grid__viewport"
        ref={viewport}
        style={{ height: Math.min(viewportHeight, Math.max(matching, 3) * ROW_HEIGHT + 2) }}
        data-testid="grid-viewport"
        onScroll={(e) => {
          onScroll(e.currentTarget.scrollTop);
        }}
      >
        <div style={{ height: matching * ROW_HEIGHT, position: "relative" }}>{children}</div>
      </div>
    </div>
  );
}

/** A row in view whose page has not arrived yet. */
export function LoadingRow({ position }: { position: number }): ReactElement {
  const { t } = useTranslation();
  return (
    <div
      className="grid__row"
      role="row"
      style={{ top: position * ROW_HEIGHT, height: ROW_HEIGHT }}
    >
      <span role="gridcell" className="muted">
        {t("importWizard.grid.loading")}
      </span>
    </div>
  );
}
