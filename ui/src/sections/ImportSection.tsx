import { useEffect, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { SectionHeader } from "../components/SectionHeader";
import type { AppInfoState } from "../hooks/useAppInfo";
import { ImportWizard } from "./import/ImportWizard";
import { WelcomePanel } from "./settings/WelcomePanel";

/** Marked once, when the first screen is on display: `make startup-figures` reads it. */
const IMPORT_SHOWN_MARK = "numdesk:import-shown";

/** The first screen: the section heading, the first-run welcome, then the import wizard. */
export function ImportSection({
  appInfo,
  onOpenSettings,
  welcomeDismissed,
}: {
  appInfo: AppInfoState;
  onOpenSettings: () => void;
  welcomeDismissed: boolean;
}): ReactElement {
  const { t } = useTranslation();
  // Once a file is open the welcome folds away: the wizard's steps come first.
  const [started, setStarted] = useState(false);
  useEffect(() => {
    if (performance.getEntriesByName(IMPORT_SHOWN_MARK).length === 0) {
      performance.mark(IMPORT_SHOWN_MARK);
    }
  }, []);
  return (
    <section className="section section--wide" aria-labelledby="section-heading-import">
      <SectionHeader id="import" title={t("import.title")} intro={t("import.intro")} />
      <WelcomePanel
        appInfo={appInfo}
        onOpenSettings={onOpenSettings}
        dismissedBefore={welcomeDismissed}
        folded={started}
      />
      <ImportWizard onStartedChange={setStarted} />
    </section>
  );
}
