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
  wentLive: NO_GROUP,
  unknown: NO_GROUP,
  failed: NO_GROUP,
  waitingLong: NO_GROUP,
  stoppedQueue: null,
  running: false,
  endpoint: { kind: "sandbox", label: "Sandbox", url: "http://127.0.0.1:48123/" },
  attention: 0,
  longWaitDays: 3,
  liveWindowDays: 7,
};

export function app(
  id: number,
  at: string,
  extra: Partial<OverviewApplication> = {},
): OverviewApplication {
  return {
    id,
    numberCount: 2,
    at,
    errorCode: null,
    liveNumbers: 0,
    approvedAt: null,
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
