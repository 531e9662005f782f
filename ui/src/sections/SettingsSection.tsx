import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { SectionHeader } from "../components/SectionHeader";
import type { AppInfoState } from "../hooks/useAppInfo";
import { AboutPanel } from "./AboutPanel";

export function SettingsSection({
  appInfo,
  onReloadAppInfo,
}: {
  appInfo: AppInfoState;
  onReloadAppInfo: () => void;
}): ReactElement {
  const { t } = useTranslation();
  // Only promise "nothing is sent to Tencent" when that is what the active endpoint is.
  const sandbox = appInfo.status === "ready" && appInfo.info.endpoint.kind === "sandbox";
  return (
    <section className="section" aria-labelledby="section-heading-settings">
      <SectionHeader id="settings" title={t("settings.title")} intro={t("settings.intro")} />

      <section
        className="panel"
        aria-labelledby="settings-account-title"
        data-testid="settings-account"
      >
        <div className="panel__header">
          <h2 id="settings-account-title">{t("settings.account.title")}</h2>
          <span className="tag">{t("common.comingNext")}</span>
        </div>
        <p className="panel__text">
          {t("settings.account.body")}
          {sandbox && ` ${t("settings.account.sandboxNote")}`}
        </p>
      </section>

      <AboutPanel state={appInfo} onRetry={onReloadAppInfo} />
    </section>
  );
}
