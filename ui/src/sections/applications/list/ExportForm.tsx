import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationQuery } from "../../../bindings/ApplicationQuery";
import { toIpcError } from "../../../ipc";
import { applicationsExport } from "../../../ipc/applications";
import { chooseSavePath } from "../../../ipc/files";
import type { ExportTarget, Problem } from "./useApplicationsList";

/**
 * Export the applications the list's filters and search match (every page), as XLSX or CSV: to
 * a file chosen in the OS save dialog, or to a path typed in.
 */
export function ExportForm({
  query,
  target,
  onTarget,
  onProblem,
  onExported,
  onCancel,
}: {
  query: ApplicationQuery;
  target: ExportTarget;
  onTarget: (target: ExportTarget) => void;
  onProblem: (problem: Problem | null) => void;
  /** Written: what was written where, in words. */
  onExported: (status: string) => void;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const { format, path } = target;

  function fail(e: unknown): void {
    onProblem({ headline: t("applicationsList.exportFailed"), error: toIpcError(e) });
  }

  function exportTo(to: string): Promise<void> {
    return applicationsExport(to, format, { ...query, offset: 0 }).then((count) => {
      onExported(t("applicationsList.exported", { count, path: to }));
    });
  }

  function exportWithDialog(): void {
    onProblem(null);
    chooseSavePath(`${t("applicationsList.fileName")}.${format}`, {
      name: t(`applicationsList.formats.${format}`),
      extensions: [format],
    })
      .then((chosen) => (chosen === null ? undefined : exportTo(chosen)))
      .catch(fail);
  }

  return (
    <form
      className="apps-export"
      aria-label={t("applicationsList.exportTitle")}
      data-testid="applications-export-form"
      onSubmit={(e) => {
        e.preventDefault();
        onProblem(null);
        exportTo(path.trim()).catch(fail);
      }}
    >
      <p className="apps-export__title">{t("applicationsList.exportTitle")}</p>
      <label>
        {t("applicationsList.exportFormat")}
        <select
          value={format}
          data-testid="applications-export-format"
          onChange={(e) => {
            onTarget({ ...target, format: e.target.value === "csv" ? "csv" : "xlsx" });
          }}
        >
          <option value="xlsx">{t("applicationsList.formats.xlsx")}</option>
          <option value="csv">{t("applicationsList.formats.csv")}</option>
        </select>
      </label>
      <button
        type="button"
        className="button button--secondary"
        data-testid="applications-export-dialog"
        onClick={exportWithDialog}
      >
        {t("applicationsList.exportChoose")}
      </button>
      <label className="apps-export__path">
        {t("applicationsList.exportPath")}
        <input
          value={path}
          data-testid="applications-export-path"
          onChange={(e) => {
            onTarget({ ...target, path: e.target.value });
          }}
        />
      </label>
      <button
        type="submit"
        className="button"
        disabled={path.trim() === ""}
        data-testid="applications-export-save"
      >
        {t("applicationsList.exportSave")}
      </button>
      <button type="button" className="link-button" onClick={onCancel}>
        {t("applicationsList.exportCancel")}
      </button>
    </form>
  );
}
