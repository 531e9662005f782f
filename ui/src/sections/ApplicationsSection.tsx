import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationStatus } from "../bindings/ApplicationStatus";
import { EmptyState } from "../components/EmptyState";
import { ApplicationsIcon } from "../components/icons";
import { SectionHeader } from "../components/SectionHeader";
import type { SectionId } from "../sections";
import { ApplicationsList } from "./applications/ApplicationsList";

/** Applications opened from elsewhere (the Overview): one application, or a status filter. */
export type ApplicationsRequest = { openId: number | null; statuses: ApplicationStatus[] };

export function ApplicationsSection({
  onNavigate,
  request = null,
}: {
  onNavigate: (to: SectionId) => void;
  request?: ApplicationsRequest | null;
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
        initialOpenId={request?.openId ?? null}
        initialStatuses={request?.statuses ?? []}
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
