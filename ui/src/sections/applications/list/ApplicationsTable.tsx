import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationPage } from "../../../bindings/ApplicationPage";
import type { ApplicationQuery } from "../../../bindings/ApplicationQuery";
import type { ApplicationSort } from "../../../bindings/ApplicationSort";
import { formatDate } from "../parts";
import { ListRow } from "./ListRow";

type Column = "status" | "applyId" | "created" | "numbers";

/** Sortable columns and the header label key of each. */
const SORTABLE: { sort: ApplicationSort; column: Column }[] = [
  { sort: "state", column: "status" },
  { sort: "apply_id", column: "applyId" },
  { sort: "created", column: "created" },
  { sort: "numbers", column: "numbers" },
];

function SortHeader({
  column,
  query,
  onSort,
}: {
  column: Column;
  query: ApplicationQuery;
  onSort: (sort: ApplicationSort, descending: boolean) => void;
}): ReactElement {
  const { t } = useTranslation();
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
          // A new column starts newest/largest first for dates and counts.
          onSort(entry.sort, active ? !query.descending : entry.sort !== "state");
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

/** A page of applications with sortable headings; "none match" (and a way out) when empty. */
export function ApplicationsTable({
  page,
  query,
  selected,
  onSort,
  onSelect,
  onOpen,
  onClearFilters,
}: {
  page: ApplicationPage;
  query: ApplicationQuery;
  selected: ReadonlySet<number>;
  onSort: (sort: ApplicationSort, descending: boolean) => void;
  onSelect: (id: number, on: boolean) => void;
  onOpen: (id: number) => void;
  onClearFilters: () => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const date = (iso: string): string => formatDate(iso, i18n.language);
  const shortDate = (iso: string): string => formatDate(iso, i18n.language, "short");
  const filtered = query.statuses.length > 0 || (query.search ?? "").trim() !== "";
  const sortHeader = (column: Column): ReactElement => (
    <SortHeader column={column} query={query} onSort={onSort} />
  );
  return (
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
            <ListRow
              key={row.id}
              row={row}
              date={date}
              shortDate={shortDate}
              selected={selected.has(row.id)}
              onSelect={(on) => {
                onSelect(row.id, on);
              }}
              onOpen={() => {
                onOpen(row.id);
              }}
            />
          ))}
        </tbody>
      </table>
      {page.total === 0 && (
        <div className="apps-nomatch" data-testid="applications-no-match">
          <p>{t("applicationsList.noMatch")}</p>
          {filtered && (
            <button type="button" className="link-button" onClick={onClearFilters}>
              {t("applicationsList.clearFilters")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
