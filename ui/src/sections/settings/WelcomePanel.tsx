import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { CloseIcon } from "../../components/icons";
import type { AppInfoState } from "../../hooks/useAppInfo";
import { TemplateDownload } from "../import/TemplateDownload";
import { preferencesDismissWelcome } from "../../ipc";
import "./settings.css";

/**
 * The first-run welcome: the three steps, the template to fill in, and — while the Sandbox is
 * active — the promise that nothing is sent to Tencent. Dismissed once, it stays dismissed (the
 * database keeps it); folded away while a file is being imported (`folded`).
 */
export function WelcomePanel({
  appInfo,
  onOpenSettings,
  dismissedBefore,
  folded = false,
}: {
  appInfo: AppInfoState;
  onOpenSettings: () => void;
  /** Dismissed in an earlier session (the saved preference). */
  dismissedBefore: boolean;
  folded?: boolean;
}): ReactElement | null {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState(dismissedBefore);
  if (dismissed || folded) return null;
  const sandbox = appInfo.status === "ready" && appInfo.info.endpoint.kind === "sandbox";

  function dismiss(): void {
    setDismissed(true);
    // If it cannot be saved, it is dismissed for this session only.
    preferencesDismissWelcome().catch(() => undefined);
  }

  return (
    <section className="panel" aria-labelledby="welcome-title" data-testid="welcome-panel">
      <div className="panel__header">
        <h2 id="welcome-title">{t("welcome.title")}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t("welcome.dismiss")}
          title={t("welcome.dismiss")}
          onClick={dismiss}
          data-testid="welcome-dismiss"
        >
          <CloseIcon size={16} />
        </button>
      </div>
      <ol className="welcome-steps">
        <li>{t("welcome.stepImport")}</li>
        <li>{t("welcome.stepReview")}</li>
        <li>{t("welcome.stepSubmit")}</li>
      </ol>
      <p className="muted">{t("welcome.templateHint")}</p>
      <TemplateDownload testId="welcome-template" />
      {sandbox && (
        <p className="field__warning" data-testid="welcome-sandbox">
          {t("welcome.sandbox")}
        </p>
      )}
      <div className="actions-row">
        <button
          type="button"
          className="button button--secondary"
          onClick={onOpenSettings}
          data-testid="welcome-open-settings"
        >
          {t("welcome.openSettings")}
        </button>
      </div>
    </section>
  );
}
