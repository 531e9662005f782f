import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ProxyMode } from "../../../bindings/ProxyMode";
import type { FieldChange } from "../useSettings";
import type { FieldErrors } from "./fieldErrors";
import { RadioChoices } from "../../../components/RadioChoices";

/** The proxy: the system's, none, or one typed in (its saved user name and password never shown). */
export function ProxyFields({
  proxyMode,
  proxyUrl,
  credentialsShown,
  onChange,
  errors,
}: {
  proxyMode: ProxyMode;
  proxyUrl: string;
  /** The saved proxy's user name and password are kept (and it is the proxy shown). */
  credentialsShown: boolean;
  onChange: (change: FieldChange) => void;
  errors: FieldErrors;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="field">
        <legend>{t("settingsScreen.proxy.title")}</legend>
        <div className="choice-row">
          <RadioChoices
            name="proxy"
            choices={["system", "none", "manual"] as const}
            value={proxyMode}
            label={(m) => t(`settingsScreen.proxy.${m}`)}
            testId={(m) => `proxy-${m}`}
            onChoose={(m) => {
              onChange({ field: "proxyMode", value: m });
            }}
          />
        </div>
      </fieldset>
      {proxyMode === "manual" && (
        <div className="field">
          <label htmlFor="settings-proxy-url">{t("settingsScreen.proxy.url")}</label>
          <input
            id="settings-proxy-url"
            value={proxyUrl}
            placeholder={t("settingsScreen.proxy.placeholder")}
            onChange={(e) => {
              onChange({ field: "proxyUrl", value: e.target.value });
            }}
            aria-invalid={errors.invalid("proxyUrl")}
            aria-describedby={
              credentialsShown ? "err-proxyUrl settings-proxy-credentials" : "err-proxyUrl"
            }
            data-testid="settings-proxy-url"
          />
          {credentialsShown && (
            <p
              id="settings-proxy-credentials"
              className="muted"
              data-testid="settings-proxy-credentials"
            >
              {t("settingsScreen.proxy.credentialsSaved")}
            </p>
          )}
          {errors.fieldError("proxyUrl")}
        </div>
      )}
    </>
  );
}
