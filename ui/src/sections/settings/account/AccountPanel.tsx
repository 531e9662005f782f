import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { DefaultsFields } from "../DefaultsFields";
import type { useSettings } from "../useSettings";
import { CredentialFields } from "./CredentialFields";
import { useFieldErrors } from "./fieldErrors";
import { KeyStore } from "./KeyStore";
import { ProxyFields } from "./ProxyFields";
import { SiteFields } from "./SiteFields";
import { TestOutcome } from "./TestOutcome";

/**
 * The Tencent Cloud account: the site, the API key, the defaults for new applications and the
 * proxy, in one form saved together; and "Test connection".
 */
export function AccountPanel({
  settings,
}: {
  settings: ReturnType<typeof useSettings>;
}): ReactElement | null {
  const { t } = useTranslation();
  const { state, change, save, runTest, forgetKey } = settings;
  const { view, form, saveError, saving, saved, test } = state;
  const errors = useFieldErrors(state);
  if (view === null) return null;

  // Credentials kept in the keychain belong to the proxy saved; not to another URL being typed.
  const proxyCredentialsShown =
    view.proxyCredentialsSaved &&
    form.proxyMode === "manual" &&
    form.proxyUrl === (view.proxyUrl ?? "");

  return (
    <section
      className="panel"
      aria-labelledby="settings-account-title"
      data-testid="settings-account"
    >
      <div className="panel__header">
        <h2 id="settings-account-title">{t("settingsScreen.account.title")}</h2>
      </div>
      <form className="settings-form" onSubmit={(e) => void save(e)} noValidate>
        <SiteFields site={form.site} customUrl={form.customUrl} onChange={change} errors={errors} />
        <CredentialFields form={form} view={view} onChange={change} errors={errors} />
        <KeyStore
          view={view}
          clearToken={form.clearToken}
          onClearToken={(clear) => {
            change({ field: "clearToken", value: clear });
          }}
          onForgetKey={() => void forgetKey()}
        />

        <h3>{t("settingsScreen.defaults.title")}</h3>
        <DefaultsFields
          site={form.site}
          value={form.defaults}
          onChange={(value) => {
            change({ field: "defaults", value });
          }}
          errorFor={errors.errorFor}
        />

        <ProxyFields
          proxyMode={form.proxyMode}
          proxyUrl={form.proxyUrl}
          credentialsShown={proxyCredentialsShown}
          onChange={change}
          errors={errors}
        />

        {saveError && errors.fieldOf === null && (
          <ErrorNotice error={saveError} testId="settings-save-error" />
        )}
        <div className="actions-row">
          <button type="submit" className="button" disabled={saving} data-testid="settings-save">
            {saving ? t("settingsScreen.saving") : t("settingsScreen.save")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={test.status === "running"}
            onClick={() => void runTest()}
            data-testid="settings-test"
          >
            {test.status === "running" ? t("settingsScreen.testing") : t("settingsScreen.test")}
          </button>
          {saved && (
            <span role="status" data-testid="settings-saved">
              {t("settingsScreen.saved")}
            </span>
          )}
        </div>
      </form>
      <TestOutcome
        test={test}
        onUseApp={(id) => {
          change({ field: "defaults", value: { ...form.defaults, sdkAppId: String(id) } });
        }}
        onUseSite={(s) => {
          change({ field: "site", value: s });
        }}
      />
    </section>
  );
}
