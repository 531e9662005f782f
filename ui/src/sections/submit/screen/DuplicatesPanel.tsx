import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { SubmitPreview } from "../../../bindings/SubmitPreview";
import { SHOWN } from "./BlockedRows";

/**
 * The numbers left out: held by another application, or repeated in the draft; the held ones
 * can be sent anyway.
 */
export function DuplicatesPanel({
  preview: p,
  onIncludeDuplicates,
}: {
  preview: SubmitPreview;
  onIncludeDuplicates: (include: boolean) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section
      className="panel"
      data-testid="submit-duplicates"
      aria-labelledby="submit-duplicates-title"
    >
      <div className="panel__header">
        <h2 id="submit-duplicates-title">{t("submit.duplicates.title")}</h2>
      </div>
      {p.takenCount > 0 && (
        <p>
          {p.includeDuplicates
            ? t("submit.duplicates.takenIncluded", { count: p.takenCount })
            : t("submit.duplicates.taken", { count: p.takenCount })}
        </p>
      )}
      {p.repeatedCount > 0 && <p>{t("submit.duplicates.repeated", { count: p.repeatedCount })}</p>}
      <ul className="submit-list">
        {[...p.taken, ...p.repeated].slice(0, SHOWN).map((d, i) => (
          <li key={`${d.phoneNumber}-${String(i)}`}>
            <span className="mono">{d.phoneNumber}</span>{" "}
            <span className="muted">
              {d.applicationId === null
                ? t("submit.duplicates.repeat")
                : d.applyId !== null
                  ? t("submit.duplicates.heldByApply", {
                      id: d.applicationId,
                      state: d.state ?? "",
                      applyId: d.applyId,
                    })
                  : t("submit.duplicates.heldBy", {
                      id: d.applicationId,
                      state: d.state ?? "",
                    })}
              {d.heldAs !== null && ` ${t("submit.duplicates.heldAs", { number: d.heldAs })}`}
            </span>
          </li>
        ))}
      </ul>
      {p.takenCount > 0 && (
        <label className="submit-check">
          <input
            type="checkbox"
            checked={p.includeDuplicates}
            data-testid="submit-include-duplicates"
            onChange={(e) => {
              onIncludeDuplicates(e.target.checked);
            }}
          />
          {t("submit.duplicates.include")}
        </label>
      )}
    </section>
  );
}
