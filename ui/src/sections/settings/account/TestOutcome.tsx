import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { Site } from "../../../bindings/Site";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { describeTencent, isTencentDetails, offsetMinutes } from "../../../errors";
import type { Test } from "../useSettings";

/**
 * How "Test connection" went: the account's SdkAppIds by name, each one click from being the
 * default (and a clock that is off); or why it failed — with the other site one click away when
 * the key belongs there.
 */
export function TestOutcome({
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
    const tencent = isTencentDetails(error.details) ? error.details : null;
    const other = tencent?.otherSite;
    const accepts = tencent?.otherSiteAccepts ?? null;
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
