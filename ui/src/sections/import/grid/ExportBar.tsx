import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ExportFormat } from "../../../bindings/ExportFormat";
import { chooseSavePath } from "../../../ipc/files";
import { draftExport } from "../../../ipc/wizard";

/**
 * Export the draft's rows with their findings, as XLSX or CSV: to a file chosen in the OS save
 * dialog, or to a path typed in.
 */
export function ExportBar({
  draftName,
  onRun,
  onStatus,
}: {
  draftName: string;
  /** Runs an action, showing its failure. */
  onRun: (action: Promise<unknown>) => void;
  onStatus: (status: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const [target, setTarget] = useState<{ format: ExportFormat; path: string }>({
    format: "xlsx",
    path: "",
  });
  const { format, path } = target;

  function exportTo(to: string): Promise<void> {
    return draftExport(to, format).then((n) => {
      onStatus(t("importWizard.grid.exported", { count: n, path: to }));
    });
  }

  /** The OS save dialog proposes "<draft name> findings.<ext>"; Rust writes the file. */
  function exportWithDialog(): void {
    const base = draftName.replace(/\.(csv|tsv|txt|xlsx|xls)$/i, "");
    onRun(
      chooseSavePath(`${base} ${t("files.findingsSuffix")}.${format}`, {
        name: t(`importWizard.grid.formats.${format}`),
        extensions: [format],
      }).then((chosen) => (chosen === null ? undefined : exportTo(chosen))),
    );
  }

  return (
    <div className="review__tools">
      <label>
        {t("importWizard.grid.exportFormat")}
        <select
          value={format}
          data-testid="export-format"
          onChange={(e) => {
            setTarget({ ...target, format: e.target.value === "csv" ? "csv" : "xlsx" });
          }}
        >
          <option value="xlsx">{t("importWizard.grid.formats.xlsx")}</option>
          <option value="csv">{t("importWizard.grid.formats.csv")}</option>
        </select>
      </label>
      <button
        type="button"
        className="button button--secondary"
        data-testid="export-dialog"
        onClick={exportWithDialog}
      >
        {t("files.exportChoose")}
      </button>
      <label>
        {t("importWizard.grid.exportPath")}
        <input
          className="path-input"
          value={path}
          data-testid="export-path"
          onChange={(e) => {
            setTarget({ ...target, path: e.target.value });
          }}
        />
      </label>
      <button
        type="button"
        className="button button--secondary"
        disabled={path.trim() === ""}
        data-testid="export-button"
        onClick={() => {
          onRun(exportTo(path.trim()));
        }}
      >
        {t("importWizard.grid.export")}
      </button>
    </div>
  );
}
