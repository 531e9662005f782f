import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { DraftSummary } from "../../bindings/DraftSummary";
import type { OutboxStatus } from "../../bindings/OutboxStatus";
import type { RowsPage } from "../../bindings/RowsPage";
import type { SubmitPreview } from "../../bindings/SubmitPreview";
import type { OpenDraftSummary } from "../../bindings/OpenDraftSummary";
import { IDLE_STATUS } from "../../test/outboxFixtures";
import { callsOf, renderApp } from "../../test/renderApp";

const DRAFT: DraftSummary = {
  id: 4,
  header: { name: "march.csv", options: {} },
  rows: 25,
  errorRows: 1,
  createdAt: "2026-11-30 09:00:00",
  updatedAt: "2026-11-30 09:00:00",
};

const OPEN_DRAFT: OpenDraftSummary = {
  draftId: 4,
  name: "march.csv",
  totalRows: 25,
  errorRows: 1,
  warningRows: 0,
  fileIssues: [],
  numberForms: [],
  numberForm: null,
};

const STATUS: OutboxStatus = IDLE_STATUS;

const BLOCKED: SubmitPreview = {
  draftId: 4,
  draftName: "march.csv",
  connection: "sandbox",
  endpoint: { kind: "sandbox", label: "Sandbox", url: "http://127.0.0.1:48123/" },
  scope: { kind: "sandbox", host: "127.0.0.1:48123" },
  sdkAppId: 1400000001,
  sdkAppName: "Sandbox Contact Centre",
  apps: [],
  appsError: null,
  sipTrunkId: 10001,
  rows: 25,
  numbersToSend: 24,
  applicationCount: 1,
  numbersPerApplication: 100,
  blocked: [{ position: 24, sourceLine: 26, phoneNumber: "abc", message: "letters" }],
  blockedCount: 1,
  taken: [],
  takenCount: 0,
  repeated: [],
  repeatedCount: 0,
  includeDuplicates: false,
  canSend: false,
  request: null,
  queuedBefore: 0,
  numberForm: "national",
  numberFormChosen: false,
  exampleNumber: null,
  confirmToken: "0f3a",
};

describe("Submit from the drafts list", () => {
  it("opens the submit screen and links back to the grid filtered to errors", async () => {
    const { user, calls } = renderApp({
      handlers: {
        drafts_list: () => [DRAFT],
        outbox_status: () => STATUS,
        submit_preview: () => BLOCKED,
        draft_open: () => OPEN_DRAFT,
        import_rows_page: (): RowsPage => ({
          summary: OPEN_DRAFT,
          matching: 0,
          offset: 0,
          rows: [],
        }),
      },
    });
    await user.click(await screen.findByTestId("nav-drafts"));
    await user.click(await screen.findByTestId("draft-submit-4"));
    await user.click(await screen.findByTestId("submit-fix-rows"));
    await screen.findByTestId("review-grid");
    expect(screen.getByTestId("filter-errors").getAttribute("aria-pressed")).toBe("true");
    await waitFor(() => {
      expect(callsOf(calls, "import_rows_page").at(-1)?.args).toMatchObject({ filter: "errors" });
    });
    expect(screen.getByTestId("section-drafts")).toBeTruthy();
  });
});
