import type { ApplicationStatus } from "../bindings/ApplicationStatus";
import type { Overview } from "../bindings/Overview";
import type { OverviewApplication } from "../bindings/OverviewApplication";
import type { OverviewGroup } from "../bindings/OverviewGroup";

const STATUSES: ApplicationStatus[] = [
  "queued",
  "sending",
  "submitted",
  "approved",
  "failed",
  "unknown",
];

export const NO_GROUP: OverviewGroup = { total: 0, numbers: 0, applications: [] };

/** `overview_get` on a fresh install: no history, every count zero, nothing to do. */
export const NO_HISTORY: Overview = {
  scope: "sandbox",
  history: false,
  counts: STATUSES.map((status) => ({ status, applications: 0, numbers: 0 })),
  went_live: NO_GROUP,
  unknown: NO_GROUP,
  failed: NO_GROUP,
  waiting_long: NO_GROUP,
  stopped_queue: null,
  running: false,
  endpoint: { kind: "sandbox", label: "Sandbox", url: "http://127.0.0.1:48123/" },
  attention: 0,
  long_wait_days: 3,
  live_window_days: 7,
};

export function app(
  id: number,
  at: string,
  extra: Partial<OverviewApplication> = {},
): OverviewApplication {
  return {
    id,
    number_count: 2,
    at,
    error_code: null,
    live_numbers: 0,
    approved_at: null,
    ...extra,
  };
}

/** An overview with history: `counts` per status (applications; two numbers each). */
export function overviewWith(
  counts: Partial<Record<ApplicationStatus, number>>,
  rest: Partial<Overview> = {},
): Overview {
  return {
    ...NO_HISTORY,
    history: true,
    counts: STATUSES.map((status) => ({
      status,
      applications: counts[status] ?? 0,
      numbers: (counts[status] ?? 0) * 2,
    })),
    ...rest,
  };
}
