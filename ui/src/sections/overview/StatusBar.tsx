import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationStatus } from "../../bindings/ApplicationStatus";
import type { StatusTally } from "../../bindings/StatusTally";

/**
 * Applications per state as one small stacked bar, with a legend that says the same in words
 * (the bar is decoration for the eye; the legend is what a screen reader and the keyboard get).
 * Each legend entry opens Applications filtered to that state.
 */
export function StatusBar({
  counts,
  scopeNote,
  onShow,
}: {
  counts: StatusTally[];
  /** Which applications these are (the connection in use). */
  scopeNote: string;
  onShow: (status: ApplicationStatus) => void;
}): ReactElement {
  const { t } = useTranslation();
  const total = counts.reduce((sum, c) => sum + c.applications, 0);
  const numbers = counts.reduce((sum, c) => sum + c.numbers, 0);
  const shown = counts.filter((c) => c.applications > 0);
  return (
    <section
      className="overview-card"
      aria-labelledby="overview-counts-title"
      data-testid="overview-counts"
    >
      <div className="overview-card__head">
        <h2 id="overview-counts-title">{t("overview.counts.title")}</h2>
        <p className="muted" data-testid="overview-total">
          {t("overview.counts.total", {
            count: total,
            numbers: numbers.toLocaleString(),
          })}
        </p>
        <p className="muted" data-testid="overview-scope">
          {scopeNote}
        </p>
      </div>
      <div className="overview-bar" aria-hidden="true" data-testid="overview-bar">
        {shown.map((c) => (
          <span
            key={c.status}
            className={`overview-bar__part overview-bar__part--${c.status}`}
            data-testid={`overview-bar-${c.status}`}
            style={{ flexGrow: c.applications }}
          />
        ))}
      </div>
      <ul className="overview-legend">
        {shown.map((c) => {
          const label = t(`applicationsList.status.${c.status}`);
          return (
            <li key={c.status}>
              <button
                type="button"
                className="overview-legend__item"
                data-testid={`overview-count-${c.status}`}
                title={t("overview.counts.show", { count: c.applications, status: label })}
                onClick={() => {
                  onShow(c.status);
                }}
              >
                <span
                  className={`overview-swatch overview-bar__part--${c.status}`}
                  aria-hidden="true"
                />
                <span>{label}</span>
                <strong>{c.applications.toLocaleString()}</strong>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
