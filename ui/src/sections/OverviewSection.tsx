import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationStatus } from "../bindings/ApplicationStatus";
import type { Overview } from "../bindings/Overview";
import { SectionHeader } from "../components/SectionHeader";
import { OverviewScreen } from "./overview/OverviewScreen";

export function OverviewSection({
  onOpenApplication,
  onShowApplications,
  onImport,
  onLoaded,
}: {
  onOpenApplication: (id: number) => void;
  onShowApplications: (statuses: ApplicationStatus[]) => void;
  onImport: () => void;
  onLoaded: (overview: Overview) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="section-heading-overview">
      <SectionHeader id="overview" title={t("overview.title")} intro={t("overview.intro")} />
      <OverviewScreen
        onOpenApplication={onOpenApplication}
        onShowApplications={onShowApplications}
        onImport={onImport}
        onLoaded={onLoaded}
      />
    </section>
  );
}
