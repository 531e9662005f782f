import { useEffect, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../../bindings/IpcError";
import type { WatchSettings } from "../../bindings/WatchSettings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { toIpcError } from "../../ipc";
import { watchSettingsGet, watchSettingsSet } from "../../ipc/watch";

/** Longest waits offered, in minutes. */
const LONGEST = [15, 60, 240, 1440];

/** Settings → Approval watch: on/off and the longest wait between two checks. */
export function WatchSettingsControl(): ReactElement {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<WatchSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let live = true;
    watchSettingsGet()
      .then((s) => {
        if (live) setSettings(s);
      })
      .catch((e: unknown) => {
        if (live) setError(toIpcError(e));
      });
    return () => {
      live = false;
    };
  }, []);

  function save(next: WatchSettings): void {
    setSettings(next);
    setSaved(false);
    setError(null);
    watchSettingsSet(next)
      .then((s) => {
        setSettings(s);
        setSaved(true);
      })
      .catch((e: unknown) => {
        setError(toIpcError(e));
      });
  }

  const label = (m: number): string =>
    m % 60 === 0
      ? t("settingsScreen.watch.hours", { count: m / 60 })
      : t("settingsScreen.watch.minutes", { count: m });

  return (
    <fieldset className="sandbox-faults" data-testid="watch-settings">
      <legend>{t("settingsScreen.watch.title")}</legend>
      <label className="check-row">
        <input
          type="checkbox"
          checked={settings?.enabled ?? true}
          disabled={settings === null}
          data-testid="watch-enabled"
          onChange={(e) => {
            if (settings !== null) save({ ...settings, enabled: e.target.checked });
          }}
        />
        {t("settingsScreen.watch.enabled")}
      </label>
      <label htmlFor="watch-longest">{t("settingsScreen.watch.longest")}</label>
      <div className="sandbox-faults__row">
        <select
          id="watch-longest"
          value={String(settings?.maxIntervalMinutes ?? 60)}
          disabled={!(settings?.enabled ?? false)}
          data-testid="watch-longest"
          onChange={(e) => {
            if (settings !== null)
              save({ ...settings, maxIntervalMinutes: Number(e.target.value) });
          }}
        >
          {settings !== null && !LONGEST.includes(settings.maxIntervalMinutes) && (
            <option value={String(settings.maxIntervalMinutes)}>
              {label(settings.maxIntervalMinutes)}
            </option>
          )}
          {LONGEST.map((m) => (
            <option key={m} value={String(m)}>
              {label(m)}
            </option>
          ))}
        </select>
        <span className="muted" role="status" data-testid="watch-settings-status">
          {saved ? t("settingsScreen.watch.saved") : ""}
        </span>
      </div>
      <p className="muted">{t("settingsScreen.watch.hint")}</p>
      {error !== null && <ErrorNotice error={error} testId="watch-settings-error" />}
    </fieldset>
  );
}
