import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { Header } from "./components/Header";
import { Notice } from "./components/Notice";
import { Sidebar } from "./components/Sidebar";
import { useAppInfo } from "./hooks/useAppInfo";
import { useLanguagePreference, type PreferenceProblem } from "./hooks/useLanguagePreference";
import { useOverview } from "./hooks/useOverview";
import { useWatchBadge } from "./hooks/useWatchBadge";
import type { SectionId } from "./sections";
import { ApplicationsSection, type ApplicationsRequest } from "./sections/ApplicationsSection";
import { DraftsSection } from "./sections/DraftsSection";
import { ImportSection } from "./sections/ImportSection";
import { OverviewSection } from "./sections/OverviewSection";
import { SettingsSection } from "./sections/SettingsSection";
import { SubmitHost } from "./sections/submit/SubmitHost";

export function App(): ReactElement {
  const { t } = useTranslation();
  const preference = useLanguagePreference();
  const appInfo = useAppInfo();
  const overview = useOverview();
  // Until the user picks one: the Overview once there is history, Import on a fresh install.
  const [chosen, setChosen] = useState<SectionId | null>(null);
  const section = chosen ?? overview.start ?? "import";
  // Applications opened from the Overview: one application or a status filter (a new key
  // each time, so the list starts there).
  const [appsRequest, setAppsRequest] = useState<(ApplicationsRequest & { key: number }) | null>(
    null,
  );
  const watchBadge = useWatchBadge();
  // Opening (or leaving) Applications is looking at what the approval watch found.
  const setSection = (next: SectionId): void => {
    if (next === "applications" || section === "applications") watchBadge.clear();
    setAppsRequest(null);
    setChosen(next);
    overview.reload();
  };
  const openApplications = (request: ApplicationsRequest): void => {
    setSection("applications");
    setAppsRequest({ ...request, key: Date.now() });
  };

  // Render nothing readable until the saved language and the start screen are known, so the
  // window never flashes one language or screen and then switches. Both are local reads.
  if (!preference.ready || overview.start === null) {
    return <div className="app app--booting" aria-busy="true" />;
  }

  function problemHeadline(problem: PreferenceProblem): string {
    return problem.kind === "load" ? t("language.loadFailed") : t("language.saveFailed");
  }

  function renderSection(): ReactElement {
    switch (section) {
      case "overview":
        return (
          <OverviewSection
            onOpenApplication={(id) => {
              openApplications({ openId: id, statuses: [] });
            }}
            onShowApplications={(statuses) => {
              openApplications({ openId: null, statuses });
            }}
            onImport={() => {
              setSection("import");
            }}
            onLoaded={overview.update}
          />
        );
      case "import":
        return (
          <ImportSection
            appInfo={appInfo.state}
            welcomeDismissed={preference.welcomeDismissed}
            onOpenSettings={() => {
              setSection("settings");
            }}
          />
        );
      case "drafts":
        return <DraftsSection onNavigate={setSection} />;
      case "applications":
        return (
          <ApplicationsSection
            key={appsRequest?.key ?? 0}
            onNavigate={setSection}
            request={appsRequest}
          />
        );
      case "settings":
        return (
          <SettingsSection
            appInfo={appInfo.state}
            onReloadAppInfo={appInfo.reload}
            theme={preference.theme}
            onThemeChange={preference.setTheme}
          />
        );
    }
  }

  return (
    <div className="app">
      <Header
        appInfo={appInfo.state}
        language={preference.language}
        onLanguageChange={preference.setLanguage}
      />
      {preference.problem !== null && (
        <Notice
          testId={`preferences-${preference.problem.kind}-error`}
          headline={problemHeadline(preference.problem)}
          error={preference.problem.error}
          onDismiss={preference.dismissProblem}
        />
      )}
      <div className="app-body">
        <Sidebar
          active={section}
          onSelect={setSection}
          badges={{
            overview: overview.attention,
            applications: section === "applications" ? 0 : watchBadge.count,
          }}
        />
        <main className="content" data-testid={`section-${section}`}>
          <SubmitHost section={section} onNavigate={setSection}>
            {renderSection()}
          </SubmitHost>
        </main>
      </div>
    </div>
  );
}
