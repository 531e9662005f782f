import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../components/EmptyState";
import { DraftsIcon } from "../components/icons";
import { SectionHeader } from "../components/SectionHeader";
import { DraftsList } from "./drafts/DraftsList";
import type { SectionId } from "../sections";

export function DraftsSection({
  onNavigate,
}: {
  onNavigate: (to: SectionId) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="section section--wide" aria-labelledby="section-heading-drafts">
      <SectionHeader id="drafts" title={t("drafts.title")} intro={t("drafts.intro")} />
      <DraftsList
        empty={
          <EmptyState
            testId="empty-drafts"
            icon={<DraftsIcon size={32} />}
            title={t("drafts.emptyTitle")}
            action={
              <button
                type="button"
                className="button button--secondary"
                data-testid="drafts-go-import"
                onClick={() => {
                  onNavigate("import");
                }}
              >
                {t("drafts.action")}
              </button>
            }
          >
            <p>{t("drafts.emptyBody")}</p>
          </EmptyState>
        }
      />
    </section>
  );
}
