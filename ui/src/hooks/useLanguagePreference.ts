import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { asLanguage } from "../i18n";
import { applyTheme } from "../theme";
import { preferencesGet, preferencesSetLanguage, toIpcError } from "../ipc";
import type { IpcError } from "../bindings/IpcError";
import type { Language } from "../bindings/Language";
import type { Theme } from "../bindings/Theme";

export type PreferenceProblem = { kind: "load" | "save"; error: IpcError };

export type LanguagePreference = {
  /** False until the saved preference has been read (or reading it failed). */
  ready: boolean;
  language: Language;
  /** Switches the UI at once and saves the choice. */
  setLanguage: (language: Language) => void;
  problem: PreferenceProblem | null;
  dismissProblem: () => void;
  /** The first-run welcome was dismissed (read with the language, from the database). */
  welcomeDismissed: boolean;
  /** Light, dark or as the system is set (read with the language); null if it could not be read. */
  theme: Theme | null;
  /** Applies a theme at once and remembers it for this session (Appearance saves it). */
  setTheme: (theme: Theme) => void;
};

/**
 * The UI language. The i18n instance starts in the language detected from the system; a saved
 * preference overrides it. Nothing is saved until the user picks a language themselves. The
 * same one read of the preferences gives the theme (applied at once) and the welcome's state.
 */
export function useLanguagePreference(): LanguagePreference {
  const { i18n } = useTranslation();
  const [ready, setReady] = useState(false);
  const [welcomeDismissed, setWelcomeDismissed] = useState(false);
  const [theme, setThemeState] = useState<Theme | null>(null);
  const [problem, setProblem] = useState<PreferenceProblem | null>(null);

  useEffect(() => {
    let current = true;
    preferencesGet().then(
      (prefs) => {
        if (!current) return;
        // Bundled resources: the switch takes effect synchronously, before the first paint.
        if (prefs.language !== null) void i18n.changeLanguage(prefs.language);
        applyTheme(prefs.theme);
        setThemeState(prefs.theme);
        setWelcomeDismissed(prefs.welcomeDismissed);
        setReady(true);
      },
      (e: unknown) => {
        if (!current) return;
        setProblem({ kind: "load", error: toIpcError(e) });
        setReady(true);
      },
    );
    return () => {
      current = false;
    };
  }, [i18n]);

  const language = asLanguage(i18n.language);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback(
    (next: Language) => {
      setProblem(null);
      void i18n.changeLanguage(next);
      preferencesSetLanguage(next).catch((e: unknown) => {
        setProblem({ kind: "save", error: toIpcError(e) });
      });
    },
    [i18n],
  );

  const dismissProblem = useCallback(() => {
    setProblem(null);
  }, []);

  const setTheme = useCallback((next: Theme) => {
    setThemeState(next);
    applyTheme(next);
  }, []);

  return {
    ready,
    language,
    setLanguage,
    problem,
    dismissProblem,
    welcomeDismissed,
    theme,
    setTheme,
  };
}
