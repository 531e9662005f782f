import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { SectionHeader } from "../components/SectionHeader";
import type { AppInfoState } from "../hooks/useAppInfo";
import { AboutPanel } from "./AboutPanel";
import { SettingsScreen } from "./settings/SettingsScreen";
import { ThemeChoice } from "./settings/ThemeChoice";

export function SettingsSection({
  appInfo,
  onReloadAppInfo,
}: {
  appInfo: AppInfoState;
  onReloadAppInfo: () => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="section-heading-settings">
      <SectionHeader id="settings" title={t("settings.title")} intro={t("settings.intro")} />
      {/* A save or a switch changes the endpoint: reload app_info so the header badge follows. */}
      <SettingsScreen onEndpointChanged={onReloadAppInfo} />
      <ThemeChoice />
      <AboutPanel state={appInfo} onRetry={onReloadAppInfo} />
    </section>
  );
}
