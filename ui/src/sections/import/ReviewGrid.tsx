import { useRef, type KeyboardEvent, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { BulkSet } from "../../bindings/BulkSet";
import type { RowFilter } from "../../bindings/RowFilter";
import type { OpenDraftSummary } from "../../bindings/OpenDraftSummary";
import { ErrorNotice } from "../../components/ErrorNotice";
import { toIpcError } from "../../ipc";
import { draftBulkSet, draftDeleteRows, draftEditRow } from "../../ipc/wizard";
import { NumberFormsNotice } from "./NumberFormsNotice";
import { BulkBar } from "./grid/BulkBar";
import { EditMore } from "./grid/EditMore";
import { ExportBar } from "./grid/ExportBar";
import { GridTable, LoadingRow } from "./grid/GridTable";
import { ReviewBar } from "./grid/ReviewBar";
import { ReviewRow } from "./grid/ReviewRow";
import { RowDetail } from "./grid/RowDetail";
import { useReviewRows } from "./grid/useReviewRows";
import { useRowEditor } from "./grid/useRowEditor";

export { PAGE_SIZE, ROW_HEIGHT } from "./grid/reviewState";

/**
 * The review grid: a window over the open draft's rows. Only the rows in view (plus a few) are
 * in the DOM, and only the pages holding them are fetched, so 100,000 rows scroll smoothly.
 */
export function ReviewGrid({
  initial,
  viewportHeight = 432,
  initialFilter = "all",
}: {
  initial: OpenDraftSummary;
  viewportHeight?: number;
  /** The filter to open with (the submit screen links here with "errors"). */
  initialFilter?: RowFilter;
}): ReactElement {
  const { t } = useTranslation();
  const { state, dispatch, matching, visible, settled } = useReviewRows(
    initial,
    initialFilter,
    viewportHeight,
  );
  const { summary, filter, selected } = state;
  const viewport = useRef<HTMLDivElement>(null);
  const editor = useRowEditor({ viewport, settled });
  const { edit, detail } = editor;

  function chooseFilter(f: RowFilter): void {
    dispatch({ type: "filter", filter: f });
    if (viewport.current !== null) viewport.current.scrollTop = 0;
  }

  function run(action: Promise<unknown>): void {
    dispatch({ type: "error", error: null });
    action.catch((e: unknown) => {
      dispatch({ type: "error", error: toIpcError(e) });
    });
  }

  function saveEdit(): void {
    if (edit === null) return;
    run(
      draftEditRow(edit.index, {
        phoneNumber: edit.phone,
        callType: edit.callType,
        maxCallCount: edit.maxCount,
        maxCallPsec: edit.maxPsec,
        outboundCalleeFormat: edit.calleeFormat,
        carrierPhoneNumber: edit.carrier,
      }).then((row) => {
        editor.saved(edit.index, row);
        dispatch({
          type: "changed",
          status: row.row.issues.some((f) => f.severity === "error")
            ? t("importWizard.grid.stillErrors")
            : t("importWizard.grid.rowFixed"),
        });
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
      editor.close(edit.index);
    }
  }

  function applyBulk(set: BulkSet): void {
    run(
      draftBulkSet([...selected], set).then((s) => {
        dispatch({
          type: "changed",
          summary: s,
          status: t("importWizard.grid.bulkDone", { count: selected.size }),
        });
      }),
    );
  }

  function deleteSelected(): void {
    run(
      draftDeleteRows([...selected]).then((s) => {
        dispatch({
          type: "deleted",
          summary: s,
          status: t("importWizard.grid.deleted", { count: selected.size }),
        });
      }),
    );
  }

  return (
    <div className="review" data-testid="review-grid-panel">
      <ReviewBar summary={summary} filter={filter} onFilter={chooseFilter} />
      {summary.fileIssues.length > 0 && (
        <ul className="review__file-issues" data-testid="file-issues">
          {summary.fileIssues.map((f, i) => (
            <li key={i} className={`finding finding--${f.severity}`}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
      <NumberFormsNotice
        summary={summary}
        onWritten={(next, message) => {
          dispatch({ type: "changed", summary: next, status: message });
        }}
        onError={(e: unknown) => {
          dispatch({ type: "error", error: toIpcError(e) });
        }}
      />
      <BulkBar
        selectedCount={selected.size}
        confirmDelete={state.confirmDelete}
        onConfirmDelete={(open) => {
          dispatch({ type: "confirmDelete", open });
        }}
        onApply={applyBulk}
        onDelete={deleteSelected}
      />
      <GridTable
        matching={matching}
        viewportHeight={viewportHeight}
        viewport={viewport}
        onScroll={(top) => {
          dispatch({ type: "scroll", top });
        }}
      >
        {visible.map(({ position, row }) =>
          row === undefined ? (
            <LoadingRow key={`p${String(position)}`} position={position} />
          ) : (
            <ReviewRow
              key={row.index}
              position={position}
              row={row}
              selected={selected.has(row.index)}
              edit={edit !== null && edit.index === row.index ? edit : null}
              firstCell={editor.firstCell}
              onToggle={() => {
                dispatch({ type: "toggle", index: row.index });
              }}
              onEdit={() => {
                editor.start(row);
              }}
              onShowFindings={() => {
                editor.show(row);
              }}
              onChange={editor.change}
              onEditKeys={editKeys}
              onSave={saveEdit}
              onCancel={() => {
                editor.close(row.index);
              }}
            />
          ),
        )}
      </GridTable>
      {edit !== null && (
        <EditMore
          edit={edit}
          line={detail?.row.line ?? ""}
          onChange={editor.change}
          onEditKeys={editKeys}
        />
      )}
      <ExportBar
        draftName={summary.name}
        onRun={run}
        onStatus={(status) => {
          dispatch({ type: "status", status });
        }}
      />
      {detail !== null && <RowDetail detail={detail} />}
      <p role="status" className="muted" data-testid="review-status">
        {t("importWizard.grid.autosaved")} {state.status ?? ""}
      </p>
      {state.error !== null && <ErrorNotice error={state.error} testId="review-error" />}
    </div>
  );
}
