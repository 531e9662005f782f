import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";

/**
 * Which rows a page shows, of how many, with Previous and Next: the applications list and an
 * application's numbers. `label` names the navigation (default: the page text itself);
 * `testId` prefixes the page text and the buttons' test ids.
 */
export function Pager({
  offset,
  shown,
  total,
  label,
  testId,
  onPage,
}: {
  offset: number;
  shown: number;
  total: number;
  label?: string;
  testId?: string;
  onPage: (direction: 1 | -1) => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const from = total === 0 ? 0 : offset + 1;
  const to = offset + shown;
  const id = (part: string): string | undefined =>
    testId === undefined ? undefined : `${testId}-${part}`;
  return (
    <nav
      className="apps-pager"
      aria-label={label ?? t("applicationsList.pageInfo", { from, to, total })}
    >
      <span data-testid={id("page-info")}>
        {t("applicationsList.pageInfo", {
          from: from.toLocaleString(i18n.language),
          to: to.toLocaleString(i18n.language),
          total: total.toLocaleString(i18n.language),
        })}
      </span>
      <button
        type="button"
        className="button button--secondary"
        data-testid={id("prev")}
        disabled={offset === 0}
        onClick={() => {
          onPage(-1);
        }}
      >
        {t("applicationsList.previous")}
      </button>
      <button
        type="button"
        className="button button--secondary"
        data-testid={id("next")}
        disabled={to >= total}
        onClick={() => {
          onPage(1);
        }}
      >
        {t("applicationsList.next")}
      </button>
    </nav>
  );
}
