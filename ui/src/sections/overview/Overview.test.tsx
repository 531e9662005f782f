import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Overview } from "../../bindings/Overview";
import type { SendReport } from "../../bindings/SendReport";
import { IDLE_STATUS } from "../../test/outboxFixtures";
import { NO_HISTORY, app, overviewWith } from "../../test/overviewFixtures";
import {
  NO_APPLICATIONS,
  callsOf,
  deferred,
  ipcError,
  rejectWith,
  renderApp,
} from "../../test/renderApp";

const AT = "2026-11-30T09:12:06.123Z";

/** History with one of each problem: 2 unknown (1 listed of 6), 1 failed, 2 queued, 1 waiting. */
const BUSY: Overview = overviewWith(
  { queued: 2, submitted: 3, approved: 5, failed: 1, unknown: 6 },
  {
    wentLive: {
      total: 2,
      numbers: 3,
      applications: [
        app(11, AT, { approvedAt: AT, liveNumbers: 2 }),
        app(12, AT, { liveNumbers: 1, numberCount: 4 }),
      ],
    },
    unknown: {
      total: 6,
      numbers: 12,
      applications: [app(7, AT, { errorCode: "OutcomeUnknown" })],
    },
    failed: {
      total: 1,
      numbers: 2,
      applications: [app(9, AT, { errorCode: "InvalidParameter.SipTrunkNotFound" })],
    },
    waitingLong: { total: 1, numbers: 2, applications: [app(4, AT)] },
    stoppedQueue: { applications: 2, numbers: 5 },
    attention: 10,
  },
);

function withOverview(overview: Overview, handlers = {}) {
  return renderApp({
    handlers: {
      overview_get: () => overview,
      outbox_status: () => IDLE_STATUS,
      ...handlers,
    },
  });
}

function sectionNow(): string | null {
  return screen.getByRole("main").getAttribute("data-testid");
}

