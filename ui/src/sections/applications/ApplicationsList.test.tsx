import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it, vi } from "vitest";
import type { ApplicationQuery } from "../../bindings/ApplicationQuery";
import type { ApplicationRow } from "../../bindings/ApplicationRow";
import type { ConnectionKind } from "../../bindings/ConnectionKind";
import type { ApplicationStatus } from "../../bindings/ApplicationStatus";
import type { ApplicationsListPage } from "../../bindings/ApplicationsListPage";
import type { RowsPage } from "../../bindings/RowsPage";
import { createI18n } from "../../i18n";
import { callsOf, mockCommands, rejectWith, type Handler } from "../../test/renderApp";
import { ApplicationsList, PAGE_SIZE, STATUSES } from "./ApplicationsList";

function row(id: number, status: ApplicationStatus, over: Partial<ApplicationRow> = {}) {
  const known = status !== "queued" && status !== "unknown" && status !== "sending";
  return {
    id,
    status,
    state: status === "approved" ? "submitted" : status,
    applyId: known && status !== "failed" ? 880000 + id : null,
    requestId: status === "queued" ? null : `req-${String(id)}-5b1c`,
    createdAt: "2026-11-30T09:12:06.123Z",
    updatedAt: "2026-11-30T09:12:07.000Z",
    numberCount: 100,
    liveNumbers: status === "approved" ? 100 : 0,
    sdkAppId: 1400000001,
    sipTrunkId: 10001,
    endpoint: { kind: "sandbox", host: "127.0.0.1:48123" },
    errorCode: status === "failed" ? "InvalidParameter.SipTrunkNotFound" : null,
    errorMessage: status === "failed" ? "SipTrunkId 9 does not exist" : null,
    note: null,
    draftId: 1,
    redraftedTo: null,
    approvedAt: null,
    ...over,
  } satisfies ApplicationRow;
}

const TOTAL = 4_321;

/** A store of 4,321 applications: row i has the status STATUSES[i % 6]. */
function statusOf(i: number): ApplicationStatus {
  return STATUSES[i % STATUSES.length] ?? "queued";
}

function page(query: ApplicationQuery, scope: ConnectionKind = "sandbox"): ApplicationsListPage {
  const all: number[] = [];
  for (let i = 1; i <= TOTAL; i++) {
    if (query.statuses.length > 0 && !query.statuses.includes(statusOf(i))) continue;
    if ((query.search ?? "").trim() !== "" && !String(880000 + i).startsWith(query.search ?? ""))
      continue;
    all.push(i);
  }
  if (query.descending) all.reverse();
  const slice = all.slice(query.offset, query.offset + query.limit);
  return {
    scope: query.scope ?? scope,
    activeScope: scope,
    page: {
      total: all.length,
      offset: query.offset,
      rows: slice.map((i) => row(i, statusOf(i))),
      counts: STATUSES.map((s, k) => ({ status: s, count: 700 + k })),
      scopeTotal: query.scope === "tencent" ? 0 : TOTAL,
    },
  };
}

function queryOf(args: unknown): ApplicationQuery {
  return (args as { query: ApplicationQuery }).query;
}

function setup(handlers: Partial<Record<string, Handler>> = {}) {
  const calls = mockCommands({
    applications_list: (args) => page(queryOf(args)),
    ...handlers,
  });
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={createI18n("en")}>
      <ApplicationsList empty={<p data-testid="empty-applications">none yet</p>} />
    </I18nextProvider>,
  );
  const lastQuery = (): ApplicationQuery => {
    const list = callsOf(calls, "applications_list");
    return queryOf(list[list.length - 1]?.args);
  };
  return { calls, user, lastQuery };
}

