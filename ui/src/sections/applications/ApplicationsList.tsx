// Over 500 lines: search, filters, sorting, paging and export share the list's query state; the
// split into parts is open in issue #17.
import { useCallback, useEffect, useRef, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationQuery } from "../../bindings/ApplicationQuery";
import type { ApplicationRow } from "../../bindings/ApplicationRow";
import type { ApplicationScope } from "../../bindings/ApplicationScope";
import type { ApplicationSort } from "../../bindings/ApplicationSort";
import type { ApplicationStatus } from "../../bindings/ApplicationStatus";
import type { ApplicationsListPage } from "../../bindings/ApplicationsListPage";
import type { ExportFormat } from "../../bindings/ExportFormat";
import type { IpcError } from "../../bindings/IpcError";
import type { WorkbenchSummary } from "../../bindings/WorkbenchSummary";
import { ErrorNotice } from "../../components/ErrorNotice";
import { toIpcError } from "../../ipc";
import {
  applicationsDraftFromFailed,
  applicationsExport,
  applicationsList,
  applicationsRefresh,
} from "../../ipc/applications";
import { chooseSavePath } from "../../ipc/files";
import { draftOpen } from "../../ipc/wizard";
import { ReviewGrid } from "../import/ReviewGrid";
import { ApplicationDetailView } from "./ApplicationDetail";
import { CopyButton, StateChip, formatDate } from "./parts";
import "../import/wizard.css";
import "./applications.css";
import { WatchPanel } from "./WatchPanel";

/** Applications per page: a page renders in a few milliseconds, whatever the total. */
export const PAGE_SIZE = 100;
/** How long typing must pause before the search runs. */
const SEARCH_DELAY_MS = 250;

/** The chips, in the order of an application's life. */
export const STATUSES: readonly ApplicationStatus[] = [
  "queued",
  "sending",
  "submitted",
  "approved",
  "failed",
  "unknown",
];

type Problem = { headline: string; error: IpcError };

/** Sortable columns and the header label key of each. */
const SORTABLE: { sort: ApplicationSort; column: "status" | "applyId" | "created" | "numbers" }[] =
  [
    { sort: "state", column: "status" },
    { sort: "apply_id", column: "applyId" },
    { sort: "created", column: "created" },
    { sort: "numbers", column: "numbers" },
  ];

