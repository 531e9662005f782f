// The native dialogs as the UI drives them: the open dialog feeds the chosen path to
// import_open_path, the save dialog's path goes to template_save / draft_export, and a cancelled
// dialog does nothing. The dialogs are the app's own commands (dialog_open_import, dialog_save),
// mocked at the IPC boundary.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import type { ImportPreview } from "../../bindings/ImportPreview";
import type { Language } from "../../bindings/Language";
import type { OpenDraftSummary } from "../../bindings/OpenDraftSummary";
import { createI18n } from "../../i18n";
import { callsOf, ipcError, mockCommands, rejectWith, type Handler } from "../../test/renderApp";
import { WelcomePanel } from "../settings/WelcomePanel";
import { ImportWizard } from "./ImportWizard";
import { ReviewGrid } from "./ReviewGrid";

const PREVIEW: ImportPreview = {
  sourceName: "numbers.xlsx",
  format: "xlsx",
  encoding: null,
  delimiter: null,
  sheets: ["Sheet1"],
  sheet: "Sheet1",
  rows: [{ line: 1, cells: ["PhoneNumber"] }],
  totalRows: 1,
  headerRow: 1,
  columns: [{ index: 0, letter: "A", header: "PhoneNumber", samples: [] }],
  mapping: { PhoneNumber: 0 },
  issues: [],
  country: "CN",
};

const SUMMARY: OpenDraftSummary = {
  draftId: 2,
  name: "April list.xlsx",
  totalRows: 0,
  errorRows: 0,
  warningRows: 0,
  fileIssues: [],
  numberForms: [],
  numberForm: null,
};

function renderWith(
  ui: React.ReactElement,
  handlers: Partial<Record<string, Handler>>,
  language: Language = "en",
) {
  const calls = mockCommands(handlers);
  const user = userEvent.setup();
  render(<I18nextProvider i18n={createI18n(language)}>{ui}</I18nextProvider>);
  return { calls, user };
}

const FILTER_NAME = "Number lists (CSV, TSV, TXT, XLSX, XLS)";

type DialogArgs = { filterName?: string; extensions?: string[]; defaultName?: string };

describe("native dialogs", () => {
  it("Choose file opens the OS dialog filtered to importable files and reads the chosen path", async () => {
    const { calls, user } = renderWith(<ImportWizard />, {
      dialog_open_import: () => "/home/admin/April list.xlsx",
      import_open_path: () => PREVIEW,
    });
    await user.click(screen.getByRole("button", { name: "Choose file…" }));
    await screen.findByTestId("step-header");
    const options = callsOf(calls, "dialog_open_import")[0]?.args as DialogArgs;
    // The app filters the dialog to what the wizard reads (IMPORT_EXTENSIONS, in Rust).
    expect(options.filterName).toBe(FILTER_NAME);
    expect(callsOf(calls, "import_open_path")[0]?.args).toEqual({
      path: "/home/admin/April list.xlsx",
      read: null,
    });
  });

  it("a cancelled open dialog reads nothing and stays on the first step", async () => {
    const { calls, user } = renderWith(<ImportWizard />, {
      dialog_open_import: () => null,
    });
    await user.click(screen.getByTestId("import-choose-file"));
    await waitFor(() => {
      expect(callsOf(calls, "dialog_open_import")).toHaveLength(1);
    });
    expect(callsOf(calls, "import_open_path")).toHaveLength(0);
    expect(screen.getByTestId("step-source")).toBeTruthy();
  });

  it("the welcome's template download saves where the user chose, in the UI language", async () => {
    const { calls, user } = renderWith(
      <WelcomePanel
        appInfo={{ status: "loading" }}
        onOpenSettings={() => undefined}
        dismissedBefore={false}
      />,
      {
        dialog_save: () => "/home/admin/号码清单模板.xlsx",
        template_save: () => 5120,
      },
      "zh-CN",
    );
    await user.click(screen.getByRole("button", { name: "Excel 模板 (.xlsx)" }));
    expect((await screen.findByTestId("welcome-template-saved")).textContent).toContain(
      "/home/admin/号码清单模板.xlsx",
    );
    const options = callsOf(calls, "dialog_save")[0]?.args as DialogArgs;
    expect(options.defaultName, "a file name in the user's language is proposed").toBe(
      "号码清单模板.xlsx",
    );
    expect(callsOf(calls, "template_save")[0]?.args).toEqual({
      path: "/home/admin/号码清单模板.xlsx",
      format: "xlsx",
      lang: "zh-CN",
    });
  });

  it("the import screen offers the CSV template and shows why saving failed", async () => {
    const { calls, user } = renderWith(<ImportWizard />, {
      dialog_save: () => "/readonly/template.csv",
      template_save: () => rejectWith(ipcError("io", "cannot write /readonly/template.csv")),
    });
    await user.click(screen.getByTestId("import-template-csv"));
    expect((await screen.findByTestId("import-template-error")).textContent).toContain(
      "cannot write /readonly/template.csv",
    );
    expect(callsOf(calls, "template_save")[0]?.args).toEqual({
      path: "/readonly/template.csv",
      format: "csv",
      lang: "en",
    });
  });

  it("a cancelled save dialog writes no template", async () => {
    const { calls, user } = renderWith(<ImportWizard />, {
      dialog_save: () => null,
    });
    await user.click(screen.getByTestId("import-template-xlsx"));
    await waitFor(() => {
      expect(callsOf(calls, "dialog_save")).toHaveLength(1);
    });
    expect(callsOf(calls, "template_save")).toHaveLength(0);
  });

  it("the grid exports rows with findings to the path chosen in the save dialog", async () => {
    const { calls, user } = renderWith(<ReviewGrid initial={SUMMARY} />, {
      import_rows_page: () => ({ summary: SUMMARY, matching: 0, offset: 0, rows: [] }),
      dialog_save: () => "/home/admin/April list findings.csv",
      draft_export: () => 3,
    });
    await user.selectOptions(screen.getByTestId("export-format"), "csv");
    await user.click(screen.getByRole("button", { name: "Save rows with findings as…" }));
    await waitFor(() => {
      expect(callsOf(calls, "draft_export")[0]?.args).toEqual({
        path: "/home/admin/April list findings.csv",
        format: "csv",
      });
    });
    const options = callsOf(calls, "dialog_save")[0]?.args as DialogArgs;
    expect(options.defaultName).toBe("April list findings.csv");
    expect(options.extensions).toEqual(["csv"]);
    expect((await screen.findByTestId("review-status")).textContent).toContain("Exported 3 rows");
  });
});
