// Over 500 lines: the four wizard steps share the file being read; the split into one part per
// step is open in issue #17.
import { useEffect, useId, useRef, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { CallType } from "../../bindings/CallType";
import type { ColumnInfo } from "../../bindings/ColumnInfo";
import type { ImportPreview } from "../../bindings/ImportPreview";
import type { IpcError } from "../../bindings/IpcError";
import { ErrorNotice } from "../../components/ErrorNotice";
import type { Mapping } from "../../bindings/Mapping";
import type { WorkbenchSummary } from "../../bindings/WorkbenchSummary";
import { asLanguage } from "../../i18n";
import { toIpcError } from "../../ipc";
import { chooseImportFile } from "../../ipc/files";
import {
  importColumns,
  importOpenPath,
  importOpenText,
  importProcess,
  importReread,
} from "../../ipc/wizard";
import { FIELD_IDEA, FieldLabel } from "../../components/FieldLabel";
import { CallFields, EMPTY_CALL_FIELDS } from "./CallFields";
import { ReviewGrid } from "./ReviewGrid";
import { TemplateDownload } from "./TemplateDownload";
import "./wizard.css";

export const FIELDS = [
  "PhoneNumber",
  "CallType",
  "MaxCallCount",
  "MaxCallPSec",
  "OutboundCalleeFormat",
  "CarrierPhoneNumber",
] as const;
type FieldName = (typeof FIELDS)[number];

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

const CALL_TYPES: Partial<Record<string, CallType>> = {
  "0": CallType.Inbound,
  "1": CallType.Outbound,
  "2": CallType.InboundAndOutbound,
};

type Step = "source" | "header" | "mapping" | "review";

/** The import wizard: source → sheet & header row → column mapping → review. */
export function ImportWizard({
  onStartedChange,
}: {
  /** True while a file or pasted list is open (past the first step). */
  onStartedChange?: (started: boolean) => void;
} = {}): ReactElement {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [step, setStep] = useState<Step>("source");
  // Each new step takes the focus (the button that led to it is gone), so the keyboard carries
  // on from the top of the step; not on the first render, where nothing was chosen yet.
  const stepPanel = useRef<HTMLDivElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    stepPanel.current?.focus();
  }, [step]);
  useEffect(() => {
    onStartedChange?.(step !== "source");
  }, [step, onStartedChange]);
  const [path, setPath] = useState("");
  const [pasted, setPasted] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [headerRow, setHeaderRow] = useState<number | null>(null);
  const [columns, setColumns] = useState<ColumnInfo[]>([]);
  const [mapping, setMapping] = useState<Mapping>({});
  const [defaults, setDefaults] = useState(EMPTY_CALL_FIELDS);
  const [country, setCountry] = useState("CN");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [review, setReview] = useState<WorkbenchSummary | null>(null);

  function opened(p: ImportPreview): void {
    setPreview(p);
    setHeaderRow(p.header_row);
    setColumns(p.columns);
    setMapping(p.mapping);
    setCountry(p.country);
    setName(p.source_name === "pasted" ? "" : p.source_name);
    setStep("header");
  }

  function run<T>(label: string, action: () => Promise<T>, then: (v: T) => void): void {
    setBusy(label);
    setError(null);
    action()
      .then(then)
      .catch((e: unknown) => {
        setError(toIpcError(e));
      })
      .finally(() => {
        setBusy(null);
      });
  }

  function openPath(p: string): void {
    run(t("importWizard.reading"), () => importOpenPath(p), opened);
  }

  /** The OS open dialog, filtered to the formats the wizard reads; the path goes to Rust. */
  function chooseFile(): void {
    setError(null);
    chooseImportFile(t("files.importFilter"))
      .then((chosen) => {
        if (chosen === null) return;
        setPath(chosen);
        openPath(chosen);
      })
      .catch((e: unknown) => {
        setError(toIpcError(e));
      });
  }

  // Files dropped on the window arrive as paths from the webview's drag-and-drop event.
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    try {
      getCurrentWebview()
        .onDragDropEvent((event) => {
          if (event.payload.type === "drop" && event.payload.paths.length > 0) {
            const dropped = event.payload.paths[0] ?? "";
            setPath(dropped);
            setBusy("…");
            importOpenPath(dropped)
              .then(opened)
              .catch((e: unknown) => {
                setError(toIpcError(e));
              })
              .finally(() => {
                setBusy(null);
              });
          }
        })
        .then((u) => {
          if (cancelled) u();
          else unlisten = u;
        })
        .catch(() => undefined);
    } catch {
      // Outside the desktop shell (tests, a browser) there is no drop event.
    }
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, []);

  function chooseHeader(line: number | null): void {
    setHeaderRow(line);
  }

  function toMapping(): void {
    run(
      t("importWizard.reading"),
      () => importColumns(headerRow),
      (c) => {
        setColumns(c.columns);
        setMapping(c.mapping);
        setStep("mapping");
      },
    );
  }

  function reread(read: { encoding?: string; sheet?: string }): void {
    run(t("importWizard.reading"), () => importReread(read), opened);
  }

  function processRows(): void {
    const num = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));
    const callType = CALL_TYPES[defaults.callType];
    run(
      t("importWizard.checking"),
      () =>
        importProcess(
          {
            ...(headerRow === null ? {} : { header_row: headerRow }),
            mapping,
            defaults: {
              ...(callType === undefined ? {} : { call_type: callType }),
              ...(num(defaults.maxCount) === undefined
                ? {}
                : { max_call_count: num(defaults.maxCount) ?? 0 }),
              ...(num(defaults.maxPsec) === undefined
                ? {}
                : { max_call_psec: num(defaults.maxPsec) ?? 0 }),
              ...(defaults.calleeFormat === ""
                ? {}
                : { outbound_callee_format: defaults.calleeFormat }),
              ...(defaults.carrier.trim() === ""
                ? {}
                : { carrier_phone_number: defaults.carrier.trim() }),
            },
            country,
            ...(name.trim() === "" ? {} : { name }),
            lang: asLanguage(i18n.language),
          },
          (p) => {
            setBusy(t(`importWizard.progress.${p.phase}`, { rows: p.rows }));
          },
        ),
      (summary) => {
        setReview(summary);
        setStep("review");
      },
    );
  }

  function setField(field: FieldName, value: string): void {
    const rest = Object.fromEntries(
      Object.entries(mapping).filter(([key]) => key !== field),
    ) as Mapping;
    setMapping(value === "" ? rest : { ...rest, [field]: Number(value) });
  }

  const stepIndex = ["source", "header", "mapping", "review"].indexOf(step);

  return (
    <div className="wizard" data-testid="import-wizard">
      <ol className="wizard__steps" aria-label={t("importWizard.stepsLabel")}>
        {(["source", "header", "mapping", "review"] as const).map((s, i) => (
          <li
            key={s}
            aria-current={s === step ? "step" : undefined}
            className={i < stepIndex ? "done" : undefined}
          >
            {t(`importWizard.steps.${s}`)}
          </li>
        ))}
      </ol>

      {step === "source" && (
        <div
          ref={stepPanel}
          className="panel"
          tabIndex={-1}
          role="group"
          aria-label={t("importWizard.steps.source")}
          data-testid="step-source"
        >
          <p>{t("importWizard.dropHint")}</p>
          <div className="wizard__row">
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              data-testid="import-choose-file"
              onClick={chooseFile}
            >
              {t("files.chooseFile")}
            </button>
          </div>
          <form
            className="wizard__row"
            onSubmit={(e) => {
              e.preventDefault();
              openPath(path.trim());
            }}
          >
            <label htmlFor={`${ids}-path`}>{t("importWizard.pathLabel")}</label>
            <input
              id={`${ids}-path`}
              className="path-input"
              value={path}
              data-testid="import-path-input"
              onChange={(e) => {
                setPath(e.target.value);
              }}
            />
            <button
              type="submit"
              className="button button--secondary"
              disabled={path.trim() === "" || busy !== null}
              data-testid="import-open-path"
            >
              {t("importWizard.open")}
            </button>
          </form>
          <label htmlFor={`${ids}-paste`}>{t("importWizard.pasteLabel")}</label>
          <textarea
            id={`${ids}-paste`}
            rows={5}
            value={pasted}
            data-testid="import-paste-input"
            onChange={(e) => {
              setPasted(e.target.value);
            }}
          />
          <div>
            <button
              type="button"
              className="button button--secondary"
              disabled={pasted.trim() === "" || busy !== null}
              data-testid="import-open-text"
              onClick={() => {
                run(t("importWizard.reading"), () => importOpenText(pasted), opened);
              }}
            >
              {t("importWizard.usePasted")}
            </button>
          </div>
          <TemplateDownload testId="import-template" />
        </div>
      )}

      {step === "header" && preview !== null && (
        <div
          ref={stepPanel}
          className="panel"
          tabIndex={-1}
          role="group"
          aria-label={t("importWizard.steps.header")}
          data-testid="step-header"
        >
          <div className="wizard__row">
            <strong data-testid="source-name">{preview.source_name}</strong>
            <span className="muted">
              {t("importWizard.totalRows", { count: preview.total_rows })}
            </span>
            {preview.encoding !== null && (
              <label>
                {t("importWizard.encoding")}{" "}
                <select
                  value={preview.encoding.name}
                  data-testid="encoding-select"
                  onChange={(e) => {
                    reread({ encoding: e.target.value });
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
                    reread({ sheet: e.target.value });
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
            <div
              className="raw-table"
              role="radiogroup"
              aria-label={t("importWizard.headerQuestion")}
            >
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
                      chooseHeader(r.line);
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
                    chooseHeader(null);
                  }}
                />
                <span>{t("importWizard.noHeader")}</span>
              </label>
            </div>
          </fieldset>
          <div className="wizard__row">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setStep("source");
              }}
            >
              {t("importWizard.back")}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              data-testid="header-next"
              onClick={toMapping}
            >
              {t("importWizard.next")}
            </button>
          </div>
        </div>
      )}

      {step === "mapping" && (
        <div
          ref={stepPanel}
          className="panel"
          tabIndex={-1}
          role="group"
          aria-label={t("importWizard.steps.mapping")}
          data-testid="step-mapping"
        >
          <table className="mapping-table">
            <thead>
              <tr>
                <th scope="col">{t("importWizard.field")}</th>
                <th scope="col">{t("importWizard.column")}</th>
                <th scope="col">{t("importWizard.samples")}</th>
              </tr>
            </thead>
            <tbody>
              {FIELDS.map((field) => {
                const col = mapping[field];
                const info = col === undefined ? undefined : columns[col];
                return (
                  <tr key={field}>
                    <th scope="row">
                      <FieldLabel
                        idea={FIELD_IDEA[field]}
                        htmlFor={`${ids}-map-${field}`}
                        hintId={`${ids}-map-${field}-hint`}
                      />
                    </th>
                    <td>
                      <select
                        id={`${ids}-map-${field}`}
                        aria-describedby={`${ids}-map-${field}-hint`}
                        value={col === undefined ? "" : String(col)}
                        data-testid={`map-${field}`}
                        onChange={(e) => {
                          setField(field, e.target.value);
                        }}
                      >
                        <option value="">{t("importWizard.notInFile")}</option>
                        {columns.map((c) => (
                          <option key={c.index} value={String(c.index)}>
                            {c.header === "" ? c.letter : `${c.letter} — ${c.header}`}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="mono muted" data-testid={`samples-${field}`}>
                      {info?.samples.join(", ") ?? ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <fieldset className="wizard__fieldset">
            <legend>{t("importWizard.defaultsLegend")}</legend>
            <div className="wizard__defaults">
              <CallFields
                value={defaults}
                onChange={setDefaults}
                emptyLabel={t("importWizard.none")}
                testIdPrefix="default"
              />
              <div className="field call-field">
                <FieldLabel
                  idea="country"
                  htmlFor={`${ids}-country`}
                  hintId={`${ids}-country-hint`}
                />
                <input
                  id={`${ids}-country`}
                  aria-describedby={`${ids}-country-hint`}
                  size={4}
                  value={country}
                  data-testid="country-input"
                  onChange={(e) => {
                    setCountry(e.target.value);
                  }}
                />
              </div>
            </div>
            <div className="wizard__row">
              <label>
                {t("importWizard.draftName")}{" "}
                <input
                  value={name}
                  data-testid="draft-name-input"
                  onChange={(e) => {
                    setName(e.target.value);
                  }}
                />
              </label>
            </div>
          </fieldset>
          <div className="wizard__row">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setStep("header");
              }}
            >
              {t("importWizard.back")}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy !== null || mapping.PhoneNumber === undefined}
              data-testid="mapping-process"
              onClick={processRows}
            >
              {t("importWizard.process")}
            </button>
          </div>
        </div>
      )}

      {step === "review" && review !== null && (
        <>
          <ReviewGrid initial={review} />
          <div>
            <button
              type="button"
              className="button button--secondary"
              data-testid="import-another"
              onClick={() => {
                setReview(null);
                setPreview(null);
                setPath("");
                setPasted("");
                setStep("source");
              }}
            >
              {t("importWizard.importAnother")}
            </button>
          </div>
        </>
      )}

      {busy !== null && (
        <p role="status" className="muted" data-testid="wizard-busy">
          {busy}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} testId="wizard-error" />}
    </div>
  );
}
