import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { SettingsView } from "../../../bindings/SettingsView";

/**
 * Where the key is kept (the OS keychain, or memory for this session only) and why; a keychain
 * that could not be read; and, with a key saved, Forget the key and "remove the token".
 */
export function KeyStore({
  view,
  clearToken,
  onClearToken,
  onForgetKey,
}: {
  view: SettingsView;
  clearToken: boolean;
  onClearToken: (clear: boolean) => void;
  onForgetKey: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const sessionOnly = view.keyStore === "sessionOnly";
  return (
    <>
      <p
        className={sessionOnly ? "field__warning" : "field__hint"}
        id="settings-key-store"
        data-testid="settings-key-store"
        data-store={view.keyStore}
      >
        {sessionOnly
          ? t("settingsScreen.account.sessionOnly")
          : t("settingsScreen.account.keychain", {
              store: t(`settingsScreen.store.${view.keyStore}`),
            })}
        {view.keySaved ? ` ${t("settingsScreen.account.keySaved")}` : ""}
      </p>
      {view.keyStoreNote !== null && (
        <details className="field__hint" data-testid="settings-key-store-note">
          <summary>{t("settingsScreen.account.whySessionOnly")}</summary>
          <span className="mono">{view.keyStoreNote}</span>
        </details>
      )}
      {view.keyError !== null && (
        <p className="field__error" role="alert" data-testid="settings-key-error">
          {t("settingsScreen.account.keyError")} <span className="mono">{view.keyError}</span>
        </p>
      )}
      {(view.keySaved || view.tokenSaved) && (
        <div className="actions-row">
          {view.tokenSaved && (
            <label>
              <input
                type="checkbox"
                checked={clearToken}
                onChange={(e) => {
                  onClearToken(e.target.checked);
                }}
                data-testid="settings-clear-token"
              />{" "}
              {t("settingsScreen.account.clearToken")}
            </label>
          )}
          {view.keySaved && (
            <button
              type="button"
              className="button button--secondary"
              onClick={onForgetKey}
              data-testid="settings-forget-key"
            >
              {t("settingsScreen.account.forgetKey")}
            </button>
          )}
        </div>
      )}
    </>
  );
}
