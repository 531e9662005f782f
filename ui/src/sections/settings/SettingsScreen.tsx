// Over 500 lines: the account, defaults, proxy and switch sections share one saved view and one
// form; the split into sections with one form reducer is open in issue #17.
import { useEffect, useState, type SyntheticEvent, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionKind } from "../../bindings/ConnectionKind";
import type { FormatWarning } from "../../bindings/FormatWarning";
import type { IpcError } from "../../bindings/IpcError";
import type { ProxyMode } from "../../bindings/ProxyMode";
import type { SettingsView } from "../../bindings/SettingsView";
import type { Site } from "../../bindings/Site";
import type { TestConnectionResult } from "../../bindings/TestConnectionResult";
import { ErrorFacts } from "../../components/ErrorFacts";
import { ErrorNotice } from "../../components/ErrorNotice";
import { FieldLabel } from "../../components/FieldLabel";
import { describeTencent, offsetMinutes } from "../../errors";
import { toIpcError } from "../../ipc";
import {
  DefaultsFields,
  defaultsToForm,
  formToDefaults,
  type DefaultsForm,
} from "./DefaultsFields";
import {
  connectionUse,
  settingsForgetKey,
  settingsGet,
  settingsSave,
  settingsTestConnection,
} from "../../ipc/settings";
import "./settings.css";
import { SandboxApprovalControl } from "../submit/SandboxApprovalControl";
import { WatchSettingsControl } from "./WatchSettingsControl";
import { SandboxFaultsControl } from "../submit/SandboxFaultsControl";

type Load = { status: "loading" } | { status: "ready" } | { status: "error"; error: IpcError };
type Test =
  | { status: "idle" }
  | { status: "running" }
  | { status: "ok"; result: TestConnectionResult }
  | { status: "error"; error: IpcError };

function detailString(error: IpcError, key: string): string | null {
  const d = error.details;
  if (typeof d !== "object" || d === null || Array.isArray(d)) return null;
  const v = d[key];
  return typeof v === "string" ? v : null;
}

function detailBool(error: IpcError, key: string): boolean | null {
  const d = error.details;
  if (typeof d !== "object" || d === null || Array.isArray(d)) return null;
  const v = d[key];
  return typeof v === "boolean" ? v : null;
}

/** Trims whitespace pasted with a key (the backend trims too, and explains what it cannot). */
function pasteTrimmed(set: (v: string) => void) {
  return (e: React.ClipboardEvent<HTMLInputElement>) => {
    e.preventDefault();
    set(e.clipboardData.getData("text").trim());
  };
}

