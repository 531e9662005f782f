import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { AppInfoState } from "../hooks/useAppInfo";
import type { Language } from "../bindings/Language";
import { EndpointBadge } from "./EndpointBadge";
import { LogoIcon } from "./icons";
import { LanguageSwitch } from "./LanguageSwitch";

export function Header({
  appInfo,
  language,
  onLanguageChange,
}: {
  appInfo: AppInfoState;
  language: Language;
  onLanguageChange: (language: Language) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="brand" data-testid="app-name">
        <LogoIcon size={22} />
        <span>{t("app.name")}</span>
      </div>
      <EndpointBadge state={appInfo} />
      <div className="header-spacer" />
      <LanguageSwitch value={language} onChange={onLanguageChange} />
    </header>
  );
}
