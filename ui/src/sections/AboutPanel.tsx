import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { ErrorFacts } from "../components/ErrorFacts";
import { ErrorIcon } from "../components/icons";
import { endpointName } from "../endpoint";
import { describeError } from "../errors";
import { Licenses } from "./support/Licenses";
import { SupportBundle } from "./support/SupportBundle";
import { Updates } from "./support/Updates";
import type { AppInfoState } from "../hooks/useAppInfo";
import type { TFunction } from "i18next";
import type { AppInfo } from "../bindings/AppInfo";

type Row = { key: keyof typeof LABELS; testId: string; value: string; mono?: boolean };

const LABELS = {
  name: "settings.about.fields.name",
  version: "settings.about.fields.version",
  dataDir: "settings.about.fields.dataDir",
  databasePath: "settings.about.fields.databasePath",
  sqliteVersion: "settings.about.fields.sqliteVersion",
  tauriVersion: "settings.about.fields.tauriVersion",
  os: "settings.about.fields.os",
  arch: "settings.about.fields.arch",
  endpoint: "settings.about.fields.endpoint",
  endpointUrl: "settings.about.fields.endpointUrl",
} as const;

function rows(t: TFunction, info: AppInfo): Row[] {
  return [
    { key: "name", testId: "about-name", value: info.name },
    { key: "version", testId: "about-version", value: info.version },
    { key: "dataDir", testId: "about-data-dir", value: info.dataDir, mono: true },
    { key: "databasePath", testId: "about-database-path", value: info.databasePath, mono: true },
    { key: "sqliteVersion", testId: "about-sqlite-version", value: info.sqliteVersion },
    { key: "tauriVersion", testId: "about-tauri-version", value: info.tauriVersion },
    { key: "os", testId: "about-os", value: info.os },
    { key: "arch", testId: "about-arch", value: info.arch },
    { key: "endpoint", testId: "about-endpoint", value: endpointName(t, info.endpoint) },
    { key: "endpointUrl", testId: "about-endpoint-url", value: info.endpoint.url, mono: true },
  ];
}

/** Settings → About: what is installed where, straight from `app_info`. */
export function AboutPanel({
  state,
  onRetry,
}: {
  state: AppInfoState;
  onRetry: () => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="settings-about-title" data-testid="settings-about">
      <div className="panel__header">
        <h2 id="settings-about-title">{t("settings.about.title")}</h2>
      </div>

      {state.status === "loading" && (
        <p
          className="panel__text muted"
          role="status"
          aria-live="polite"
          data-testid="about-loading"
        >
          <span className="spinner" aria-hidden="true" />
          {t("settings.about.loading")}
        </p>
      )}

      {state.status === "error" && (
        <div className="error-box" role="alert" data-testid="about-error">
          <ErrorIcon size={20} />
          <div>
            <p className="error-box__title">{t("settings.about.errorTitle")}</p>
            <p data-testid="about-error-summary">{describeError(t, state.error)}</p>
            <ErrorFacts error={state.error} testIdPrefix="about-error" />
            {state.error.details !== null && (
              <details>
                <summary>{t("settings.about.technicalDetails")}</summary>
                <pre data-testid="about-error-details">
                  {JSON.stringify(state.error.details, null, 2)}
                </pre>
              </details>
            )}
            <button
              type="button"
              className="button button--secondary"
              data-testid="about-retry"
              onClick={onRetry}
            >
              {t("settings.about.retry")}
            </button>
          </div>
        </div>
      )}

      {state.status === "ready" && (
        <dl className="about-list">
          {rows(t, state.info).map((row) => (
            <div className="about-row" key={row.key}>
              <dt>{t(LABELS[row.key])}</dt>
              <dd
                className={row.mono === true ? "mono" : undefined}
                data-testid={row.testId}
                {...(row.key === "endpoint"
                  ? { "data-endpoint-kind": state.info.endpoint.kind }
                  : {})}
              >
                {row.value}
              </dd>
            </div>
          ))}
        </dl>
      )}

      <Updates />
      <SupportBundle />
      <Licenses />
    </section>
  );
}
