import { useId, type ReactElement, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { ImportPreview } from "../../../bindings/ImportPreview";
import { StepPanel } from "./StepPanel";

/** Encodings offered for the override (WHATWG labels). */
export const ENCODINGS = [
  "UTF-8",
  "gb18030",
  "GBK",
  "Big5",
  "UTF-16LE",
  "UTF-16BE",
  "Shift_JIS",
  "windows-1252",
] as const;

/**
 * Step 2: the file as read (its encoding or worksheet, changeable) and which of its first rows
 * is the header row, if any.
 */
export function HeaderStep({
  panel,
  preview,
  headerRow,
  busy,
  onReread,
  onHeaderRow,
  onBack,
  onNext,
}: {
  panel: RefObject<HTMLDivElement | null>;
  preview: ImportPreview;
  headerRow: number | null;
  busy: boolean;
  onReread: (read: { encoding?: string; sheet?: string }) => void;
  onHeaderRow: (line: number | null) => void;
  onBack: () => void;
  onNext: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const ids = useId();
  return (
    <StepPanel panel={panel} step="header">
      <div className="wizard__row">
        <strong data-testid="source-name">{preview.sourceName}</strong>
        <span className="muted">{t("importWizard.totalRows", { count: preview.totalRows })}</span>
        {preview.encoding !== null && (
          <label>
            {t("importWizard.encoding")}{" "}
            <select
              value={preview.encoding.name}
              data-testid="encoding-select"
              onChange={(e) => {
                onReread({ encoding: e.target.value });
              }}
            >
              {[
                preview.encoding.name,
                ...ENCODINGS.filter((x) => x !== preview.encoding?.name),
              ].map((enc) => (
                <option key={enc} value={enc}>
                  {enc}
                </option>
              ))}
            </select>{" "}
            <span className="tag" data-testid="encoding-detection">
              {t(`importWizard.detection.${preview.encoding.detection}`)}
            </span>
          </label>
        )}
        {preview.sheets.length > 0 && (
          <label>
            {t("importWizard.sheet")}{" "}
            <select
              value={preview.sheet ?? ""}
              data-testid="sheet-select"
              onChange={(e) => {
                onReread({ sheet: e.target.value });
              }}
            >
              {preview.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {preview.issues.map((f, i) => (
        <p key={i} className={`finding finding--${f.severity}`}>
          {f.message}
        </p>
      ))}
      <fieldset className="wizard__fieldset">
        <legend>{t("importWizard.headerQuestion")}</legend>
        <div className="raw-table" role="radiogroup" aria-label={t("importWizard.headerQuestion")}>
          {preview.rows.map((r) => (
            <label
              key={r.line}
              className="raw-table__row"
              data-testid={`raw-row-${String(r.line)}`}
            >
              <input
                type="radio"
                name={`${ids}-header`}
                checked={headerRow === r.line}
                data-testid={`header-row-${String(r.line)}`}
                onChange={() => {
                  onHeaderRow(r.line);
                }}
              />
              <span className="mono muted raw-table__line">{r.line}</span>
              {r.cells.slice(0, 8).map((c, i) => (
                <span key={i} className="raw-table__cell" title={c}>
                  {c}
                </span>
              ))}
            </label>
          ))}
          <label className="raw-table__row">
            <input
              type="radio"
              name={`${ids}-header`}
              checked={headerRow === null}
              data-testid="header-row-none"
              onChange={() => {
                onHeaderRow(null);
              }}
            />
            <span>{t("importWizard.noHeader")}</span>
          </label>
        </div>
      </fieldset>
      <div className="wizard__row">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t("importWizard.back")}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          data-testid="header-next"
          onClick={onNext}
        >
          {t("importWizard.next")}
        </button>
      </div>
    </StepPanel>
  );
}
