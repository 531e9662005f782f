// The import wizard's state in one reducer: the step shown, the file or list being read, the
// choices made about it (header row, column mapping, defaults, country, name), and what is
// going on (busy) or went wrong.
import type { ColumnInfo } from "../../../bindings/ColumnInfo";
import type { ColumnsPreview } from "../../../bindings/ColumnsPreview";
import type { ImportPreview } from "../../../bindings/ImportPreview";
import type { IpcError } from "../../../bindings/IpcError";
import type { Mapping } from "../../../bindings/Mapping";
import type { OpenDraftSummary } from "../../../bindings/OpenDraftSummary";
import { EMPTY_CALL_FIELDS, type CallFieldValues } from "../CallFields";

export type Step = "source" | "header" | "mapping" | "review";

export const STEPS: readonly Step[] = ["source", "header", "mapping", "review"];

export const FIELDS = [
  "PhoneNumber",
  "CallType",
  "MaxCallCount",
  "MaxCallPSec",
  "OutboundCalleeFormat",
  "CarrierPhoneNumber",
] as const;
export type FieldName = (typeof FIELDS)[number];

/** The wizard's choices as typed. */
export type WizardForm = {
  /** The file's path, typed or chosen. */
  path: string;
  /** A pasted list of numbers. */
  pasted: string;
  /** The header row (1-based), or null for none. */
  headerRow: number | null;
  mapping: Mapping;
  /** Values for rows that leave a field empty. */
  defaults: CallFieldValues;
  country: string;
  /** The new draft's name ("" lets the app name it). */
  name: string;
};

export type FormChange = {
  [K in keyof WizardForm]: { field: K; value: WizardForm[K] };
}[keyof WizardForm];

export type WizardState = {
  step: Step;
  form: WizardForm;
  preview: ImportPreview | null;
  columns: ColumnInfo[];
  /** The new draft, once its rows were checked and saved. */
  review: OpenDraftSummary | null;
  /** What is going on, in words (null: nothing). */
  busy: string | null;
  error: IpcError | null;
};

export type WizardAction =
  | ({ type: "field" } & FormChange)
  /** The file or list was read (again): its header row and mapping as proposed. */
  | { type: "opened"; preview: ImportPreview }
  | { type: "columns"; columns: ColumnsPreview }
  | { type: "processed"; review: OpenDraftSummary }
  | { type: "step"; step: Step }
  /** "Import another": back to the start with nothing open. */
  | { type: "another" }
  | { type: "busy"; busy: string | null }
  | { type: "error"; error: IpcError | null };

export const INITIAL_WIZARD: WizardState = {
  step: "source",
  form: {
    path: "",
    pasted: "",
    headerRow: null,
    mapping: {},
    defaults: EMPTY_CALL_FIELDS,
    country: "CN",
    name: "",
  },
  preview: null,
  columns: [],
  review: null,
  busy: null,
  error: null,
};

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case "field":
      return { ...state, form: { ...state.form, [action.field]: action.value } };
    case "opened": {
      const p = action.preview;
      return {
        ...state,
        preview: p,
        columns: p.columns,
        form: {
          ...state.form,
          headerRow: p.headerRow,
          mapping: p.mapping,
          country: p.country,
          name: p.sourceName === "pasted" ? "" : p.sourceName,
        },
        step: "header",
      };
    }
    case "columns":
      return {
        ...state,
        columns: action.columns.columns,
        form: { ...state.form, mapping: action.columns.mapping },
        step: "mapping",
      };
    case "processed":
      return { ...state, review: action.review, step: "review" };
    case "step":
      return { ...state, step: action.step };
    case "another":
      return {
        ...state,
        review: null,
        preview: null,
        form: { ...state.form, path: "", pasted: "" },
        step: "source",
      };
    case "busy":
      return { ...state, busy: action.busy };
    case "error":
      return { ...state, error: action.error };
  }
}

/** The mapping with `field` read from column `value` ("" : not in the file). */
export function mapField(mapping: Mapping, field: FieldName, value: string): Mapping {
  const rest = Object.fromEntries(
    Object.entries(mapping).filter(([key]) => key !== field),
  ) as Mapping;
  return value === "" ? rest : { ...rest, [field]: Number(value) };
}
