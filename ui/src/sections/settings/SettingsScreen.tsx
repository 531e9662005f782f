import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { ErrorFacts } from "../../components/ErrorFacts";
import { AccountPanel } from "./account/AccountPanel";
import { ConnectionPanel } from "./ConnectionPanel";
import { useSettings } from "./useSettings";
import "./settings.css";

/** Settings: the connection in use, then the Tencent Cloud account with its defaults and proxy. */
export function SettingsScreen({
  onEndpointChanged,
}: {
  onEndpointChanged: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const settings = useSettings(onEndpointChanged);
  const { load, view, switchError } = settings.state;

  if (load.status === "loading") {
    return (
      <section className="panel" data-testid="settings-loading" aria-busy="true">
        <p className="panel__text">{t("settingsScreen.loading")}</p>
      </section>
    );
  }
  if (load.status === "error" || view === null) {
    const error = load.status === "error" ? load.error : null;
    return (
      <section className="panel error-box" role="alert" data-testid="settings-load-error">
        <p className="error-box__title">{t("settingsScreen.loadFailed")}</p>
        {error && <ErrorFacts error={error} testIdPrefix="settings-load-error" />}
      </section>
    );
  }

  return (
    <>
      <ConnectionPanel
        view={view}
        switchError={switchError}
        onSwitch={(kind) => void settings.switchTo(kind)}
      />
      <AccountPanel settings={settings} />
    </>
  );
}
