// Accessibility basics with axe-core over the screens of the first-run path: the whole app on the
// import screen (welcome, wizard), each wizard step, the review grid with findings, the drafts
// list and Settings. Labels, names, roles and landmarks are checked here; colour contrast needs a
// real renderer (jsdom has no layout), so it is judged on the e2e screenshots instead.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { useState, type ReactElement } from "react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { CallType } from "./bindings/CallType";
import type { DraftSummary } from "./bindings/DraftSummary";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { RowsPage } from "./bindings/RowsPage";
import type { SubmitPreview } from "./bindings/SubmitPreview";
import type { OpenDraftSummary } from "./bindings/OpenDraftSummary";
import { createI18n } from "./i18n";
import { ConfirmDialog } from "./sections/submit/ConfirmDialog";
import { renderApp } from "./test/renderApp";

async function violations(root: Element): Promise<string[]> {
  const result = await axe.run(root, {
    rules: { "color-contrast": { enabled: false } },
    resultTypes: ["violations"],
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

const PREVIEW: ImportPreview = {
  sourceName: "运营商号码.csv",
  format: "csv",
  encoding: { name: "gb18030", detection: "guessed" },
  delimiter: ",",
  sheets: [],
  sheet: null,
  rows: [
    { line: 1, cells: ["号码清单"] },
    { line: 2, cells: ["号码", "呼叫类型"] },
    { line: 3, cells: ["2.01235E+10", "呼出"] },
  ],
  totalRows: 3,
  headerRow: 2,
  columns: [
    { index: 0, letter: "A", header: "号码", samples: ["2.01235E+10"] },
    { index: 1, letter: "B", header: "呼叫类型", samples: ["呼出"] },
  ],
  mapping: { PhoneNumber: 0, CallType: 1 },
  issues: [],
  country: "CN",
};

const SUMMARY: OpenDraftSummary = {
  draftId: 1,
  name: "运营商号码.csv",
  totalRows: 2,
  errorRows: 1,
  warningRows: 0,
  fileIssues: [],
  numberForms: [],
  numberForm: null,
};

const PAGE: RowsPage = {
  summary: SUMMARY,
  matching: 2,
  offset: 0,
  rows: [
    {
      index: 0,
      row: {
        line: 3,
        phoneNumber: "2.01235E+10",
        callType: CallType.Outbound,
        maxCallCount: 10,
        maxCallPsec: 2,
        issues: [
          {
            severity: "error",
            code: "scientific_notation",
            field: "PhoneNumber",
            message: "Row 3: digits were lost",
          },
        ],
      },
    },
    {
      index: 1,
      row: {
        line: 4,
        phoneNumber: "02038000505",
        callType: CallType.Inbound,
        maxCallCount: 5,
        maxCallPsec: 1,
        issues: [],
      },
    },
  ],
};

const DRAFT: DraftSummary = {
  id: 1,
  header: { name: "运营商号码.csv", options: {} },
  rows: 2,
  errorRows: 1,
  createdAt: "2026-11-30T09:00:00.000Z",
  updatedAt: "2026-11-30T09:05:00.123Z",
};

const handlers = {
  import_open_path: () => PREVIEW,
  import_columns: () => ({ headerRow: 2, columns: PREVIEW.columns, mapping: PREVIEW.mapping }),
  import_process: () => SUMMARY,
  import_rows_page: () => PAGE,
  draft_open: () => SUMMARY,
};

describe("accessibility (axe-core)", () => {
  it("the import screen with the welcome, and every wizard step up to the grid", async () => {
    const { user, container } = renderApp({ handlers });
    await screen.findByTestId("welcome-panel");
    expect(await violations(container), "first screen").toEqual([]);

    await user.type(screen.getByTestId("import-path-input"), "/data/运营商号码.csv");
    await user.click(screen.getByTestId("import-open-path"));
    await screen.findByTestId("step-header");
    expect(await violations(container), "sheet and header row step").toEqual([]);

    await user.click(screen.getByTestId("header-next"));
    await screen.findByTestId("step-mapping");
    expect(await violations(container), "column mapping step").toEqual([]);

    await user.click(screen.getByTestId("mapping-process"));
    await screen.findByTestId("grid-row-1");
    expect(await violations(container), "review grid").toEqual([]);

    await user.click(screen.getByTestId("grid-edit-0"));
    await screen.findByTestId("edit-phone");
    expect(await violations(container), "review grid while editing a row").toEqual([]);
  }, 30_000);

  it("the drafts list and Settings", async () => {
    const { user, container } = renderApp({
      handlers: { ...handlers, drafts_list: () => [DRAFT] },
    });
    await user.click(await screen.findByTestId("nav-drafts"));
    await screen.findByTestId("drafts-table");
    expect(await violations(container), "drafts list").toEqual([]);

    await user.click(screen.getByTestId("nav-settings"));
    await waitFor(() => {
      expect(screen.getByTestId("settings-account")).toBeTruthy();
    });
    expect(await violations(container), "settings").toEqual([]);
  }, 30_000);
});

/** What ConfirmDialog reads of a preview. */
const CONFIRM_PREVIEW = {
  endpoint: { kind: "sandbox", label: "sandbox", url: "http://127.0.0.1:1/" },
  numbersToSend: 3,
  applicationCount: 1,
} as unknown as SubmitPreview;

/** A Send button opening the confirmation, as the submit screen has it. */
function ConfirmHarness({ onConfirm }: { onConfirm: () => void }): ReactElement {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        data-testid="open-confirm"
        onClick={() => {
          setOpen(true);
        }}
      >
        send
      </button>
      {open && (
        <ConfirmDialog
          preview={CONFIRM_PREVIEW}
          onCancel={() => {
            setOpen(false);
          }}
          onConfirm={onConfirm}
        />
      )}
    </>
  );
}

describe("keyboard and focus", () => {
  it("each wizard step, then the grid, takes the focus (the button that led there is gone)", async () => {
    const { user } = renderApp({ handlers });
    await screen.findByTestId("welcome-panel");
    await user.type(screen.getByTestId("import-path-input"), "/data/运营商号码.csv{Enter}");
    await waitFor(() => {
      expect(document.activeElement, "the header step").toBe(screen.getByTestId("step-header"));
    });
    screen.getByTestId("header-next").focus();
    await user.keyboard("{Enter}");
    await waitFor(() => {
      expect(document.activeElement, "the mapping step").toBe(screen.getByTestId("step-mapping"));
    });
    screen.getByTestId("mapping-process").focus();
    await user.keyboard("{Enter}");
    await waitFor(() => {
      expect(document.activeElement, "the grid's heading").toBe(screen.getByTestId("review-name"));
    });
  }, 30_000);

  it("the confirmation keeps Tab inside, Escape closes it and the focus returns to Send", async () => {
    const user = userEvent.setup();
    let confirmed = 0;
    render(
      <I18nextProvider i18n={createI18n("en")}>
        <ConfirmHarness
          onConfirm={() => {
            confirmed += 1;
          }}
        />
      </I18nextProvider>,
    );
    const opener = screen.getByTestId("open-confirm");
    opener.focus();
    await user.keyboard("{Enter}");
    const cancel = screen.getByTestId("submit-confirm-cancel");
    const send = screen.getByTestId("submit-confirm-send");
    expect(document.activeElement, "the dialog opens on Cancel").toBe(cancel);
    await user.keyboard("{Tab}");
    expect(document.activeElement).toBe(send);
    await user.keyboard("{Tab}");
    expect(document.activeElement, "Tab wraps inside the dialog").toBe(cancel);
    await user.keyboard("{Shift>}{Tab}{/Shift}");
    expect(document.activeElement, "Shift+Tab wraps inside the dialog").toBe(send);
    await user.keyboard("{Shift>}{Tab}{/Shift}");
    expect(document.activeElement).toBe(cancel);
    // WebKitGTK's Shift+Tab: key "Unidentified", code "Tab".
    fireEvent.keyDown(cancel, { key: "Unidentified", code: "Tab", shiftKey: true });
    expect(document.activeElement, "WebKitGTK's Shift+Tab also wraps").toBe(send);
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("submit-confirm"), "Escape closes the dialog").toBeNull();
    expect(confirmed, "without sending").toBe(0);
    expect(document.activeElement, "the focus is back on the button that opened it").toBe(opener);
  });
});
