import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "./bindings/Language";
import en from "./locales/en.json";
import zhCN from "./locales/zh-CN.json";

// Assigning through `typeof en` makes tsc reject a Chinese file that lacks an English key;
// src/locales/locales.test.ts checks the other direction and the placeholders.
const zhCNChecked: typeof en = zhCN;

export const resources = {
  en: { translation: en },
  "zh-CN": { translation: zhCNChecked },
} as const;

/** Every language the UI ships, in the order the language switch shows them. */
export const LANGUAGES = ["en", "zh-CN"] as const satisfies readonly Language[];

/** First-run language: any Chinese browser locale (zh, zh-CN, zh-Hans-…) → zh-CN, else en. */
export function detectLanguage(navigatorLanguage: string | undefined): Language {
  return navigatorLanguage?.toLowerCase().startsWith("zh") === true ? "zh-CN" : "en";
}

/** Maps i18next's current language string back onto the Language union. */
export function asLanguage(value: string | undefined): Language {
  return value === "zh-CN" ? "zh-CN" : "en";
}

/**
 * A fresh, synchronously initialised i18next instance (resources are bundled, nothing is
 * fetched). One per app root, so tests never share language state.
 */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: "en",
    supportedLngs: LANGUAGES,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes rendered text already.
    returnNull: false,
  });
  return instance;
}
