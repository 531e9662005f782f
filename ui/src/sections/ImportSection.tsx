import { useId, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../components/EmptyState";
import { ImportIcon } from "../components/icons";
import { SectionHeader } from "../components/SectionHeader";

export function ImportSection(): ReactElement {
  const { t } = useTranslation();
  const noteId = useId();
  return (
    <section className="section" aria-labelledby="section-heading-import">
      <SectionHeader id="import" title={t("import.title")} intro={t("import.intro")} />
      <EmptyState
        testId="empty-import"
        icon={<ImportIcon size={32} />}
        title={t("import.emptyTitle")}
        action={
          <>
            <button type="button" className="button" disabled aria-describedby={noteId}>
              {t("import.action")}
            </button>
            <span className="tag" id={noteId}>
              {t("common.notInThisVersion")}
            </span>
          </>
        }
      >
        <p>{t("import.emptyBody")}</p>
      </EmptyState>
    </section>
  );
}
