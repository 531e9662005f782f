import { useEffect, useMemo, useReducer, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { GridRow } from "../../../bindings/GridRow";
import type { RowFilter } from "../../../bindings/RowFilter";
import type { OpenDraftSummary } from "../../../bindings/OpenDraftSummary";
import { asLanguage } from "../../../i18n";
import { toIpcError } from "../../../ipc";
import { draftOpen, importRowsPage } from "../../../ipc/wizard";
import {
  PAGE_SIZE,
  ROW_HEIGHT,
  initialReview,
  matchingCount,
  reviewReducer,
  type ReviewAction,
  type ReviewState,
} from "./reviewState";

/** Rows rendered above and below the ones in view. */
const OVERSCAN = 5;

export type VisibleRow = { position: number; row: GridRow | undefined };

/**
 * The grid's rows as a window: only the rows in view (plus a few) are rendered, and only the
 * pages holding them are fetched, so 100,000 rows scroll smoothly. When the UI language changes,
 * the draft is opened again in it (its findings are written in the language of the import).
 */
export function useReviewRows(
  initial: OpenDraftSummary,
  initialFilter: RowFilter,
  viewportHeight: number,
): {
  state: ReviewState;
  dispatch: (action: ReviewAction) => void;
  /** The rows the filter matches. */
  matching: number;
  visible: VisibleRow[];
  /** Every page shown was read at the draft's current version. */
  settled: boolean;
} {
  const { i18n } = useTranslation();
  const language = asLanguage(i18n.language);
  const shownIn = useRef(language);
  const [state, dispatch] = useReducer(
    reviewReducer,
    { summary: initial, filter: initialFilter },
    initialReview,
  );
  const inFlight = useRef(new Set<string>());
  const { summary, filter, version, pages, scrollTop } = state;

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
          dispatch({ type: "page", page: p, version, rows: page.rows, summary: page.summary });
        })
        .catch((e: unknown) => {
          dispatch({ type: "error", error: toIpcError(e) });
        })
        .finally(() => {
          inFlight.current.delete(key);
        });
    }
  }, [filter, version, firstPage, lastPage, pages]);

  // The findings were written in the language of the import: when the UI switches, the draft is
  // opened again in the new language (every change is already saved) and the rows re-read.
  const draftId = summary.draftId;
  useEffect(() => {
    if (shownIn.current === language) return;
    shownIn.current = language;
    // A status line was written in the language it was shown in.
    dispatch({ type: "status", status: null });
    draftOpen(draftId, language)
      .then((s) => {
        dispatch({ type: "changed", summary: s });
      })
      .catch((e: unknown) => {
        dispatch({ type: "error", error: toIpcError(e) });
      });
  }, [language, draftId]);

  const visible = useMemo(() => {
    const out: VisibleRow[] = [];
    for (let i = first; i < last; i++) {
      out.push({ position: i, row: pages[Math.floor(i / PAGE_SIZE)]?.rows[i % PAGE_SIZE] });
    }
    return out;
  }, [first, last, pages]);

  const settled = Object.values(pages).every((p) => p.version === version);
  return { state, dispatch, matching, visible, settled };
}
