import { useCallback, useEffect, useReducer, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationQuery } from "../../../bindings/ApplicationQuery";
import type { ConnectionKind } from "../../../bindings/ConnectionKind";
import type { ApplicationStatus } from "../../../bindings/ApplicationStatus";
import type { ApplicationsListPage } from "../../../bindings/ApplicationsListPage";
import type { ExportFormat } from "../../../bindings/ExportFormat";
import type { IpcError } from "../../../bindings/IpcError";
import type { OpenDraftSummary } from "../../../bindings/OpenDraftSummary";
import { toIpcError } from "../../../ipc";
import { applicationsList } from "../../../ipc/applications";

/** Applications per page: a page renders in a few milliseconds, whatever the total. */
export const PAGE_SIZE = 100;
/** How long typing must pause before the search runs. */
const SEARCH_DELAY_MS = 250;

export type Problem = { headline: string; error: IpcError };
export type ExportTarget = { format: ExportFormat; path: string };

export type ListState = {
  query: ApplicationQuery;
  /** What the search box shows; the query follows a moment after typing stops. */
  searchText: string;
  data: ApplicationsListPage | null;
  problem: Problem | null;
  /** What the last action did, in words. */
  status: string | null;
  /** The failed applications chosen for a new draft. */
  selected: ReadonlySet<number>;
  /** The application whose detail is shown instead of the list. */
  openId: number | null;
  /** The draft made from failed applications, shown in the grid instead of the list. */
  openDraft: OpenDraftSummary | null;
  refreshing: boolean;
  /** The export form is open. */
  exporting: boolean;
  exportTarget: ExportTarget;
};

export type ListAction =
  /** A new filter, search or sort: back to the first page. */
  | { type: "query"; change: Partial<ApplicationQuery> }
  | { type: "page"; direction: 1 | -1 }
  | { type: "searchText"; text: string }
  /** Typing paused: the query searches for `text`. */
  | { type: "search"; text: string }
  | { type: "clearFilters" }
  | { type: "scope"; scope: ConnectionKind }
  | { type: "loaded"; data: ApplicationsListPage }
  | { type: "problem"; problem: Problem | null }
  | { type: "status"; status: string | null }
  | { type: "select"; id: number; on: boolean }
  | { type: "open"; id: number | null }
  | { type: "draftOpened"; summary: OpenDraftSummary }
  | { type: "closeDraft" }
  | { type: "refreshing"; on: boolean }
  | { type: "exporting"; open: boolean | "toggle" }
  | { type: "exportTarget"; target: ExportTarget }
  | { type: "exported"; status: string };

function reducer(state: ListState, action: ListAction): ListState {
  const { query } = state;
  switch (action.type) {
    case "query":
      return { ...state, query: { ...query, offset: 0, ...action.change } };
    case "page":
      return {
        ...state,
        query: { ...query, offset: Math.max(0, query.offset + action.direction * PAGE_SIZE) },
      };
    case "searchText":
      return { ...state, searchText: action.text };
    case "search":
      return (query.search ?? "") === action.text
        ? state
        : { ...state, query: { ...query, offset: 0, search: action.text } };
    case "clearFilters":
      return { ...state, searchText: "", query: { ...query, offset: 0, statuses: [], search: "" } };
    case "scope":
      return {
        ...state,
        selected: new Set(),
        query: { ...query, offset: 0, scope: action.scope },
      };
    case "loaded":
      return { ...state, data: action.data };
    case "problem":
      return { ...state, problem: action.problem };
    case "status":
      return { ...state, status: action.status };
    case "select": {
      const selected = new Set(state.selected);
      if (action.on) selected.add(action.id);
      else selected.delete(action.id);
      return { ...state, selected };
    }
    case "open":
      return { ...state, openId: action.id };
    case "draftOpened":
      return { ...state, selected: new Set(), openId: null, openDraft: action.summary };
    case "closeDraft":
      return { ...state, openDraft: null };
    case "refreshing":
      return action.on
        ? { ...state, refreshing: true, problem: null, status: null }
        : { ...state, refreshing: false };
    case "exporting":
      return {
        ...state,
        exporting: action.open === "toggle" ? !state.exporting : action.open,
      };
    case "exportTarget":
      return { ...state, exportTarget: action.target };
    case "exported":
      return { ...state, status: action.status, exporting: false };
  }
}

function initialState({
  statuses,
  openId,
}: {
  statuses: ApplicationStatus[];
  openId: number | null;
}): ListState {
  return {
    query: { statuses, search: "", sort: "created", descending: true, offset: 0, limit: PAGE_SIZE },
    searchText: "",
    data: null,
    problem: null,
    status: null,
    selected: new Set(),
    openId,
    openDraft: null,
    refreshing: false,
    exporting: false,
    exportTarget: { format: "xlsx", path: "" },
  };
}

/**
 * The list's state in one reducer, and the page it shows: read again whenever the query
 * changes (a slower answer to an older query never replaces a newer one), and searched a moment
 * after typing stops, so a fast typist does not start a database search per key.
 */
export function useApplicationsList(
  initialStatuses: ApplicationStatus[],
  initialOpenId: number | null,
) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(
    reducer,
    { statuses: initialStatuses, openId: initialOpenId },
    initialState,
  );
  const { query, searchText } = state;
  const latest = useRef(0);

  const load = useCallback(
    (q: ApplicationQuery): Promise<void> => {
      const ticket = ++latest.current;
      return applicationsList(q)
        .then((page) => {
          // A slower answer to an older query must not replace a newer one.
          if (ticket !== latest.current) return;
          dispatch({ type: "loaded", data: page });
        })
        .catch((e: unknown) => {
          if (ticket !== latest.current) return;
          dispatch({
            type: "problem",
            problem: { headline: t("applicationsList.loadFailed"), error: toIpcError(e) },
          });
        });
    },
    [t],
  );

  useEffect(() => {
    void load(query);
  }, [load, query]);

  /** Reads the page shown again. */
  const reload = useCallback(() => {
    void load(query);
  }, [load, query]);

  useEffect(() => {
    const timer = setTimeout(() => {
      dispatch({ type: "search", text: searchText });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [searchText]);

  return { state, dispatch, load, reload };
}
