import { useEffect, useId, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../../bindings/IpcError";
import type { Theme } from "../../bindings/Theme";
import { ErrorNotice } from "../../components/ErrorNotice";
import { preferencesGet, preferencesSetTheme, toIpcError } from "../../ipc";
import { applyTheme } from "../../theme";

const THEMES: readonly Theme[] = ["system", "light", "dark"];

/** Settings → Appearance: light, dark, or as the system is set; applied at once and saved. */
export function ThemeChoice(): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const [theme, setTheme] = useState<Theme | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let current = true;
    preferencesGet().then(
      (p) => {
        if (current) setTheme(p.theme);
      },
      (e: unknown) => {
        if (current) setError(toIpcError(e));
      },
    );
    return () => {
      current = false;
    };
  }, []);

  function choose(next: Theme): void {
    setTheme(next);
    applyTheme(next);
    preferencesSetTheme(next).then(
      () => {
        setError(null);
      },
      (e: unknown) => {
        setError(toIpcError(e));
      },
    );
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="theme-choice">
      <div className="panel__header">
        <h2 id={`${id}-title`}>{t("settingsScreen.theme.title")}</h2>
      </div>
      <div className="field theme-choice">
        <label htmlFor={id}>{t("settingsScreen.theme.label")}</label>
        <select
          id={id}
          value={theme ?? "system"}
          disabled={theme === null}
          onChange={(e) => {
            choose(e.target.value as Theme);
          }}
          data-testid="theme-select"
        >
          {THEMES.map((th) => (
            <option key={th} value={th}>
              {t(`settingsScreen.theme.${th}`)}
            </option>
          ))}
        </select>
      </div>
      {error !== null && <ErrorNotice error={error} testId="theme-error" />}
    </section>
  );
}
