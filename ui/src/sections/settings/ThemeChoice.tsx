import { useId, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../../bindings/IpcError";
import type { Theme } from "../../bindings/Theme";
import { ErrorNotice } from "../../components/ErrorNotice";
import { preferencesSetTheme, toIpcError } from "../../ipc";

const THEMES: readonly Theme[] = ["system", "light", "dark"];

/**
 * Settings → Appearance: light, dark, or as the system is set; applied at once and saved. The
 * theme shown is the one the app read with its other preferences at start (`theme`; null when
 * they could not be read: the choice waits); `onChange` applies a new one.
 */
export function ThemeChoice({
  theme,
  onChange,
}: {
  theme: Theme | null;
  onChange: (theme: Theme) => void;
}): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const [error, setError] = useState<IpcError | null>(null);

  function choose(next: Theme): void {
    onChange(next);
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