describe("ApplicationsList", () => {
  it("shows a page of rows with state chips, ApplyId, RequestId, date, count and SdkAppId", async () => {
    setup();
    const table = await screen.findByTestId("applications-list");
    const rows = within(table).getAllByRole("row");
    expect(rows, "rule: one page at a time, never 4,321 rows in the DOM").toHaveLength(
      PAGE_SIZE + 1,
    );
    const first = screen.getByTestId(`application-row-${String(TOTAL)}`);
    expect(first.dataset["state"], "newest first by default").toBe(statusOf(TOTAL));
    const submitted = screen.getByTestId("application-row-4316");
    expect(within(submitted).getByTestId("state-chip-submitted").textContent).toBe(
      "Submitted – awaiting Tencent review",
    );
    expect(within(submitted).getByText("884316")).toBeTruthy();
    expect(within(submitted).getByText("req-4316-5b1c")).toBeTruthy();
    expect(within(submitted).getByText("1400000001")).toBeTruthy();
    expect(within(submitted).getByText("100")).toBeTruthy();
    expect(within(submitted).getByText(/^11\/30\/26/), "a short date in the row").toBeTruthy();
    expect(within(submitted).getByTitle(/Nov 30, 2026/), "the full date on hover").toBeTruthy();
    expect(screen.getByTestId("applications-page-info").textContent).toBe("1–100 of 4,321");
  });

  it("labels every filter chip as the issue names them, with its count", async () => {
    setup();
    await screen.findByTestId("applications-list");
    const labels = STATUSES.map((s) => screen.getByTestId(`applications-filter-${s}`).textContent);
    expect(labels).toEqual([
      "Queued 700",
      "Sending 701",
      "Submitted – awaiting Tencent review 702",
      "Approved/live 703",
      "Failed 704",
      "Outcome unknown 705",
    ]);
  });

  it("filters by state with the chips (toggle buttons) and goes back to page 1", async () => {
    const { user, lastQuery } = setup();
    await screen.findByTestId("applications-list");
    await user.click(screen.getByTestId("applications-next"));
    await waitFor(() => {
      expect(lastQuery().offset).toBe(PAGE_SIZE);
    });
    const unknown = screen.getByTestId("applications-filter-unknown");
    await user.click(unknown);
    await waitFor(() => {
      expect(lastQuery().statuses).toEqual(["unknown"]);
    });
    expect(lastQuery().offset, "a new filter starts at its first page").toBe(0);
    expect(unknown.getAttribute("aria-pressed")).toBe("true");
    await waitFor(() => {
      const states = screen.getAllByTestId(/^application-row-/).map((r) => r.dataset["state"]);
      expect(new Set(states)).toEqual(new Set(["unknown"]));
    });
    await user.click(screen.getByTestId("applications-filter-failed"));
    await waitFor(() => {
      expect(lastQuery().statuses).toEqual(["unknown", "failed"]);
    });
    await user.click(screen.getByTestId("applications-filter-all"));
    await waitFor(() => {
      expect(lastQuery().statuses).toEqual([]);
    });
  }, 20_000);

  it("searches by number or ApplyId as the user types", async () => {
    const { lastQuery } = setup();
    await screen.findByTestId("applications-list");
    fireEvent.change(screen.getByTestId("applications-search"), { target: { value: "88432" } });
    await waitFor(() => {
      expect(lastQuery().search).toBe("88432");
    });
    await waitFor(() => {
      expect(screen.getAllByTestId(/^application-row-/)).toHaveLength(2);
    });
    fireEvent.change(screen.getByTestId("applications-search"), { target: { value: "nothing" } });
    expect(await screen.findByTestId("applications-no-match")).toBeTruthy();
  }, 20_000);

  it("sorts by clicking column headers, with aria-sort saying how", async () => {
    const { user, lastQuery } = setup();
    await screen.findByTestId("applications-list");
    const created = screen.getByTestId("applications-sort-created").closest("th");
    expect(created?.getAttribute("aria-sort")).toBe("descending");
    await user.click(screen.getByTestId("applications-sort-numbers"));
    await waitFor(() => {
      expect(lastQuery()).toMatchObject({ sort: "numbers", descending: true });
    });
    const numbers = screen.getByTestId("applications-sort-numbers").closest("th");
    expect(numbers?.getAttribute("aria-sort")).toBe("descending");
    expect(created?.getAttribute("aria-sort")).toBe("none");
    await user.click(screen.getByTestId("applications-sort-numbers"));
    await waitFor(() => {
      expect(lastQuery()).toMatchObject({ sort: "numbers", descending: false });
    });
    expect(numbers?.getAttribute("aria-sort")).toBe("ascending");
    await user.click(screen.getByTestId("applications-sort-state"));
    await waitFor(() => {
      expect(lastQuery()).toMatchObject({ sort: "state", descending: false });
    });
    await user.click(screen.getByTestId("applications-sort-apply_id"));
    await waitFor(() => {
      expect(lastQuery().sort).toBe("apply_id");
    });
  }, 20_000);

  it("copies a RequestId with its button and says so", async () => {
    const { user } = setup();
    await screen.findByTestId("applications-list");
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText },
      configurable: true,
    });
    await user.click(screen.getByTestId("copy-request-id-4316"));
    expect(writeText).toHaveBeenCalledWith("req-4316-5b1c");
    expect((await screen.findByTestId("copy-request-id-4316-status")).textContent).toBe(
      "RequestId copied",
    );
  });

  it("switches between Sandbox and Tencent applications; an empty scope shows the empty state", async () => {
    const { user, lastQuery } = setup();
    await screen.findByTestId("applications-list");
    expect(screen.getByTestId("applications-scope-sandbox").getAttribute("aria-pressed")).toBe(
      "true",
    );
    await user.click(screen.getByTestId("applications-scope-tencent"));
    await waitFor(() => {
      expect(lastQuery().scope).toBe("tencent");
    });
    expect(await screen.findByTestId("empty-applications")).toBeTruthy();
    expect(screen.getByTestId("applications-scope-tencent").getAttribute("aria-pressed")).toBe(
      "true",
    );
  });

  it("refreshes the status and reports what changed", async () => {
    const { user, calls } = setup({
      applications_refresh: () => ({
        scope: "sandbox",
        checked: 12,
        reports: [],
        numbersMarked: 200,
        approved: [3, 9],
      }),
    });
    await screen.findByTestId("applications-list");
    await user.click(screen.getByTestId("applications-refresh"));
    expect((await screen.findByTestId("applications-status")).textContent).toBe(
      "Checked 12 applications: 200 numbers newly live, 2 applications newly approved.",
    );
    expect(callsOf(calls, "applications_refresh")[0]?.args).toEqual({ ids: null });
  });

  it("shows a refresh failure in plain language", async () => {
    const { user } = setup({
      applications_refresh: () =>
        rejectWith({ code: "network", message: "connect refused", details: null }),
    });
    await screen.findByTestId("applications-list");
    await user.click(screen.getByTestId("applications-refresh"));
    const notice = await screen.findByTestId("applications-error");
    expect(notice.textContent).toContain("Couldn't refresh the status.");
  });

  it("makes a new draft from the selected failed rows and opens it in the grid", async () => {
    const rowsPage: RowsPage = {
      summary: {
        draftId: 77,
        name: "failed rows",
        totalRows: 0,
        errorRows: 0,
        warningRows: 0,
        fileIssues: [],
        numberForms: [],
        numberForm: null,
      },
      matching: 0,
      offset: 0,
      rows: [],
    };
    const { user, calls } = setup({
      applications_draft_from_failed: () => 77,
      draft_open: () => rowsPage.summary,
      import_rows_page: () => rowsPage,
    });
    await screen.findByTestId("applications-list");
    const button = screen.getByTestId("applications-draft-from-failed");
    expect(button).toHaveProperty("disabled", true);
    expect(
      screen.queryByTestId("application-select-4317"),
      "only failed rows can be selected (4317 is approved)",
    ).toBeNull();
    await user.click(screen.getByTestId("application-select-4318"));
    await user.click(screen.getByTestId("application-select-4312"));
    expect(button.textContent).toBe("New draft from failed rows (2)");
    await user.click(button);
    await waitFor(() => {
      expect(callsOf(calls, "draft_open")[0]?.args).toMatchObject({ id: 77 });
    });
    expect(callsOf(calls, "applications_draft_from_failed")[0]?.args).toEqual({
      ids: [4318, 4312],
    });
    expect(await screen.findByTestId("applications-draft-back")).toBeTruthy();
  });

  it("exports what the list shows to the path typed", async () => {
    const { user, calls } = setup({ applications_export: () => 705 });
    await screen.findByTestId("applications-list");
    await user.click(screen.getByTestId("applications-filter-unknown"));
    await user.click(screen.getByTestId("applications-export"));
    await user.selectOptions(screen.getByTestId("applications-export-format"), "csv");
    fireEvent.change(screen.getByTestId("applications-export-path"), {
      target: { value: "/tmp/out.csv" },
    });
    await user.click(screen.getByTestId("applications-export-save"));
    expect((await screen.findByTestId("applications-status")).textContent).toBe(
      "Exported 705 applications to /tmp/out.csv.",
    );
    const args = callsOf(calls, "applications_export")[0]?.args as {
      path: string;
      format: string;
      query: ApplicationQuery;
    };
    expect(args.path).toBe("/tmp/out.csv");
    expect(args.format).toBe("csv");
    expect(args.query.statuses, "rule: the export follows the filter").toEqual(["unknown"]);
  }, 20_000);

  it("speaks Chinese", async () => {
    mockCommands({ applications_list: (args) => page(queryOf(args)) });
    render(
      <I18nextProvider i18n={createI18n("zh-CN")}>
        <ApplicationsList empty={<p>none</p>} />
      </I18nextProvider>,
    );
    expect((await screen.findByTestId("applications-filter-unknown")).textContent).toBe(
      "结果未知 705",
    );
    expect(screen.getByTestId("applications-refresh").textContent).toBe("刷新状态");
  });
});
