// The review grid's state in one reducer: the open draft's summary, the pages of rows read so far,
// where the grid is scrolled, which rows are selected, and the last thing done or gone wrong.
import type { GridRow } from "../../../bindings/GridRow";
import type { IpcError } from "../../../bindings/IpcError";
import type { RowFilter } from "../../../bindings/RowFilter";
import type { OpenDraftSummary } from "../../../bindings/OpenDraftSummary";

/** Rows fetched per request: the grid only asks for the pages it shows. */
export const PAGE_SIZE = 100;
/** Height of one row in pixels (fixed, so positions are computed, not measured). */
export const ROW_HEIGHT = 36;

export type Page = { version: number; rows: GridRow[] };

export type ReviewState = {
  summary: OpenDraftSummary;
  filter: RowFilter;
  /** Raised whenever the draft changed: a page read at an older version is read again. */
  version: number;
  pages: Record<number, Page>;
  scrollTop: number;
  selected: ReadonlySet<number>;
  /** The selected rows' deletion waits for its confirmation. */
  confirmDelete: boolean;
  /** The last change made, in words (shown after "Changes are saved automatically."). */
  status: string | null;
  error: IpcError | null;
};

export type ReviewAction =
  /** A page of rows arrived, read at `version`. */
  | { type: "page"; page: number; version: number; rows: GridRow[]; summary: OpenDraftSummary }
  /** The draft changed (with its new summary, when the change returned one): rows read again. */
  | { type: "changed"; summary?: OpenDraftSummary; status?: string }
  /** The selected rows were deleted. */
  | { type: "deleted"; summary: OpenDraftSummary; status: string }
  | { type: "filter"; filter: RowFilter }
  | { type: "scroll"; top: number }
  | { type: "toggle"; index: number }
  | { type: "confirmDelete"; open: boolean }
  | { type: "status"; status: string | null }
  | { type: "error"; error: IpcError | null };

export function initialReview({
  summary,
  filter,
}: {
  summary: OpenDraftSummary;
  filter: RowFilter;
}): ReviewState {
  return {
    summary,
    filter,
    version: 0,
    pages: {},
    scrollTop: 0,
    selected: new Set(),
    confirmDelete: false,
    status: null,
    error: null,
  };
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case "page":
      return {
        ...state,
        pages: { ...state.pages, [action.page]: { version: action.version, rows: action.rows } },
        summary: action.summary,
      };
    case "changed":
      return {
        ...state,
        summary: action.summary ?? state.summary,
        status: action.status ?? state.status,
        version: state.version + 1,
      };
    case "deleted":
      return {
        ...state,
        summary: action.summary,
        status: action.status,
        selected: new Set(),
        confirmDelete: false,
        version: state.version + 1,
      };
    case "filter":
      return { ...state, filter: action.filter, pages: {}, scrollTop: 0, selected: new Set() };
    case "scroll":
      return { ...state, scrollTop: action.top };
    case "toggle": {
      const selected = new Set(state.selected);
      if (selected.has(action.index)) selected.delete(action.index);
      else selected.add(action.index);
      return { ...state, selected };
    }
    case "confirmDelete":
      return { ...state, confirmDelete: action.open };
    case "status":
      return { ...state, status: action.status };
    case "error":
      return { ...state, error: action.error };
  }
}

/** How many rows the filter matches, from the summary. */
export function matchingCount(summary: OpenDraftSummary, filter: RowFilter): number {
  if (filter === "errors") return summary.errorRows;
  if (filter === "warnings") return summary.warningRows;
  return summary.totalRows;
}
