// Typed wrappers over the Applications commands. Every rejection is an IpcError envelope (see
// index.ts).
import { call } from ".";
import type { ApplicationChanges } from "../bindings/ApplicationChanges";
import type { ApplicationDetail } from "../bindings/ApplicationDetail";
import type { ApplicationQuery } from "../bindings/ApplicationQuery";
import type { ApplicationSummary } from "../bindings/ApplicationSummary";
import type { ApplicationsListPage } from "../bindings/ApplicationsListPage";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ModifyReport } from "../bindings/ModifyReport";
import type { RefreshReport } from "../bindings/RefreshReport";

/** One page of applications with the counts per status (the active connection's by default). */
export function applicationsList(query: ApplicationQuery): Promise<ApplicationsListPage> {
  return call("applications_list", { query });
}

/** An application, a page of its numbers and its attempt history. */
export function applicationDetail(
  id: number,
  numbersOffset = 0,
  numbersLimit = 0,
): Promise<ApplicationDetail> {
  return call("application_detail", { id, numbersOffset, numbersLimit });
}

/** Reconciles with DescribeNumbers (the active connection); `null` refreshes every application. */
export function applicationsRefresh(ids: number[] | null): Promise<RefreshReport> {
  return call("applications_refresh", { ids });
}

/** ModifyOwnNumberApply for an application Tencent still reviews. */
export function applicationModify(id: number, changes: ApplicationChanges): Promise<ModifyReport> {
  return call("application_modify", { id, changes });
}

/** Records the ApplyId the user found in the console for an "outcome unknown" application. */
export function applicationResolve(id: number, applyId: string): Promise<ApplicationSummary> {
  return call("application_resolve", { id, applyId });
}

/** The user found no such application in the console: it becomes failed. */
export function applicationMarkNotCreated(id: number): Promise<ApplicationSummary> {
  return call("application_mark_not_created", { id });
}

/** A new draft from the numbers of failed applications; resolves to its id. */
export function applicationsDraftFromFailed(ids: number[]): Promise<number> {
  return call("applications_draft_from_failed", { ids });
}

/** Writes every application matching `query` to `path`; resolves to how many were written. */
export function applicationsExport(
  path: string,
  format: ExportFormat,
  query: ApplicationQuery,
): Promise<number> {
  return call("applications_export", { path, format, query });
}
