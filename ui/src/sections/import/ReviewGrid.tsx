// Over 500 lines: the grid, its bulk bar and its row editor share the page state; splitting them
// into parts with one job each (and the editor's state into one reducer) is open in issue #17.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ExportFormat } from "../../bindings/ExportFormat";
import type { GridRow } from "../../bindings/GridRow";
import type { IpcError } from "../../bindings/IpcError";
import { ErrorNotice } from "../../components/ErrorNotice";
import type { RowFilter } from "../../bindings/RowFilter";
import type { WorkbenchSummary } from "../../bindings/WorkbenchSummary";
import { toIpcError } from "../../ipc";
import { chooseSavePath } from "../../ipc/files";
import {
  draftBulkSet,
  draftDeleteRows,
  draftEditRow,
  draftExport,
  draftOpen,
  importRowsPage,
} from "../../ipc/wizard";
import { asLanguage } from "../../i18n";
import { NumberFormsNotice } from "./NumberFormsNotice";
import { CALLEE_FORMATS, CallFields, EMPTY_CALL_FIELDS, calleeFormatToSend } from "./CallFields";
import { FIELD_IDEA, FieldLabel, useFieldText } from "../../components/FieldLabel";
import { useSubmitNav } from "../submit/SubmitHost";

/** Rows fetched per request: the grid only asks for the pages it shows. */
export const PAGE_SIZE = 100;
/** Height of one row in pixels (fixed, so positions are computed, not measured). */
export const ROW_HEIGHT = 36;
const OVERSCAN = 5;

type Page = { version: number; rows: GridRow[] };
type Edit = {
  index: number;
  phone: string;
  callType: string;
  maxCount: string;
  maxPsec: string;
  calleeFormat: string;
  carrier: string;
};

/** The editable cells of a row being edited, in column order. */
const EDIT_CELLS = [
  { key: "phone", field: "PhoneNumber", testId: "edit-phone" },
  { key: "callType", field: "CallType", testId: "edit-call-type" },
  { key: "maxCount", field: "MaxCallCount", testId: "edit-max-count" },
  { key: "maxPsec", field: "MaxCallPSec", testId: "edit-max-psec" },
] as const;

const CALL_TYPE_KEYS = {
  0: "importWizard.callTypes.0",
  1: "importWizard.callTypes.1",
  2: "importWizard.callTypes.2",
} as const;

function matchingCount(summary: WorkbenchSummary, filter: RowFilter): number {
  if (filter === "errors") return summary.error_rows;
  if (filter === "warnings") return summary.warning_rows;
  return summary.total_rows;
}

function editOf(g: GridRow): Edit {
  return {
    index: g.index,
    phone: g.row.phone_number,
    callType: g.row.call_type === null ? "" : String(g.row.call_type),
    maxCount: g.row.max_call_count === null ? "" : String(g.row.max_call_count),
    maxPsec: g.row.max_call_psec === null ? "" : String(g.row.max_call_psec),
    calleeFormat: g.row.outbound_callee_format ?? "",
    carrier: g.row.carrier_phone_number ?? "",
  };
}

function optionalNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The review grid: a window over the open draft's rows. Only the rows in view (plus a few) are
 * in the DOM, and only the pages holding them are fetched, so 100,000 rows scroll smoothly.
 */
