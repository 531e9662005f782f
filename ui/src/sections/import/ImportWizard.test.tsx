import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import type { ImportPreview } from "../../bindings/ImportPreview";
import type { OpenDraftSummary } from "../../bindings/OpenDraftSummary";
import type { Language } from "../../bindings/Language";
import { createI18n } from "../../i18n";
import { callsOf, ipcError, mockCommands, rejectWith } from "../../test/renderApp";
import { ImportWizard } from "./ImportWizard";

const PREVIEW: ImportPreview = {
  sourceName: "运营商号码.csv",
  format: "csv",
  encoding: { name: "gb18030", detection: "guessed" },
  delimiter: ",",
  sheets: [],
  sheet: null,
  rows: [
    { line: 1, cells: ["号码清单"] },
    { line: 2, cells: ["号码", "呼叫类型", "备注"] },
    { line: 3, cells: ["020-3800-0501", "呼出", "x"] },
  ],
  totalRows: 3,
  headerRow: 2,
  columns: [
    { index: 0, letter: "A", header: "号码", samples: ["020-3800-0501"] },
    { index: 1, letter: "B", header: "呼叫类型", samples: ["呼出"] },
    { index: 2, letter: "C", header: "备注", samples: ["x"] },
  ],
  mapping: { PhoneNumber: 0, CallType: 1 },
  issues: [
    {
      severity: "warning",
      code: "encoding_guessed",
      field: null,
      message: "The encoding was guessed as gb18030.",
    },
  ],
  country: "CN",
};

const SUMMARY: OpenDraftSummary = {
  draftId: 4,
  name: "运营商号码.csv",
  totalRows: 1,
  errorRows: 0,
  warningRows: 0,
  fileIssues: [],
  numberForms: [],
  numberForm: null,
};

function setup(handlers: Record<string, (args: unknown) => unknown>, language: Language = "en") {
  const calls = mockCommands(handlers);
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ImportWizard />
    </I18nextProvider>,
  );
  return { calls, user };
}

describe("import wizard", () => {
  it("walks path → header row → mapping → review, passing the user's choices", async () => {
    const { calls, user } = setup({
      import_open_path: () => PREVIEW,
      import_reread: (args) => ({
        ...PREVIEW,
        encoding: {
          name: (args as { read: { encoding: string } }).read.encoding,
          detection: "override",
        },
      }),
      import_columns: () => ({
        headerRow: 2,
        columns: PREVIEW.columns,
        mapping: PREVIEW.mapping,
      }),
      import_process: () => SUMMARY,
      import_rows_page: () => ({ summary: SUMMARY, matching: 1, offset: 0, rows: [] }),
    });
    expect(screen.getByTestId("step-source")).toBeTruthy();
    expect(
      screen.getByTestId<HTMLButtonElement>("import-open-path").disabled,
      "nothing to open before a path is typed",
    ).toBe(true);
    await user.type(screen.getByLabelText("File path"), "/data/运营商号码.csv");
    await user.click(screen.getByTestId("import-open-path"));

    await screen.findByTestId("step-header");
    expect(callsOf(calls, "import_open_path")[0]?.args).toEqual({
      path: "/data/运营商号码.csv",
      read: null,
    });
    expect(screen.getByTestId("encoding-detection").textContent).toContain("guessed");
    expect(
      screen.getByTestId<HTMLInputElement>("header-row-2").checked,
      "the detected header row is preselected",
    ).toBe(true);

    await user.selectOptions(screen.getByTestId("encoding-select"), "UTF-8");
    await waitFor(() => {
      expect(callsOf(calls, "import_reread")[0]?.args).toEqual({ read: { encoding: "UTF-8" } });
    });
    await waitFor(() => {
      expect(screen.getByTestId("encoding-detection").textContent).toContain("chosen by you");
    });

    await user.click(screen.getByTestId("header-next"));
    await screen.findByTestId("step-mapping");
    expect(callsOf(calls, "import_columns")[0]?.args).toEqual({ headerRow: 2 });
    expect(
      screen.getByLabelText<HTMLSelectElement>("Phone number").value,
      "auto-filled mapping",
    ).toBe("0");
    expect(screen.getByTestId("samples-PhoneNumber").textContent).toBe("020-3800-0501");
    // The mapping's select and the default for rows without the column share the field's name.
    expect(screen.getAllByLabelText("Carrier number")).toHaveLength(2);
    await user.selectOptions(screen.getByTestId("map-CarrierPhoneNumber"), "2");
    expect(screen.getByTestId("samples-CarrierPhoneNumber").textContent).toBe("x");
    await user.selectOptions(screen.getByTestId("default-call-type"), "1");
    await user.type(screen.getByTestId("default-max-count"), "10");
    // The callee format and the carrier number have defaults too, not only file columns.
    await user.selectOptions(screen.getByTestId("default-callee-format"), "{+E.164}");
    await user.type(screen.getByTestId("default-carrier"), " 02038000600 ");
    expect(
      screen.getAllByTestId("api-name-calleeFormat").map((e) => e.textContent),
      "the mapping and the default both name the API field",
    ).toEqual(["OutboundCalleeFormat", "OutboundCalleeFormat"]);

    await user.click(screen.getByTestId("mapping-process"));
    await screen.findByTestId("review-grid");
    const request = (callsOf(calls, "import_process")[0]?.args as { request: unknown }).request;
    expect(request).toEqual({
      headerRow: 2,
      mapping: { PhoneNumber: 0, CallType: 1, CarrierPhoneNumber: 2 },
      defaults: {
        callType: 1,
        maxCallCount: 10,
        outboundCalleeFormat: "{+E.164}",
        carrierPhoneNumber: "02038000600",
      },
      country: "CN",
      name: "运营商号码.csv",
      lang: "en",
    });
  });

  it("shows the backend's message when a file cannot be read", async () => {
    const { user } = setup({
      import_open_path: () => rejectWith(ipcError("io", "cannot read /nope.csv: No such file")),
    });
    await user.type(screen.getByTestId("import-path-input"), "/nope.csv");
    await user.click(screen.getByTestId("import-open-path"));
    expect((await screen.findByTestId("wizard-error")).textContent).toContain("cannot read");
    expect(screen.getByTestId("step-source"), "the user stays on the first step").toBeTruthy();
  });

  it("says when a file is open, so the welcome above it folds away", async () => {
    mockCommands({ import_open_text: () => PREVIEW });
    const started: boolean[] = [];
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n("en")}>
        <ImportWizard onStartedChange={(s) => started.push(s)} />
      </I18nextProvider>,
    );
    expect(started).toEqual([false]);
    await user.type(screen.getByTestId("import-paste-input"), "PhoneNumber");
    await user.click(screen.getByTestId("import-open-text"));
    await screen.findByTestId("step-header");
    expect(started.at(-1), "rule: once a file is open the wizard says so").toBe(true);
  });

  it("is translated into Simplified Chinese", async () => {
    const { user } = setup({ import_open_text: () => PREVIEW }, "zh-CN");
    expect(screen.getByLabelText("文件路径")).toBeTruthy();
    await user.type(screen.getByLabelText("或粘贴从 Excel 复制的行"), "号码{Tab}呼叫类型");
    await user.click(screen.getByRole("button", { name: "使用粘贴的行" }));
    expect((await screen.findByTestId("step-header")).textContent).toContain("哪一行是列名");
  });
});
