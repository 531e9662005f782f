import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationPage } from "../../../bindings/ApplicationPage";

/** Which applications the page shows, of how many, with Previous and Next. */
export function Pager({
  page,
  onPage,
}: {
  page: ApplicationPage;
  onPage: (direction: 1 | -1) => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = page.offset + page.rows.length;
  return (
    <nav
      className="apps-pager"
      aria-label={t("applicationsList.pageInfo", { from, to, total: page.total })}
    >
      <span data-testid="applications-page-info">
        {t("applicationsList.pageInfo", {
          from: from.toLocaleString(i18n.language),
          to: to.toLocaleString(i18n.language),
          total: page.total.toLocaleString(i18n.language),
        })}
      </span>
      <button
        type="button"
        className="button button--secondary"
        data-testid="applications-prev"
        disabled={page.offset === 0}
        onClick={() => {
          onPage(-1);
        }}
      >
        {t("applicationsList.previous")}
      </button>
      <button
        type="button"
        className="button button--secondary"
        data-testid="applications-next"
        disabled={to >= page.total}
        onClick={() => {
          onPage(1);
        }}
      >
        {t("applicationsList.next")}
      </button>
    </nav>
  );
}
