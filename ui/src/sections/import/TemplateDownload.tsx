import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../../bindings/IpcError";
import type { TemplateFormat } from "../../bindings/TemplateFormat";
import { asLanguage } from "../../i18n";
import { toIpcError } from "../../ipc";
import { chooseSavePath, templateSave } from "../../ipc/files";

/**
 * "Download the template": the OS save dialog, then the template written by Rust in the UI's
 * language (Excel with text-formatted number columns and dropdowns, or a CSV with headers only).
 */
export function TemplateDownload({ testId }: { testId: string }): ReactElement {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  function download(format: TemplateFormat): void {
    const lang = asLanguage(i18n.language);
    setError(null);
    setStatus(null);
    setBusy(true);
    chooseSavePath(`${t("files.templateFileName")}.${format}`, {
      name: t(`files.templateFormats.${format}`),
      extensions: [format],
    })
      .then(async (path) => {
        if (path === null) return;
        await templateSave(path, format, lang);
        setStatus(t("files.templateSaved", { path }));
      })
      .catch((e: unknown) => {
        setError(toIpcError(e));
      })
      .finally(() => {
        setBusy(false);
      });
  }

  return (
    <div className="template-download" data-testid={testId}>
      <span className="template-download__label">{t("files.templateLabel")}</span>
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        data-testid={`${testId}-xlsx`}
        onClick={() => {
          download("xlsx");
        }}
      >
        {t("files.templateXlsx")}
      </button>
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        data-testid={`${testId}-csv`}
        onClick={() => {
          download("csv");
        }}
      >
        {t("files.templateCsv")}
      </button>
      {status !== null && (
        <p
          role="status"
          className="muted template-download__status"
          data-testid={`${testId}-saved`}
        >
          {status}
        </p>
      )}
      {error !== null && (
        <p role="alert" className="error-text" data-testid={`${testId}-error`}>
          {error.message}
        </p>
      )}
    </div>
  );
}
