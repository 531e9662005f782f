import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { SubmitPreview } from "../../../bindings/SubmitPreview";

/** How many blocking rows and left-out numbers are listed on screen (the counts are complete). */
export const SHOWN = 20;

/** The rows that stop the draft from being sent, with a way back to fix them in the grid. */
export function BlockedRows({
  preview: p,
  onFixRows,
}: {
  preview: SubmitPreview;
  onFixRows: () => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="error-box submit-blocked" role="alert" data-testid="submit-blocked">
      <div>
        <p className="error-box__title">
          <strong>{t("submit.blocked.title", { count: p.blockedCount })}</strong>
        </p>
        <ul className="submit-list">
          {p.blocked.slice(0, SHOWN).map((r) => (
            <li key={r.position} data-testid={`submit-blocked-row-${String(r.position)}`}>
              <span className="submit-list__where">
                {r.sourceLine !== null
                  ? t("submit.blocked.row", { line: r.sourceLine })
                  : t("submit.blocked.rowNoLine", { row: r.position + 1 })}
              </span>{" "}
              {t("submit.blocked.rowText", { number: r.phoneNumber, message: r.message })}
            </li>
          ))}
        </ul>
        {p.blockedCount > SHOWN && (
          <p className="muted">{t("submit.blocked.more", { count: p.blockedCount - SHOWN })}</p>
        )}
        <button type="button" className="button" data-testid="submit-fix-rows" onClick={onFixRows}>
          {t("submit.blocked.fix")}
        </button>
      </div>
    </section>
  );
}
