import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { Theme } from "../bindings/Theme";
import { SectionHeader } from "../components/SectionHeader";
import type { AppInfoState } from "../hooks/useAppInfo";
import { AboutPanel } from "./AboutPanel";
import { SettingsScreen } from "./settings/SettingsScreen";
import { ThemeChoice } from "./settings/ThemeChoice";

export function SettingsSection({
  appInfo,
  onReloadAppInfo,
  theme,
  onThemeChange,
}: {
  appInfo: AppInfoState;
  onReloadAppInfo: () => void;
  /** The theme as read with the other preferences at start (null: it could not be read). */
  theme: Theme | null;
  onThemeChange: (theme: Theme) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="section-heading-settings">
      <SectionHeader id="settings" title={t("settings.title")} intro={t("settings.intro")} />
      {/* A save or a switch changes the endpoint: reload app_info so the header badge follows. */}
      <SettingsScreen onEndpointChanged={onReloadAppInfo} />
      <ThemeChoice theme={theme} onChange={onThemeChange} />
      <AboutPanel state={appInfo} onRetry={onReloadAppInfo} />
    </section>
  );
}
