import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "../i18n";
import type { Language } from "../bindings/Language";
import { GlobeIcon } from "./icons";

const NAME_KEY = {
  en: "language.names.en",
  "zh-CN": "language.names.zhCN",
} as const satisfies Record<Language, string>;

/** Two-option switch; each option is written in its own language so anyone can find theirs. */
export function LanguageSwitch({
  value,
  onChange,
}: {
  value: Language;
  onChange: (language: Language) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div
      className="language-switch"
      role="group"
      aria-label={t("language.label")}
      data-testid="language-switch"
    >
      <GlobeIcon size={16} />
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={value === language}
          data-testid={`language-option-${language}`}
          onClick={() => {
            if (value !== language) onChange(language);
          }}
        >
          {t(NAME_KEY[language])}
        </button>
      ))}
    </div>
  );
}
