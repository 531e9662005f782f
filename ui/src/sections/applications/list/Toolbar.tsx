import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";

/** Search, Refresh status, a new draft from the selected failed applications, and Export. */
export function Toolbar({
  searchText,
  onSearchText,
  refreshing,
  canRefresh,
  onRefresh,
  failedSelected,
  onDraftFromFailed,
  exporting,
  onToggleExport,
}: {
  searchText: string;
  onSearchText: (text: string) => void;
  refreshing: boolean;
  /** The list shows the active connection's applications (the others cannot be asked about). */
  canRefresh: boolean;
  onRefresh: () => void;
  failedSelected: number;
  onDraftFromFailed: () => void;
  exporting: boolean;
  onToggleExport: () => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="apps-toolbar">
      <label className="apps-search">
        <span className="visually-hidden">{t("applicationsList.searchLabel")}</span>
        <input
          type="search"
          value={searchText}
          placeholder={t("applicationsList.searchPlaceholder")}
          aria-label={t("applicationsList.searchLabel")}
          data-testid="applications-search"
          onChange={(e) => {
            onSearchText(e.target.value);
          }}
        />
      </label>
      <button
        type="button"
        className="button"
        data-testid="applications-refresh"
        disabled={refreshing || !canRefresh}
        title={t("applicationsList.refreshHint")}
        onClick={onRefresh}
      >
        {refreshing ? t("applicationsList.refreshing") : t("applicationsList.refresh")}
      </button>
      <button
        type="button"
        className="button button--secondary"
        data-testid="applications-draft-from-failed"
        disabled={failedSelected === 0}
        title={t("applicationsList.draftFromFailedHint")}
        onClick={onDraftFromFailed}
      >
        {t("applicationsList.draftFromFailed", { count: failedSelected })}
      </button>
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={exporting}
        data-testid="applications-export"
        onClick={onToggleExport}
      >
        {t("applicationsList.export")}
      </button>
    </div>
  );
}