export function ReviewGrid({
  initial,
  viewportHeight = 432,
  initialFilter = "all",
}: {
  initial: WorkbenchSummary;
  viewportHeight?: number;
  /** The filter to open with (the submit screen links here with "errors"). */
  initialFilter?: RowFilter;
}): ReactElement {
  const submitNav = useSubmitNav();
  const { t, i18n } = useTranslation();
  const fieldText = useFieldText();
  const language = asLanguage(i18n.language);
  const shownIn = useRef(language);
  const [summary, setSummary] = useState(initial);
  const [filter, setFilter] = useState<RowFilter>(initialFilter);
  const [version, setVersion] = useState(0);
  const [pages, setPages] = useState<Record<number, Page>>({});
  const [scrollTop, setScrollTop] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [edit, setEdit] = useState<Edit | null>(null);
  /** The row whose findings are shown in full below the grid (the grid cell shows one line). */
  const [detail, setDetail] = useState<GridRow | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [bulk, setBulk] = useState(EMPTY_CALL_FIELDS);
  const [exportPath, setExportPath] = useState("");
  const [exportFormat, setExportFormat] = useState<ExportFormat>("xlsx");
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const inFlight = useRef(new Set<string>());
  const viewport = useRef<HTMLDivElement>(null);
  /** The first cell of the row being edited: it takes the focus when editing starts. */
  const firstEditCell = useRef<HTMLInputElement>(null);
  /** The row whose Edit button gets the focus back once its editing closes. */
  const returnTo = useRef<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened (from the wizard, Drafts or the submit screen's "fix the rows"), the grid takes the
  // focus: the control that opened it is gone, and the keyboard carries on from the draft's name.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const matching = matchingCount(summary, filter);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(
    matching,
    Math.floor(scrollTop / ROW_HEIGHT) + Math.ceil(viewportHeight / ROW_HEIGHT) + OVERSCAN,
  );
  const firstPage = Math.floor(first / PAGE_SIZE);
  const lastPage = last === 0 ? -1 : Math.floor((last - 1) / PAGE_SIZE);

  useEffect(() => {
    for (let p = firstPage; p <= lastPage; p++) {
      const have = pages[p];
      const key = `${filter}:${String(version)}:${String(p)}`;
      if (have?.version === version || inFlight.current.has(key)) continue;
      inFlight.current.add(key);
      importRowsPage(p * PAGE_SIZE, PAGE_SIZE, filter)
        .then((page) => {
          setPages((prev) => ({ ...prev, [p]: { version, rows: page.rows } }));
          setSummary(page.summary);
        })
        .catch((e: unknown) => {
          setError(toIpcError(e));
        })
        .finally(() => {
          inFlight.current.delete(key);
        });
    }
  }, [filter, version, firstPage, lastPage, pages]);

  // The findings were written in the language of the import: when the UI switches, the draft is
  // opened again in the new language (every change is already saved) and the rows re-read.
  const draftId = summary.draft_id;
  useEffect(() => {
    if (shownIn.current === language) return;
    shownIn.current = language;
    // A status line was written in the language it was shown in.
    setStatus(null);
    draftOpen(draftId, language)
      .then((s) => {
        setSummary(s);
        setVersion((v) => v + 1);
      })
      .catch((e: unknown) => {
        setError(toIpcError(e));
      });
  }, [language, draftId]);

  // Editing a row moves the focus into its first cell, with the value selected (typing
  // replaces it).
  const editingIndex = edit?.index ?? null;
  useEffect(() => {
    if (editingIndex === null) return;
    firstEditCell.current?.focus();
    firstEditCell.current?.select();
  }, [editingIndex]);

  // When the editing closes, the row's Edit button has the focus again; if the row left the
  // view (fixed under the errors filter) the first Edit button in view takes it. Until the
  // re-read pages arrived, unless the user has gone elsewhere meanwhile.
  useEffect(() => {
    const index = returnTo.current;
    const root = viewport.current;
    if (index === null || edit !== null || root === null) return;
    const active = document.activeElement;
    if (active === null || active === document.body || root.contains(active)) {
      const button =
        root.querySelector<HTMLElement>(`[data-edit-row="${String(index)}"]`) ??
        root.querySelector<HTMLElement>("[data-edit-row]");
      if (button !== null && active !== button) button.focus();
    } else {
      returnTo.current = null;
    }
    if (Object.values(pages).every((p) => p.version === version)) returnTo.current = null;
  });

  function closeEdit(index: number): void {
    returnTo.current = index;
    setEdit(null);
  }

  const visible = useMemo(() => {
    const out: { position: number; row: GridRow | undefined }[] = [];
    for (let i = first; i < last; i++) {
      out.push({ position: i, row: pages[Math.floor(i / PAGE_SIZE)]?.rows[i % PAGE_SIZE] });
    }
    return out;
  }, [first, last, pages]);

  function refresh(next?: WorkbenchSummary): void {
    if (next !== undefined) setSummary(next);
    setVersion((v) => v + 1);
  }

  function chooseFilter(f: RowFilter): void {
    setFilter(f);
    setPages({});
    setScrollTop(0);
    if (viewport.current !== null) viewport.current.scrollTop = 0;
    setSelected(new Set());
  }

  function run(action: Promise<unknown>): void {
    setError(null);
    action.catch((e: unknown) => {
      setError(toIpcError(e));
    });
  }

  function saveEdit(): void {
    if (edit === null) return;
    run(
      draftEditRow(edit.index, {
        phone_number: edit.phone,
        call_type: edit.callType,
        max_call_count: edit.maxCount,
        max_call_psec: edit.maxPsec,
        outbound_callee_format: edit.calleeFormat,
        carrier_phone_number: edit.carrier,
      }).then((row) => {
        closeEdit(edit.index);
        setDetail(row);
        setStatus(
          row.row.issues.some((f) => f.severity === "error")
            ? t("importWizard.grid.stillErrors")
            : t("importWizard.grid.rowFixed"),
        );
        refresh();
      }),
    );
  }

  /**
   * In an edited row, Enter saves and Escape leaves the row unchanged; either way the focus goes
   * back to the row's Edit button.
   */
  function editKeys(e: KeyboardEvent<HTMLElement>): void {
    if (e.key === "Enter") {
      e.preventDefault();
      saveEdit();
    }
    if (e.key === "Escape" && edit !== null) {
      e.preventDefault();
      closeEdit(edit.index);
    }
  }

  function applyBulk(): void {
    const callType = bulk.callType === "" ? undefined : bulk.callType;
    const maxCount = optionalNumber(bulk.maxCount);
    const maxPsec = optionalNumber(bulk.maxPsec);
    const carrier = bulk.carrier.trim();
    run(
      draftBulkSet([...selected], {
        ...(callType === undefined ? {} : { call_type: callType }),
        ...(maxCount === undefined ? {} : { max_call_count: maxCount }),
        ...(maxPsec === undefined ? {} : { max_call_psec: maxPsec }),
        ...(bulk.calleeFormat === ""
          ? {}
          : { outbound_callee_format: calleeFormatToSend(bulk.calleeFormat) }),
        ...(carrier === "" ? {} : { carrier_phone_number: carrier }),
      }).then((s) => {
        setStatus(t("importWizard.grid.bulkDone", { count: selected.size }));
        refresh(s);
      }),
    );
  }

  function deleteSelected(): void {
    run(
      draftDeleteRows([...selected]).then((s) => {
        setStatus(t("importWizard.grid.deleted", { count: selected.size }));
        setSelected(new Set());
        setConfirmDelete(false);
        refresh(s);
      }),
    );
  }

  function exportTo(path: string): Promise<void> {
    return draftExport(path, exportFormat).then((n) => {
      setStatus(t("importWizard.grid.exported", { count: n, path }));
    });
  }

  function exportRows(): void {
    run(exportTo(exportPath.trim()));
  }

  /** The OS save dialog proposes "<draft name> findings.<ext>"; Rust writes the file. */
  function exportWithDialog(): void {
    const base = summary.name.replace(/\.(csv|tsv|txt|xlsx|xls)$/i, "");
    run(
      chooseSavePath(`${base} ${t("files.findingsSuffix")}.${exportFormat}`, {
        name: t(`importWizard.grid.formats.${exportFormat}`),
        extensions: [exportFormat],
      }).then((path) => (path === null ? undefined : exportTo(path))),
    );
  }

  function toggle(index: number): void {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  }

  const filters: { id: RowFilter; count: number }[] = [
    { id: "all", count: summary.total_rows },
    { id: "errors", count: summary.error_rows },
    { id: "warnings", count: summary.warning_rows },
  ];

  return (
    <div className="review" data-testid="review-grid-panel">
      <div className="review__bar">
        <h2 ref={heading} tabIndex={-1} className="review__title" data-testid="review-name">
          {summary.name}
        </h2>
        <div className="review__filters" role="group" aria-label={t("importWizard.grid.filter")}>
          {filters.map((f) => (
            <button
              key={f.id}
              type="button"
              className="chip"
              aria-pressed={filter === f.id}
              data-testid={`filter-${f.id}`}
              onClick={() => {
                chooseFilter(f.id);
              }}
            >
              {t(`importWizard.grid.filters.${f.id}`)}{" "}
              <span data-testid={`count-${f.id}`}>{f.count.toLocaleString()}</span>
            </button>
          ))}
        </div>
        {submitNav !== null && (
          <button
            type="button"
            className="button review__submit"
            data-testid="draft-submit"
            onClick={() => {
              submitNav.openSubmit(summary.draft_id);
            }}
          >
            {t("submit.open")}
          </button>
        )}
      </div>
      {summary.file_issues.length > 0 && (
        <ul className="review__file-issues" data-testid="file-issues">
          {summary.file_issues.map((f, i) => (
            <li key={i} className={`finding finding--${f.severity}`}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
      <NumberFormsNotice
        summary={summary}
        onWritten={(next, message) => {
          setStatus(message);
          refresh(next);
        }}
        onError={(e: unknown) => {
          setError(toIpcError(e));
        }}
      />
      <div className="review__tools">
        <span className="muted" data-testid="selected-count">
          {t("importWizard.grid.selected", { count: selected.size })}
        </span>
        <CallFields
          value={bulk}
          onChange={setBulk}
          emptyLabel={t("importWizard.grid.keep")}
          clearLabel={t("importWizard.grid.clear")}
          testIdPrefix="bulk"
          compact
        />
        <button
          type="button"
          className="button button--secondary"
          disabled={selected.size === 0}
          data-testid="bulk-apply"
          onClick={applyBulk}
        >
          {t("importWizard.grid.applyToSelected")}
        </button>
        {confirmDelete ? (
          <>
            <button
              type="button"
              className="button button--danger"
              data-testid="delete-confirm"
              onClick={deleteSelected}
            >
              {t("importWizard.grid.confirmDelete", { count: selected.size })}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setConfirmDelete(false);
              }}
            >
              {t("importWizard.cancel")}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button--secondary"
            disabled={selected.size === 0}
            data-testid="delete-selected"
            onClick={() => {
              setConfirmDelete(true);
            }}
          >
            {t("importWizard.grid.deleteSelected")}
          </button>
        )}
      </div>
      <div
        className="grid"
        role="grid"
        aria-rowcount={matching + 1}
        aria-label={t("importWizard.grid.label")}
        data-testid="review-grid"
      >
        <div className="grid__row grid__head" role="row" aria-rowindex={1}>
          <span role="columnheader" className="grid__check">
            <span className="visually-hidden">{t("importWizard.grid.select")}</span>
          </span>
          <span role="columnheader">{t("importWizard.grid.line")}</span>
          {EDIT_CELLS.map((cell) => (
            <span role="columnheader" key={cell.key}>
              <FieldLabel idea={FIELD_IDEA[cell.field]} compact />
            </span>
          ))}
          <span role="columnheader">{t("importWizard.grid.findings")}</span>
          <span role="columnheader">
            <span className="visually-hidden">{t("importWizard.grid.actions")}</span>
          </span>
        </div>
        <div
          className="grid__viewport"
          ref={viewport}
          style={{ height: Math.min(viewportHeight, Math.max(matching, 3) * ROW_HEIGHT + 2) }}
          data-testid="grid-viewport"
          onScroll={(e) => {
            setScrollTop(e.currentTarget.scrollTop);
          }}
        >
          <div style={{ height: matching * ROW_HEIGHT, position: "relative" }}>
            {visible.map(({ position, row }) => {
              const style = { top: position * ROW_HEIGHT, height: ROW_HEIGHT };
              if (row === undefined) {
                return (
                  <div key={`p${String(position)}`} className="grid__row" role="row" style={style}>
                    <span role="gridcell" className="muted">
                      {t("importWizard.grid.loading")}
                    </span>
                  </div>
                );
              }
              const errors = row.row.issues.some((f) => f.severity === "error");
              const warnings = !errors && row.row.issues.length > 0;
              const kind = errors ? "error" : warnings ? "warning" : "ok";
              const messages = row.row.issues.map((f) => f.message).join(" · ");
              const editing = edit !== null && edit.index === row.index;
              return (
                <div
                  key={row.index}
                  className={`grid__row grid__row--${kind}`}
                  role="row"
                  aria-rowindex={position + 2}
                  style={style}
                  data-testid={`grid-row-${String(row.index)}`}
                >
                  <span role="gridcell" className="grid__check">
                    <input
                      type="checkbox"
                      checked={selected.has(row.index)}
                      aria-label={t("importWizard.grid.selectRow", { line: row.row.line })}
                      data-testid={`grid-select-${String(row.index)}`}
                      onChange={() => {
                        toggle(row.index);
                      }}
                    />
                  </span>
                  <span role="gridcell" className="mono">
                    {row.row.line}
                  </span>
                  {editing ? (
                    <>
                      {EDIT_CELLS.map((cell) => (
                        <span role="gridcell" key={cell.key}>
                          {cell.key === "callType" ? (
                            // A choice, not a text box: only 0, 1 and 2 exist.
                            <select
                              className="grid__input"
                              value={edit.callType}
                              aria-label={fieldText(FIELD_IDEA[cell.field])}
                              data-testid={cell.testId}
                              onKeyDown={editKeys}
                              onChange={(e) => {
                                setEdit({ ...edit, callType: e.target.value });
                              }}
                            >
                              {edit.callType === "" && (
                                <option value="">{t("importWizard.grid.chooseCallType")}</option>
                              )}
                              {([0, 1, 2] as const).map((c) => (
                                <option key={c} value={String(c)}>
                                  {t(CALL_TYPE_KEYS[c])}
                                </option>
                              ))}
                            </select>
                          ) : (
                            <input
                              ref={cell.key === "phone" ? firstEditCell : undefined}
                              className="grid__input"
                              value={edit[cell.key]}
                              aria-label={fieldText(FIELD_IDEA[cell.field])}
                              data-testid={cell.testId}
                              onKeyDown={editKeys}
                              onChange={(e) => {
                                setEdit({ ...edit, [cell.key]: e.target.value });
                              }}
                            />
                          )}
                        </span>
                      ))}
                      <span role="gridcell" className="grid__findings" title={messages}>
                        {messages}
                      </span>
                      <span role="gridcell" className="grid__actions">
                        <button
                          type="button"
                          className="link-button"
                          data-testid="edit-save"
                          onClick={saveEdit}
                        >
                          {t("importWizard.save")}
                        </button>
                        <button
                          type="button"
                          className="link-button"
                          data-testid="edit-cancel"
                          onClick={() => {
                            closeEdit(edit.index);
                          }}
                        >
                          {t("importWizard.cancel")}
                        </button>
                      </span>
                    </>
                  ) : (
                    <>
                      <span role="gridcell" className="mono" data-testid="cell-phone">
                        {row.row.phone_number}
                      </span>
                      <span role="gridcell">
                        {row.row.call_type === null ? "" : t(CALL_TYPE_KEYS[row.row.call_type])}
                      </span>
                      <span role="gridcell">{row.row.max_call_count ?? ""}</span>
                      <span role="gridcell">{row.row.max_call_psec ?? ""}</span>
                      <span
                        role="gridcell"
                        className={`grid__findings finding--${kind}`}
                        title={messages}
                        data-testid="cell-findings"
                      >
                        {kind === "ok" ? (
                          t("importWizard.grid.ok")
                        ) : (
                          <button
                            type="button"
                            className="grid__findings-button"
                            data-testid={`grid-findings-${String(row.index)}`}
                            onClick={() => {
                              setDetail(row);
                            }}
                          >
                            {messages}
                          </button>
                        )}
                      </span>
                      <span role="gridcell" className="grid__actions">
                        <button
                          type="button"
                          className="link-button"
                          aria-label={t("importWizard.grid.editRow", { line: row.row.line })}
                          data-testid={`grid-edit-${String(row.index)}`}
                          data-edit-row={row.index}
                          onClick={() => {
                            setEdit(editOf(row));
                            setDetail(row);
                          }}
                        >
                          {t("importWizard.grid.edit")}
                        </button>
                      </span>
                    </>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {edit !== null && (
        // The fields without a column of their own, edited with the row (Enter saves here too).
        <fieldset className="wizard__fieldset" data-testid="edit-more">
          <legend>{t("importWizard.grid.moreFields", { line: detail?.row.line ?? "" })}</legend>
          <div className="review__more">
            <div className="field call-field">
              <FieldLabel
                idea="calleeFormat"
                htmlFor={`edit-callee-${String(edit.index)}`}
                hintId={`edit-callee-${String(edit.index)}-hint`}
              />
              <select
                id={`edit-callee-${String(edit.index)}`}
                aria-describedby={`edit-callee-${String(edit.index)}-hint`}
                value={edit.calleeFormat}
                data-testid="edit-callee-format"
                onKeyDown={editKeys}
                onChange={(e) => {
                  setEdit({ ...edit, calleeFormat: e.target.value });
                }}
              >
                <option value="">{t("importWizard.none")}</option>
                {CALLEE_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
                {edit.calleeFormat !== "" &&
                  !(CALLEE_FORMATS as readonly string[]).includes(edit.calleeFormat) && (
                    <option value={edit.calleeFormat}>{edit.calleeFormat}</option>
                  )}
              </select>
            </div>
            <div className="field call-field">
              <FieldLabel
                idea="carrierNumber"
                htmlFor={`edit-carrier-${String(edit.index)}`}
                hintId={`edit-carrier-${String(edit.index)}-hint`}
              />
              <input
                id={`edit-carrier-${String(edit.index)}`}
                aria-describedby={`edit-carrier-${String(edit.index)}-hint`}
                inputMode="tel"
                value={edit.carrier}
                data-testid="edit-carrier"
                onKeyDown={editKeys}
                onChange={(e) => {
                  setEdit({ ...edit, carrier: e.target.value });
                }}
              />
            </div>
          </div>
        </fieldset>
      )}
      <div className="review__tools">
        <label>
          {t("importWizard.grid.exportFormat")}
          <select
            value={exportFormat}
            data-testid="export-format"
            onChange={(e) => {
              setExportFormat(e.target.value === "csv" ? "csv" : "xlsx");
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
            value={exportPath}
            data-testid="export-path"
            onChange={(e) => {
              setExportPath(e.target.value);
            }}
          />
        </label>
        <button
          type="button"
          className="button button--secondary"
          disabled={exportPath.trim() === ""}
          data-testid="export-button"
          onClick={exportRows}
        >
          {t("importWizard.grid.export")}
        </button>
      </div>
      {detail !== null && (
        <div className="review__detail" data-testid="row-detail">
          <strong>{t("files.rowFindings", { line: detail.row.line })}</strong>
          <dl className="review__values" data-testid="row-values">
            <div>
              <dt>{fieldText("calleeFormat")}</dt>
              <dd className="mono" data-testid="row-callee-format">
                {detail.row.outbound_callee_format ?? t("importWizard.none")}
              </dd>
            </div>
            <div>
              <dt>{fieldText("carrierNumber")}</dt>
              <dd className="mono" data-testid="row-carrier">
                {detail.row.carrier_phone_number ?? t("importWizard.none")}
              </dd>
            </div>
          </dl>
          {detail.row.issues.length === 0 ? (
            <p className="muted">{t("importWizard.grid.ok")}</p>
          ) : (
            <ul>
              {detail.row.issues.map((f, i) => (
                <li key={i} className={`finding finding--${f.severity}`}>
                  {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p role="status" className="muted" data-testid="review-status">
        {t("importWizard.grid.autosaved")} {status ?? ""}
      </p>
      {error !== null && <ErrorNotice error={error} testId="review-error" />}
    </div>
  );
}
