import { useEffect, useReducer, useRef, type RefObject } from "react";
import type { GridRow } from "../../../bindings/GridRow";

/** A row being edited: its values as typed. */
export type Edit = {
  index: number;
  phone: string;
  callType: string;
  maxCount: string;
  maxPsec: string;
  calleeFormat: string;
  carrier: string;
};

export type EditKey = Exclude<keyof Edit, "index">;

/** The editable cells of a row being edited, in column order. */
export const EDIT_CELLS = [
  { key: "phone", field: "PhoneNumber", testId: "edit-phone" },
  { key: "callType", field: "CallType", testId: "edit-call-type" },
  { key: "maxCount", field: "MaxCallCount", testId: "edit-max-count" },
  { key: "maxPsec", field: "MaxCallPSec", testId: "edit-max-psec" },
] as const;

export const CALL_TYPE_KEYS = {
  0: "importWizard.callTypes.0",
  1: "importWizard.callTypes.1",
  2: "importWizard.callTypes.2",
} as const;

function editOf(g: GridRow): Edit {
  return {
    index: g.index,
    phone: g.row.phoneNumber,
    callType: g.row.callType === null ? "" : String(g.row.callType),
    maxCount: g.row.maxCallCount === null ? "" : String(g.row.maxCallCount),
    maxPsec: g.row.maxCallPsec === null ? "" : String(g.row.maxCallPsec),
    calleeFormat: g.row.outboundCalleeFormat ?? "",
    carrier: g.row.carrierPhoneNumber ?? "",
  };
}

type EditorState = {
  edit: Edit | null;
  /** The row whose findings are shown in full below the grid (the grid cell shows one line). */
  detail: GridRow | null;
};

type EditorAction =
  | { type: "start"; row: GridRow }
  | { type: "change"; key: EditKey; value: string }
  | { type: "close" }
  | { type: "saved"; row: GridRow }
  | { type: "show"; row: GridRow };

function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case "start":
      return { edit: editOf(action.row), detail: action.row };
    case "change":
      return state.edit === null
        ? state
        : { ...state, edit: { ...state.edit, [action.key]: action.value } };
    case "close":
      return { ...state, edit: null };
    case "saved":
      return { edit: null, detail: action.row };
    case "show":
      return { ...state, detail: action.row };
  }
}

/**
 * The row editor: which row is being edited (its values as typed) and which row's findings are
 * shown. Editing a row moves the focus into its first cell (`firstCell`); closing it gives the
 * focus back to the row's Edit button.
 */
export function useRowEditor({
  viewport,
  settled,
}: {
  /** The grid's scrolling viewport, where the Edit buttons are. */
  viewport: RefObject<HTMLDivElement | null>;
  /** Every page shown was read again since the last change. */
  settled: boolean;
}) {
  const [{ edit, detail }, dispatch] = useReducer(editorReducer, { edit: null, detail: null });
  /** The first cell of the row being edited: it takes the focus when editing starts. */
  const firstCell = useRef<HTMLInputElement>(null);
  /** The row whose Edit button gets the focus back once its editing closes. */
  const returnTo = useRef<number | null>(null);

  // Editing a row moves the focus into its first cell, with the value selected (typing
  // replaces it).
  const editingIndex = edit?.index ?? null;
  useEffect(() => {
    if (editingIndex === null) return;
    firstCell.current?.focus();
    firstCell.current?.select();
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
    if (settled) returnTo.current = null;
  });

  return {
    edit,
    detail,
    firstCell,
    start: (row: GridRow): void => {
      dispatch({ type: "start", row });
    },
    change: (key: EditKey, value: string): void => {
      dispatch({ type: "change", key, value });
    },
    /** Closes the editing of row `index`, its values unchanged. */
    close: (index: number): void => {
      returnTo.current = index;
      dispatch({ type: "close" });
    },
    /** Row `index` was saved as `row`. */
    saved: (index: number, row: GridRow): void => {
      returnTo.current = index;
      dispatch({ type: "saved", row });
    },
    show: (row: GridRow): void => {
      dispatch({ type: "show", row });
    },
  };
}
