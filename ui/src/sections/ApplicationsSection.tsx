import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../components/EmptyState";
import { ApplicationsIcon } from "../components/icons";
import { SectionHeader } from "../components/SectionHeader";
import type { SectionId } from "../sections";
import { ApplicationsList } from "./applications/ApplicationsList";

export function ApplicationsSection({
  onNavigate,
}: {
  onNavigate: (to: SectionId) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="section section--wide" aria-labelledby="section-heading-applications">
      <SectionHeader
        id="applications"
        title={t("applications.title")}
        intro={t("applications.intro")}
      />
      <ApplicationsList
        empty={
          <EmptyState
            testId="empty-applications"
            icon={<ApplicationsIcon size={32} />}
            title={t("applications.emptyTitle")}
            action={
              <button
                type="button"
                className="button button--secondary"
                data-testid="applications-go-drafts"
                onClick={() => {
                  onNavigate("drafts");
                }}
              >
                {t("applications.action")}
              </button>
            }
          >
            <p>{t("applications.emptyBody")}</p>
          </EmptyState>
        }
      />
    </section>
  );
}