describe("Overview", () => {
  it("is the first screen once there is history, with the attention count on the sidebar", async () => {
    withOverview(BUSY);
    const heading = await screen.findByTestId("section-heading-overview");
    expect(heading.textContent).toBe("Overview");
    expect(screen.getByTestId("nav-overview").getAttribute("aria-current")).toBe("page");
    const badge = screen.getByTestId("nav-badge-overview");
    expect(badge.textContent).toBe("10");
    expect(badge.getAttribute("aria-label")).toBe("10 applications need your attention");
  });

  it("lists the unfinished work itself: the banner of other sections stays off the Overview", async () => {
    const { user } = withOverview(BUSY, {
      outbox_status: () => ({ ...IDLE_STATUS, queued: 2 }),
    });
    await screen.findByTestId("overview-attention-queued");
    expect(screen.queryByTestId("interrupted-banner")).toBeNull();
    await user.click(screen.getByTestId("nav-drafts"));
    expect(await screen.findByTestId("interrupted-banner")).toBeTruthy();
  });

  it("on a fresh install Import stays first and the sidebar shows no count", async () => {
    renderApp();
    await screen.findByTestId("section-heading-import");
    expect(screen.queryByTestId("nav-badge-overview")).toBeNull();
    expect(screen.getByTestId("nav-overview")).toBeTruthy();
  });

  it("draws the states as a stacked bar with a legend in words that filters Applications", async () => {
    const { user, calls } = withOverview(BUSY, { applications_list: () => NO_APPLICATIONS });
    const bar = await screen.findByTestId("overview-bar");
    const parts = [...bar.children].map((p) => [
      p.getAttribute("data-testid"),
      (p as HTMLElement).style.flexGrow,
    ]);
    expect(parts, "one part per state with applications, as wide as its count").toEqual([
      ["overview-bar-queued", "2"],
      ["overview-bar-submitted", "3"],
      ["overview-bar-approved", "5"],
      ["overview-bar-failed", "1"],
      ["overview-bar-unknown", "6"],
    ]);
    expect(screen.getByTestId("overview-total").textContent).toBe("17 applications, 34 numbers");
    const approved = screen.getByTestId("overview-count-approved");
    expect(approved.textContent).toBe("Approved/live5");
    expect(approved.getAttribute("title")).toBe("Show the 5 applications: Approved/live");
    await user.click(approved);
    expect(sectionNow()).toBe("section-applications");
    const query = callsOf(calls, "applications_list").at(-1)?.args as {
      query: { statuses: string[] };
    };
    expect(query.query.statuses).toEqual(["approved"]);
  });

  it("says what went live this week", async () => {
    withOverview(BUSY);
    const live = await screen.findByTestId("overview-live");
    expect(screen.getByTestId("overview-live-summary").textContent).toBe(
      "3 numbers went live in the last 7 days.",
    );
    expect(live.textContent).toContain("#11: approved, all 2 numbers live");
    expect(live.textContent).toContain("#12: 1 of 4 numbers live");
  });

  it("lists what needs attention, each with the button that deals with it", async () => {
    const detailAsked: number[] = [];
    const { user, calls } = withOverview(BUSY, {
      application_detail: (args: unknown) => {
        detailAsked.push((args as { id: number }).id);
        return rejectWith(ipcError("internal", "not in this test"));
      },
      applications_list: () => NO_APPLICATIONS,
    });
    const unknown = await screen.findByTestId("overview-attention-unknown");
    expect(within(unknown).getByRole("heading").textContent).toBe(
      "6 applications with an unknown outcome",
    );
    expect(unknown.textContent).toContain("#7 · 2 numbers · ");
    const failed = screen.getByTestId("overview-attention-failed").textContent;
    expect(failed, "a refusal in plain words, Tencent's code beside it").toContain(
      "#9: Tencent doesn't know this SipTrunkId for this SdkAppId. InvalidParameter.SipTrunkNotFound · ",
    );
    expect(screen.getByTestId("overview-attention-queued").textContent).toContain(
      "2 applications queued and not being sent",
    );
    expect(screen.getByTestId("overview-attention-waiting").textContent).toContain(
      "1 application waiting over 3 days for review",
    );

    // Outcome unknown: Resolve opens that application, where the resolve actions are.
    const resolve = within(unknown).getByTestId("overview-resolve-7");
    expect(resolve.getAttribute("aria-label")).toBe("Resolve application 7");
    await user.click(resolve);
    expect(sectionNow()).toBe("section-applications");
    await waitFor(() => {
      expect(detailAsked).toEqual([7]);
    });

    // Five more unknown than listed: "Show all 6" filters Applications.
    await user.click(screen.getByTestId("nav-overview"));
    await user.click(await screen.findByTestId("overview-show-all-unknown"));
    const query = callsOf(calls, "applications_list").at(-1)?.args as {
      query: { statuses: string[] };
    };
    expect(query.query.statuses).toEqual(["unknown"]);

    // Failed: Open shows the application (its New draft from failed rows).
    await user.click(screen.getByTestId("nav-overview"));
    await user.click(await screen.findByTestId("overview-open-9"));
    await waitFor(() => {
      expect(detailAsked).toEqual([7, 9]);
    });
  });

  it("Resume sending sends the queued work and shows the run", async () => {
    const resumed = deferred<SendReport>();
    const { user, calls } = withOverview(BUSY, {
      outbox_send_queued: () => resumed.promise,
      outbox_status: () => ({ ...IDLE_STATUS, queued: 2 }),
    });
    await user.click(await screen.findByTestId("overview-resume"));
    expect(callsOf(calls, "outbox_send_queued")).toHaveLength(1);
    expect(await screen.findByTestId("submit-progress")).toBeTruthy();
  });

  it("Check now asks Tencent about applications under review and reads the overview again", async () => {
    let reads = 0;
    const after = { ...BUSY, waitingLong: NO_HISTORY.waitingLong, attention: 9 };
    const { user, calls } = withOverview(BUSY, {
      overview_get: () => (++reads > 2 ? after : BUSY),
      applications_refresh: () => ({
        scope: "sandbox",
        checked: 4,
        reports: [],
        numbersMarked: 2,
        approved: [4],
      }),
    });
    await user.click(await screen.findByTestId("overview-check-now"));
    expect(callsOf(calls, "applications_refresh")[0]?.args).toEqual({ ids: null });
    expect((await screen.findByTestId("overview-checked")).textContent).toBe(
      "Checked 4 applications: 2 numbers newly live, 1 applications newly approved.",
    );
    await waitFor(() => {
      expect(screen.queryByTestId("overview-attention-waiting")).toBeNull();
    });
    expect(screen.getByTestId("nav-badge-overview").textContent).toBe("9");
  });

  it("says when nothing needs attention, and offers Import when nothing was sent here", async () => {
    const { user, unmount } = withOverview(overviewWith({ approved: 1 }));
    expect((await screen.findByTestId("overview-attention-none")).textContent).toBe(
      "Nothing needs your attention.",
    );
    expect(screen.getByTestId("overview-live-summary").textContent).toBe(
      "No number went live in the last 7 days.",
    );
    expect(screen.queryByTestId("nav-badge-overview")).toBeNull();
    unmount();
    // History, but all of it sent to Tencent while the Sandbox is in use.
    withOverview({ ...NO_HISTORY, history: true });
    const empty = await screen.findByTestId("overview-empty");
    expect(empty.textContent).toContain("Nothing was sent to Sandbox yet");
    await user.click(screen.getByTestId("overview-go-import"));
    expect(sectionNow()).toBe("section-import");
  });

  it("speaks 简体中文", async () => {
    renderApp({
      initialLanguage: "zh-CN",
      handlers: { overview_get: () => BUSY, outbox_status: () => IDLE_STATUS },
    });
    expect((await screen.findByTestId("section-heading-overview")).textContent).toBe("概览");
    expect((await screen.findByTestId("overview-attention")).textContent).toContain("需要您处理");
    expect(screen.getByTestId("overview-attention-unknown").textContent).toContain(
      "6 个申请结果未知",
    );
    expect(screen.getByTestId("nav-badge-overview").getAttribute("aria-label")).toBe(
      "有 10 个申请需要您处理",
    );
  });
});