export function SettingsScreen({
  onEndpointChanged,
}: {
  onEndpointChanged: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [view, setView] = useState<SettingsView | null>(null);
  const [site, setSite] = useState<Site>("international");
  const [customUrl, setCustomUrl] = useState("");
  const [secretId, setSecretId] = useState("");
  const [secretKey, setSecretKey] = useState("");
  const [token, setToken] = useState("");
  const [clearToken, setClearToken] = useState(false);
  const [defaults, setDefaults] = useState<DefaultsForm>(defaultsToForm(null));
  const [proxyMode, setProxyMode] = useState<ProxyMode>("system");
  const [proxyUrl, setProxyUrl] = useState("");
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<IpcError | null>(null);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const [warnings, setWarnings] = useState<FormatWarning[]>([]);
  const [saved, setSaved] = useState(false);
  const [test, setTest] = useState<Test>({ status: "idle" });
  const [switchError, setSwitchError] = useState<IpcError | null>(null);

  function fill(v: SettingsView): void {
    setView(v);
    setSite(v.site);
    setCustomUrl(v.customUrl ?? "");
    setSecretId(v.secretId ?? "");
    setDefaults(defaultsToForm(v.defaults));
    setProxyMode(v.proxyMode);
    setProxyUrl(v.proxyUrl ?? "");
  }
  // Credentials kept in the keychain belong to the proxy saved; not to another URL being typed.
  const proxyCredentialsShown =
    view?.proxyCredentialsSaved === true &&
    proxyMode === "manual" &&
    proxyUrl === (view.proxyUrl ?? "");

  useEffect(() => {
    let current = true;
    settingsGet().then(
      (v) => {
        if (!current) return;
        fill(v);
        setLoad({ status: "ready" });
      },
      (e: unknown) => {
        if (current) setLoad({ status: "error", error: toIpcError(e) });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  async function save(e: SyntheticEvent): Promise<void> {
    e.preventDefault();
    setSaveError(null);
    setLocalError(null);
    setSaved(false);
    const parsed = formToDefaults(defaults, site);
    if (!parsed.ok) {
      setLocalError({ field: parsed.field, message: t("settingsScreen.wholeNumber") });
      return;
    }
    setSaving(true);
    try {
      const result = await settingsSave({
        site,
        customUrl: site === "custom" ? customUrl : null,
        secretId,
        secretKey: secretKey === "" ? null : secretKey,
        token: token === "" ? null : token,
        clearToken,
        defaults: parsed.defaults,
        proxyMode,
        proxyUrl: proxyMode === "manual" ? proxyUrl : null,
      });
      fill(result.settings);
      setSecretKey("");
      setToken("");
      setClearToken(false);
      setWarnings(result.warnings);
      setSaved(true);
      onEndpointChanged();
    } catch (err: unknown) {
      setSaveError(toIpcError(err));
    } finally {
      setSaving(false);
    }
  }

  async function runTest(): Promise<void> {
    setTest({ status: "running" });
    try {
      setTest({ status: "ok", result: await settingsTestConnection("tencent") });
    } catch (err: unknown) {
      setTest({ status: "error", error: toIpcError(err) });
    }
  }

  async function forgetKey(): Promise<void> {
    setSwitchError(null);
    try {
      fill(await settingsForgetKey());
      setSecretKey("");
      setToken("");
      onEndpointChanged();
    } catch (err: unknown) {
      setSaveError(toIpcError(err));
    }
  }

  async function switchTo(kind: ConnectionKind): Promise<void> {
    setSwitchError(null);
    try {
      setView(await connectionUse(kind));
      onEndpointChanged();
    } catch (err: unknown) {
      setSwitchError(toIpcError(err));
    }
  }

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

  const fieldOf = saveError === null ? null : detailString(saveError, "field");
  const errorFor = (field: string): string | null => {
    if (localError?.field === field) return localError.message;
    if (saveError === null || fieldOf !== field) return null;
    const problem = detailString(saveError, "problem");
    return problem !== null
      ? t(`settingsScreen.problem.${problem}`, { defaultValue: saveError.message })
      : saveError.message;
  };
  const invalid = (field: string) => errorFor(field) !== null;
  const fieldError = (field: string): ReactElement | null => {
    const msg = errorFor(field);
    return msg === null ? null : (
      <span className="field__error" id={`err-${field}`} data-testid={`settings-error-${field}`}>
        {msg}
      </span>
    );
  };
  const warningsFor = (prefix: "secretId" | "secretKey" | "unusual"): FormatWarning[] =>
    warnings.filter((w) =>
      prefix === "unusual" ? w.code === "unusualCharacter" : w.code.startsWith(prefix),
    );
  const warningText = (w: FormatWarning): string =>
    t(`settingsScreen.warning.${w.code}`, {
      length: "length" in w ? w.length : 0,
      position: "position" in w ? w.position : 0,
    });

  const sessionOnly = view.keyStore === "sessionOnly";

  return (
    <>
      <section
        className="panel"
        aria-labelledby="settings-connection-title"
        data-testid="settings-connection"
      >
        <div className="panel__header">
          <h2 id="settings-connection-title">{t("settingsScreen.connection.title")}</h2>
        </div>
        <fieldset className="choice-row" aria-describedby="settings-connection-hint">
          <legend className="visually-hidden">{t("settingsScreen.connection.title")}</legend>
          <label>
            <input
              type="radio"
              name="connection"
              checked={view.active === "sandbox"}
              onChange={() => void switchTo("sandbox")}
              data-testid="connection-sandbox"
            />
            {t("settingsScreen.connection.sandbox")}
          </label>
          <label>
            <input
              type="radio"
              name="connection"
              checked={view.active === "tencent"}
              onChange={() => void switchTo("tencent")}
              data-testid="connection-tencent"
            />
            {t("settingsScreen.connection.tencent")}
          </label>
        </fieldset>
        <p className="panel__text" id="settings-connection-hint" data-testid="connection-hint">
          {view.active === "sandbox"
            ? t("settingsScreen.connection.sandboxHint")
            : t("settingsScreen.connection.tencentHint")}
        </p>
        {switchError && <ErrorNotice error={switchError} testId="connection-switch-error" />}
        <WatchSettingsControl />
        {view.active === "sandbox" && <SandboxApprovalControl />}
        {view.active === "sandbox" && <SandboxFaultsControl />}
      </section>

      <section
        className="panel"
        aria-labelledby="settings-account-title"
        data-testid="settings-account"
      >
        <div className="panel__header">
          <h2 id="settings-account-title">{t("settingsScreen.account.title")}</h2>
        </div>
        <form className="settings-form" onSubmit={(e) => void save(e)} noValidate>
          <fieldset className="field">
            <legend>{t("settingsScreen.account.site")}</legend>
            <div className="choice-row">
              {(["international", "china", "custom"] as const).map((s) => (
                <label key={s}>
                  <input
                    type="radio"
                    name="site"
                    value={s}
                    checked={site === s}
                    onChange={() => {
                      setSite(s);
                    }}
                    data-testid={`site-${s}`}
                  />
                  {t(`settingsScreen.site.${s}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {site === "custom" && (
            <div className="field">
              <label htmlFor="settings-custom-url">{t("settingsScreen.account.customUrl")}</label>
              <input
                id="settings-custom-url"
                value={customUrl}
                onChange={(e) => {
                  setCustomUrl(e.target.value);
                }}
                aria-invalid={invalid("customUrl")}
                aria-describedby="err-customUrl"
                data-testid="settings-custom-url"
              />
              {fieldError("customUrl")}
            </div>
          )}
          <div className="settings-grid">
            <div className="field">
              <FieldLabel
                idea="secretId"
                htmlFor="settings-secret-id"
                hintId="hint-settings-secret-id"
              />
              <input
                id="settings-secret-id"
                autoComplete="off"
                spellCheck={false}
                value={secretId}
                onChange={(e) => {
                  setSecretId(e.target.value);
                }}
                onPaste={pasteTrimmed(setSecretId)}
                aria-invalid={invalid("secretId")}
                aria-describedby="hint-settings-secret-id err-secretId"
                data-testid="settings-secret-id"
              />
              {fieldError("secretId")}
              {warningsFor("secretId").map((w) => (
                <span key={w.code} className="field__warning" data-testid="settings-warning">
                  {warningText(w)}
                </span>
              ))}
            </div>
            <div className="field">
              <FieldLabel
                idea="secretKey"
                htmlFor="settings-secret-key"
                hintId="hint-settings-secret-key"
              />
              <input
                id="settings-secret-key"
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={secretKey}
                placeholder={view.keySaved ? t("settingsScreen.account.keySavedPlaceholder") : ""}
                onChange={(e) => {
                  setSecretKey(e.target.value);
                }}
                onPaste={pasteTrimmed(setSecretKey)}
                aria-invalid={invalid("secretKey")}
                aria-describedby="hint-settings-secret-key err-secretKey settings-key-store"
                data-testid="settings-secret-key"
              />
              {fieldError("secretKey")}
              {warningsFor("secretKey").map((w) => (
                <span key={w.code} className="field__warning" data-testid="settings-warning">
                  {warningText(w)}
                </span>
              ))}
            </div>
            <div className="field">
              <FieldLabel idea="token" htmlFor="settings-token" hintId="hint-settings-token" />
              <input
                id="settings-token"
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={token}
                placeholder={view.tokenSaved ? t("settingsScreen.account.keySavedPlaceholder") : ""}
                onChange={(e) => {
                  setToken(e.target.value);
                }}
                onPaste={pasteTrimmed(setToken)}
                aria-invalid={invalid("token")}
                aria-describedby="hint-settings-token err-token"
                data-testid="settings-token"
              />
              {fieldError("token")}
            </div>
          </div>
          {warningsFor("unusual").map((w, i) => (
            <span key={i} className="field__warning" data-testid="settings-warning">
              {warningText(w)}
            </span>
          ))}
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
                      setClearToken(e.target.checked);
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
                  onClick={() => void forgetKey()}
                  data-testid="settings-forget-key"
                >
                  {t("settingsScreen.account.forgetKey")}
                </button>
              )}
            </div>
          )}

          <h3>{t("settingsScreen.defaults.title")}</h3>
          <DefaultsFields site={site} value={defaults} onChange={setDefaults} errorFor={errorFor} />

          <fieldset className="field">
            <legend>{t("settingsScreen.proxy.title")}</legend>
            <div className="choice-row">
              {(["system", "none", "manual"] as const).map((m) => (
                <label key={m}>
                  <input
                    type="radio"
                    name="proxy"
                    checked={proxyMode === m}
                    onChange={() => {
                      setProxyMode(m);
                    }}
                    data-testid={`proxy-${m}`}
                  />
                  {t(`settingsScreen.proxy.${m}`)}
                </label>
              ))}
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
                  setProxyUrl(e.target.value);
                }}
                aria-invalid={invalid("proxyUrl")}
                aria-describedby={
                  proxyCredentialsShown ? "err-proxyUrl settings-proxy-credentials" : "err-proxyUrl"
                }
                data-testid="settings-proxy-url"
              />
              {proxyCredentialsShown && (
                <p
                  id="settings-proxy-credentials"
                  className="muted"
                  data-testid="settings-proxy-credentials"
                >
                  {t("settingsScreen.proxy.credentialsSaved")}
                </p>
              )}
              {fieldError("proxyUrl")}
            </div>
          )}

          {saveError && fieldOf === null && (
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
            setDefaults({ ...defaults, sdkAppId: String(id) });
          }}
          onUseSite={(s) => {
            setSite(s);
          }}
        />
      </section>
    </>
  );
}

function TestOutcome({
  test,
  onUseApp,
  onUseSite,
}: {
  test: Test;
  onUseApp: (sdkAppId: number) => void;
  onUseSite: (site: Site) => void;
}): ReactElement | null {
  const { t } = useTranslation();
  if (test.status === "ok") {
    const { apps, clockOffsetSeconds } = test.result;
    const clockOff =
      clockOffsetSeconds !== null && offsetMinutes(clockOffsetSeconds) !== null
        ? describeTencent(t, "AuthFailure.SignatureExpire", { clockOffsetSeconds }).title
        : null;
    return (
      <div role="status" data-testid="settings-test-ok">
        <p>{t("settingsScreen.testOk", { count: apps.length })}</p>
        {clockOff !== null && (
          <p className="field__warning" data-testid="settings-clock-warning">
            {clockOff} {t("apiErrors.clockCorrected")}
          </p>
        )}
        <ul className="app-list" data-testid="settings-test-apps">
          {apps.map((app) => (
            <li key={app.sdkAppId}>
              <strong>{app.name ?? t("settingsScreen.unnamedApp")}</strong>{" "}
              <span className="mono">{app.sdkAppId}</span>{" "}
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  onUseApp(app.sdkAppId);
                }}
                data-testid={`use-app-${app.sdkAppId}`}
              >
                {t("settingsScreen.useApp")}
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (test.status === "error") {
    const { error } = test;
    const other = detailString(error, "otherSite");
    const accepts = detailBool(error, "otherSiteAccepts");
    const otherSite: Site | null = other === "china" || other === "international" ? other : null;
    // When the other site accepts the key, the notice's own sentence says so ("This key belongs
    // to the China site"); the button makes the switch one click.
    return (
      <ErrorNotice error={error} testId="settings-test-error">
        {error.code === "auth_failed" && otherSite !== null && (
          <p data-testid="settings-other-site">
            {accepts === true ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  onUseSite(otherSite);
                }}
                data-testid="settings-use-other-site"
              >
                {t("settingsScreen.useOtherSite", { site: t(`settingsScreen.site.${otherSite}`) })}
              </button>
            ) : accepts === false ? (
              t("settingsScreen.otherSiteRejects", { site: t(`settingsScreen.site.${otherSite}`) })
            ) : (
              t("settingsScreen.otherSiteUnknown", { site: t(`settingsScreen.site.${otherSite}`) })
            )}
          </p>
        )}
      </ErrorNotice>
    );
  }
  return null;
}