function initialQuery(statuses: ApplicationStatus[]): ApplicationQuery {
  return {
    statuses,
    search: "",
    sort: "created",
    descending: true,
    offset: 0,
    limit: PAGE_SIZE,
  };
}

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
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState<ApplicationQuery>(() => initialQuery(initialStatuses));
  const [data, setData] = useState<ApplicationsListPage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [openId, setOpenId] = useState<number | null>(initialOpenId);
  const [openDraft, setOpenDraft] = useState<WorkbenchSummary | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportPath, setExportPath] = useState("");
  const [exportFormat, setExportFormat] = useState<ExportFormat>("xlsx");
  const latest = useRef(0);
  // What the search box shows; the query follows a moment after typing stops, so a fast typist
  // does not start a database search per key.
  const [searchText, setSearchText] = useState("");

  const load = useCallback(
    (q: ApplicationQuery): Promise<void> => {
      const ticket = ++latest.current;
      return applicationsList(q)
        .then((page) => {
          // A slower answer to an older query must not replace a newer one.
          if (ticket !== latest.current) return;
          setData(page);
        })
        .catch((e: unknown) => {
          if (ticket !== latest.current) return;
          setProblem({ headline: t("applicationsList.loadFailed"), error: toIpcError(e) });
        });
    },
    [t],
  );

  useEffect(() => {
    void load(query);
  }, [load, query]);

  // The approval watch saw a change: the page is read again.
  const reloadList = useCallback(() => {
    void load(query);
  }, [load, query]);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery((q) =>
        (q.search ?? "") === searchText ? q : { ...q, offset: 0, search: searchText },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [searchText]);

  function change(next: Partial<ApplicationQuery>): void {
    setQuery((q) => ({ ...q, offset: 0, ...next }));
  }

  function fail(headline: string): (e: unknown) => void {
    return (e: unknown) => {
      setProblem({ headline, error: toIpcError(e) });
    };
  }

  function openDraftById(id: number): Promise<void> {
    return draftOpen(id).then((summary) => {
      setSelected(new Set());
      setOpenId(null);
      setOpenDraft(summary);
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
            setOpenDraft(null);
            void load(query);
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
        activeScope={data?.active_scope ?? "sandbox"}
        onBack={() => {
          setOpenId(null);
          void load(query);
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
          setProblem(null);
        }}
      />
    );

  if (data === null) return <>{problemBox}</>;

  const scope = data.scope;
  const page = data.page;
  const inActive = scope === data.active_scope;
  const scopeName = (s: ApplicationScope): string => t(`applicationsList.scope.${s}`);

  const scopeSwitch = (
    <div className="apps-scope" role="group" aria-label={t("applicationsList.scope.label")}>
      {(["sandbox", "tencent"] as const).map((s) => (
        <button
          key={s}
          type="button"
          className="chip"
          aria-pressed={scope === s}
          data-testid={`applications-scope-${s}`}
          onClick={() => {
            setSelected(new Set());
            change({ scope: s });
          }}
        >
          {scopeName(s)}
        </button>
      ))}
    </div>
  );

  const watchPanel = inActive ? (
    <WatchPanel
      defaultSdkAppId={page.rows[0]?.sdk_app_id ?? null}
      onOpen={(id) => {
        setOpenId(id);
      }}
      onChanged={reloadList}
    />
  ) : null;

  if (page.scope_total === 0) {
    return (
      <div className="apps">
        {scopeSwitch}
        {watchPanel}
        {empty}
        {problemBox}
      </div>
    );
  }

  const date = (iso: string): string => formatDate(iso, i18n.language);
  const shortDate = (iso: string): string => formatDate(iso, i18n.language, "short");
  const failedSelected = [...selected];

  function refresh(): void {
    setRefreshing(true);
    setProblem(null);
    setStatus(null);
    applicationsRefresh(null)
      .then((r) => {
        setStatus(
          t("applicationsList.refreshed", {
            checked: r.checked,
            live: r.numbers_marked,
            approved: r.approved.length,
          }),
        );
        return load(query);
      })
      .catch(fail(t("applicationsList.refreshFailed")))
      .finally(() => {
        setRefreshing(false);
      });
  }

  function exportTo(path: string): Promise<void> {
    return applicationsExport(path, exportFormat, { ...query, offset: 0 }).then((count) => {
      setStatus(t("applicationsList.exported", { count, path }));
      setExporting(false);
    });
  }

  function exportWithDialog(): void {
    setProblem(null);
    chooseSavePath(`${t("applicationsList.fileName")}.${exportFormat}`, {
      name: t(`applicationsList.formats.${exportFormat}`),
      extensions: [exportFormat],
    })
      .then((path) => (path === null ? undefined : exportTo(path)))
      .catch(fail(t("applicationsList.exportFailed")));
  }

  function sortHeader(column: (typeof SORTABLE)[number]["column"]): ReactElement {
    const entry = SORTABLE.find((s) => s.column === column);
    const label = t(`applicationsList.columns.${column}`);
    if (entry === undefined) return <th scope="col">{label}</th>;
    const active = query.sort === entry.sort;
    const ariaSort = active ? (query.descending ? "descending" : "ascending") : "none";
    return (
      <th scope="col" aria-sort={ariaSort}>
        <button
          type="button"
          className="apps-sort"
          data-testid={`applications-sort-${entry.sort}`}
          title={t("applicationsList.sortBy", { column: label })}
          onClick={() => {
            change({
              sort: entry.sort,
              // A new column starts newest/largest first for dates and counts.
              descending: active ? !query.descending : entry.sort !== "state",
            });
          }}
        >
          {label}
          <span aria-hidden="true" className="apps-sort__arrow">
            {active ? (query.descending ? "▼" : "▲") : "↕"}
          </span>
        </button>
      </th>
    );
  }

  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = page.offset + page.rows.length;
  const filtered = query.statuses.length > 0 || (query.search ?? "").trim() !== "";

  return (
    <div className="apps" data-testid="applications">
      {scopeSwitch}
      {!inActive && (
        <p className="apps-note" data-testid="applications-other-scope">
          {t("applicationsList.scope.otherScope", {
            scope: scopeName(scope),
            active: scopeName(data.active_scope),
          })}
        </p>
      )}
      {watchPanel}
      <div className="apps-toolbar">
        <label className="apps-search">
          <span className="visually-hidden">{t("applicationsList.searchLabel")}</span>
          <input
            type="search"
            value={searchText}
            placeholder={t("applicationsList.searchPlaceholder")}
            aria-label={t("applicationsList.searchLabel")}
            data-testid="applications-search"
            onChange={(e) => {
              setSearchText(e.target.value);
            }}
          />
        </label>
        <button
          type="button"
          className="button"
          data-testid="applications-refresh"
          disabled={refreshing || !inActive}
          title={t("applicationsList.refreshHint")}
          onClick={refresh}
        >
          {refreshing ? t("applicationsList.refreshing") : t("applicationsList.refresh")}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="applications-draft-from-failed"
          disabled={failedSelected.length === 0}
          title={t("applicationsList.draftFromFailedHint")}
          onClick={() => {
            setProblem(null);
            applicationsDraftFromFailed(failedSelected)
              .then(openDraftById)
              .catch(fail(t("applicationsList.draftFailed")));
          }}
        >
          {t("applicationsList.draftFromFailed", { count: failedSelected.length })}
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={exporting}
          data-testid="applications-export"
          onClick={() => {
            setExporting((x) => !x);
          }}
        >
          {t("applicationsList.export")}
        </button>
      </div>

      {exporting && (
        <form
          className="apps-export"
          aria-label={t("applicationsList.exportTitle")}
          data-testid="applications-export-form"
          onSubmit={(e) => {
            e.preventDefault();
            setProblem(null);
            exportTo(exportPath.trim()).catch(fail(t("applicationsList.exportFailed")));
          }}
        >
          <p className="apps-export__title">{t("applicationsList.exportTitle")}</p>
          <label>
            {t("applicationsList.exportFormat")}
            <select
              value={exportFormat}
              data-testid="applications-export-format"
              onChange={(e) => {
                setExportFormat(e.target.value === "csv" ? "csv" : "xlsx");
              }}
            >
              <option value="xlsx">{t("applicationsList.formats.xlsx")}</option>
              <option value="csv">{t("applicationsList.formats.csv")}</option>
            </select>
          </label>
          <button
            type="button"
            className="button button--secondary"
            data-testid="applications-export-dialog"
            onClick={exportWithDialog}
          >
            {t("applicationsList.exportChoose")}
          </button>
          <label className="apps-export__path">
            {t("applicationsList.exportPath")}
            <input
              value={exportPath}
              data-testid="applications-export-path"
              onChange={(e) => {
                setExportPath(e.target.value);
              }}
            />
          </label>
          <button
            type="submit"
            className="button"
            disabled={exportPath.trim() === ""}
            data-testid="applications-export-save"
          >
            {t("applicationsList.exportSave")}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setExporting(false);
            }}
          >
            {t("applicationsList.exportCancel")}
          </button>
        </form>
      )}

      <div className="apps-chips" role="group" aria-label={t("applicationsList.filterLabel")}>
        <button
          type="button"
          className="chip"
          aria-pressed={query.statuses.length === 0}
          data-testid="applications-filter-all"
          onClick={() => {
            change({ statuses: [] });
          }}
        >
          {t("applicationsList.filterAll")}{" "}
          <span className="apps-chips__count">
            {page.scope_total.toLocaleString(i18n.language)}
          </span>
        </button>
        {STATUSES.map((s) => {
          const on = query.statuses.includes(s);
          const n = page.counts.find((c) => c.status === s)?.count ?? 0;
          return (
            <button
              key={s}
              type="button"
              className={`chip apps-chip apps-chip--${s}`}
              aria-pressed={on}
              data-testid={`applications-filter-${s}`}
              onClick={() => {
                change({
                  statuses: on ? query.statuses.filter((x) => x !== s) : [...query.statuses, s],
                });
              }}
            >
              {t(`applicationsList.status.${s}`)}{" "}
              <span className="apps-chips__count" data-testid={`applications-count-${s}`}>
                {n.toLocaleString(i18n.language)}
              </span>
            </button>
          );
        })}
      </div>

      {status !== null && (
        <p role="status" className="apps-status" data-testid="applications-status">
          {status}
        </p>
      )}
      {problemBox}

      <div className="apps-table-wrap">
        <table className="apps-table" data-testid="applications-list">
          <thead>
            <tr>
              <th scope="col" className="apps-table__select">
                <span className="visually-hidden">{t("applicationsList.columns.select")}</span>
              </th>
              <th scope="col">{t("applicationsList.columns.id")}</th>
              {sortHeader("status")}
              {sortHeader("applyId")}
              <th scope="col">{t("applicationsList.columns.requestId")}</th>
              {sortHeader("created")}
              {sortHeader("numbers")}
              <th scope="col">{t("applicationsList.columns.sdkAppId")}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <Row
                key={row.id}
                row={row}
                date={date}
                shortDate={shortDate}
                selected={selected.has(row.id)}
                onSelect={(on) => {
                  setSelected((prev) => {
                    const next = new Set(prev);
                    if (on) next.add(row.id);
                    else next.delete(row.id);
                    return next;
                  });
                }}
                onOpen={() => {
                  setStatus(null);
                  setOpenId(row.id);
                }}
              />
            ))}
          </tbody>
        </table>
        {page.total === 0 && (
          <div className="apps-nomatch" data-testid="applications-no-match">
            <p>{t("applicationsList.noMatch")}</p>
            {filtered && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setSearchText("");
                  change({ statuses: [], search: "" });
                }}
              >
                {t("applicationsList.clearFilters")}
              </button>
            )}
          </div>
        )}
      </div>

      <nav
        className="apps-pager"
        aria-label={t("applicationsList.pageInfo", { from, to, total: page.total })}
      >
        <span data-testid="applications-page-info">
          {t("applicationsList.pageInfo", {
            from: from.toLocaleString(i18n.language),
            to: to.toLocaleString(i18n.language),
            total: page.total.toLocaleString(i18n.language),
          })}
        </span>
        <button
          type="button"
          className="button button--secondary"
          data-testid="applications-prev"
          disabled={page.offset === 0}
          onClick={() => {
            setQuery((q) => ({ ...q, offset: Math.max(0, q.offset - PAGE_SIZE) }));
          }}
        >
          {t("applicationsList.previous")}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="applications-next"
          disabled={to >= page.total}
          onClick={() => {
            setQuery((q) => ({ ...q, offset: q.offset + PAGE_SIZE }));
          }}
        >
          {t("applicationsList.next")}
        </button>
      </nav>
    </div>
  );
}

