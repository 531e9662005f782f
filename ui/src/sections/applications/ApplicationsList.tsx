import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionKind } from "../../bindings/ConnectionKind";
import type { ApplicationStatus } from "../../bindings/ApplicationStatus";
import { ErrorNotice } from "../../components/ErrorNotice";
import { toIpcError } from "../../ipc";
import { applicationsDraftFromFailed, applicationsRefresh } from "../../ipc/applications";
import { draftOpen } from "../../ipc/wizard";
import { ReviewGrid } from "../import/ReviewGrid";
import { ApplicationDetailView } from "./ApplicationDetail";
import { ApplicationsTable } from "./list/ApplicationsTable";
import { ExportForm } from "./list/ExportForm";
import { Pager } from "../../components/Pager";
import { ScopeSwitch } from "./list/ScopeSwitch";
import { StatusChips } from "./list/StatusChips";
import { Toolbar } from "./list/Toolbar";
import { useApplicationsList } from "./list/useApplicationsList";
import "../import/wizard.css";
import "./applications.css";
import { WatchPanel } from "./WatchPanel";

export { PAGE_SIZE } from "./list/useApplicationsList";
export { STATUSES } from "./list/StatusChips";

/**
 * Every application with its state, paged, searchable, filterable and sortable; the Sandbox's
 * and Tencent's apart. `empty` shows while the scope has none at all. Opened from the Overview,
 * it starts on one application's detail (`initialOpenId`) or filtered (`initialStatuses`).
 */
export function ApplicationsList({
  empty,
  initialOpenId = null,
  initialStatuses = [],
}: {
  empty: ReactElement;
  initialOpenId?: number | null;
  initialStatuses?: ApplicationStatus[];
}): ReactElement {
  const { t } = useTranslation();
  const { state, dispatch, load, reload } = useApplicationsList(initialStatuses, initialOpenId);
  const { query, data, problem, selected, openId, openDraft } = state;

  function fail(headline: string): (e: unknown) => void {
    return (e: unknown) => {
      dispatch({ type: "problem", problem: { headline, error: toIpcError(e) } });
    };
  }

  function openDraftById(id: number): Promise<void> {
    return draftOpen(id).then((summary) => {
      dispatch({ type: "draftOpened", summary });
    });
  }

  if (openDraft !== null) {
    return (
      <div className="drafts-open">
        <button
          type="button"
          className="button button--secondary"
          data-testid="applications-draft-back"
          onClick={() => {
            dispatch({ type: "closeDraft" });
            reload();
          }}
        >
          {t("applicationsList.backToList")}
        </button>
        <ReviewGrid initial={openDraft} />
      </div>
    );
  }

  if (openId !== null) {
    return (
      <ApplicationDetailView
        id={openId}
        activeScope={data?.activeScope ?? "sandbox"}
        onBack={() => {
          dispatch({ type: "open", id: null });
          reload();
        }}
        onOpenDraft={openDraftById}
      />
    );
  }

  const problemBox =
    problem === null ? null : (
      <ErrorNotice
        testId="applications-error"
        headline={problem.headline}
        error={problem.error}
        onDismiss={() => {
          dispatch({ type: "problem", problem: null });
        }}
      />
    );

  if (data === null) return <>{problemBox}</>;

  const scope = data.scope;
  const page = data.page;
  const inActive = scope === data.activeScope;
  const scopeName = (s: ConnectionKind): string => t(`applicationsList.scope.${s}`);

  const scopeSwitch = (
    <ScopeSwitch
      scope={scope}
      onScope={(s) => {
        dispatch({ type: "scope", scope: s });
      }}
    />
  );

  const watchPanel = inActive ? (
    <WatchPanel
      defaultSdkAppId={page.rows[0]?.sdkAppId ?? null}
      onOpen={(id) => {
        dispatch({ type: "open", id });
      }}
      onChanged={reload}
    />
  ) : null;

  if (page.scopeTotal === 0) {
    return (
      <div className="apps">
        {scopeSwitch}
        {watchPanel}
        {empty}
        {problemBox}
      </div>
    );
  }

  const failedSelected = [...selected];

  function refresh(): void {
    dispatch({ type: "refreshing", on: true });
    applicationsRefresh(null)
      .then((r) => {
        dispatch({
          type: "status",
          status: t("applicationsList.refreshed", {
            checked: r.checked,
            live: r.numbersMarked,
            approved: r.approved.length,
          }),
        });
        return load(query);
      })
      .catch(fail(t("applicationsList.refreshFailed")))
      .finally(() => {
        dispatch({ type: "refreshing", on: false });
      });
  }

  return (
    <div className="apps" data-testid="applications">
      {scopeSwitch}
      {!inActive && (
        <p className="apps-note" data-testid="applications-other-scope">
          {t("applicationsList.scope.otherScope", {
            scope: scopeName(scope),
            active: scopeName(data.activeScope),
          })}
        </p>
      )}
      {watchPanel}
      <Toolbar
        searchText={state.searchText}
        onSearchText={(text) => {
          dispatch({ type: "searchText", text });
        }}
        refreshing={state.refreshing}
        canRefresh={inActive}
        onRefresh={refresh}
        failedSelected={failedSelected.length}
        onDraftFromFailed={() => {
          dispatch({ type: "problem", problem: null });
          applicationsDraftFromFailed(failedSelected)
            .then(openDraftById)
            .catch(fail(t("applicationsList.draftFailed")));
        }}
        exporting={state.exporting}
        onToggleExport={() => {
          dispatch({ type: "exporting", open: "toggle" });
        }}
      />

      {state.exporting && (
        <ExportForm
          query={query}
          target={state.exportTarget}
          onTarget={(target) => {
            dispatch({ type: "exportTarget", target });
          }}
          onProblem={(p) => {
            dispatch({ type: "problem", problem: p });
          }}
          onExported={(status) => {
            dispatch({ type: "exported", status });
          }}
          onCancel={() => {
            dispatch({ type: "exporting", open: false });
          }}
        />
      )}

      <StatusChips
        page={page}
        statuses={query.statuses}
        onStatuses={(statuses) => {
          dispatch({ type: "query", change: { statuses } });
        }}
      />

      {state.status !== null && (
        <p role="status" className="apps-status" data-testid="applications-status">
          {state.status}
        </p>
      )}
      {problemBox}

      <ApplicationsTable
        page={page}
        query={query}
        selected={selected}
        onSort={(sort, descending) => {
          dispatch({ type: "query", change: { sort, descending } });
        }}
        onSelect={(id, on) => {
          dispatch({ type: "select", id, on });
        }}
        onOpen={(id) => {
          dispatch({ type: "status", status: null });
          dispatch({ type: "open", id });
        }}
        onClearFilters={() => {
          dispatch({ type: "clearFilters" });
        }}
      />

      <Pager
        offset={page.offset}
        shown={page.rows.length}
        total={page.total}
        testId="applications"
        onPage={(direction) => {
          dispatch({ type: "page", direction });
        }}
      />
    </div>
  );
}
