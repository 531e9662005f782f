import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { Header } from "./components/Header";
import { Notice } from "./components/Notice";
import { Sidebar } from "./components/Sidebar";
import { useAppInfo } from "./hooks/useAppInfo";
import { useLanguagePreference, type PreferenceProblem } from "./hooks/useLanguagePreference";
import { useWatchBadge } from "./hooks/useWatchBadge";
import type { SectionId } from "./sections";
import { ApplicationsSection } from "./sections/ApplicationsSection";
import { DraftsSection } from "./sections/DraftsSection";
import { ImportSection } from "./sections/ImportSection";
import { SettingsSection } from "./sections/SettingsSection";
import { SubmitHost } from "./sections/submit/SubmitHost";

export function App(): ReactElement {
  const { t } = useTranslation();
  const preference = useLanguagePreference();
  const appInfo = useAppInfo();
  const [section, setSectionState] = useState<SectionId>("import");
  const watchBadge = useWatchBadge();
  // Opening (or leaving) Applications is looking at what the approval watch found.
  const setSection = (next: SectionId): void => {
    if (next === "applications" || section === "applications") watchBadge.clear();
    setSectionState(next);
  };

  // Render nothing readable until the saved language is known, so the window never flashes
  // one language and then switches to another. Reading preferences is a local call.
  if (!preference.ready) return <div className="app app--booting" aria-busy="true" />;

  function problemHeadline(problem: PreferenceProblem): string {
    return problem.kind === "load" ? t("language.loadFailed") : t("language.saveFailed");
  }

  function renderSection(): ReactElement {
    switch (section) {
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
        return <ApplicationsSection onNavigate={setSection} />;
      case "settings":
        return <SettingsSection appInfo={appInfo.state} onReloadAppInfo={appInfo.reload} />;
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
          badges={{ applications: section === "applications" ? 0 : watchBadge.count }}
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