function Row({
  row,
  date,
  shortDate,
  selected,
  onSelect,
  onOpen,
}: {
  row: ApplicationRow;
  date: (iso: string) => string;
  shortDate: (iso: string) => string;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onOpen: () => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const id = String(row.id);
  const selectable = row.status === "failed" && row.redrafted_to === null;
  return (
    <tr data-testid={`application-row-${id}`} data-state={row.status}>
      <td className="apps-table__select">
        {selectable && (
          <input
            type="checkbox"
            checked={selected}
            aria-label={t("applicationsList.selectRow", { id })}
            data-testid={`application-select-${id}`}
            onChange={(e) => {
              onSelect(e.target.checked);
            }}
          />
        )}
      </td>
      <td className="apps-table__id">
        <button
          type="button"
          className="link-button"
          aria-label={t("applicationsList.openLabel", { id })}
          title={t("applicationsList.open")}
          data-testid={`application-open-${id}`}
          onClick={onOpen}
        >
          {t("applicationsList.idLabel", { id })}
        </button>
      </td>
      <td className="apps-table__state">
        <StateChip status={row.status} />
        {row.approved_at !== null && (
          <span
            className="apps-muted apps-approved-at"
            data-testid={`application-approved-at-${id}`}
          >
            {t("applicationsList.approvedAt", { when: shortDate(row.approved_at) })}
          </span>
        )}
      </td>
      <td className="apps-mono" data-testid={`application-apply-id-${id}`}>
        {row.apply_id === null ? t("applicationsList.none") : String(row.apply_id)}
      </td>
      <td className="apps-request">
        {row.request_id === null ? (
          t("applicationsList.none")
        ) : (
          <>
            <code className="apps-mono apps-request__id" title={row.request_id}>
              {row.request_id}
            </code>
            <CopyButton text={row.request_id} testId={`copy-request-id-${id}`} />
          </>
        )}
      </td>
      <td title={date(row.created_at)}>{shortDate(row.created_at)}</td>
      <td>
        {row.number_count.toLocaleString(i18n.language)}
        {row.live_numbers > 0 && row.live_numbers < row.number_count && (
          <span className="apps-muted apps-live">
            {t("applicationsList.liveOf", { live: row.live_numbers, count: row.number_count })}
          </span>
        )}
      </td>
      <td className="apps-mono">{String(row.sdk_app_id)}</td>
    </tr>
  );
}
