// Findings are written by Rust in one language; when the UI switches language, the grid opens the
// draft again in the new one and re-reads its rows, so the findings are translated too.
import { act, render, screen, waitFor } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import type { RowsPage } from "../../bindings/RowsPage";
import type { OpenDraftSummary } from "../../bindings/OpenDraftSummary";
import { createI18n } from "../../i18n";
import { callsOf, mockCommands } from "../../test/renderApp";
import { ReviewGrid } from "./ReviewGrid";

const SUMMARY: OpenDraftSummary = {
  draftId: 7,
  name: "April list",
  totalRows: 1,
  errorRows: 1,
  warningRows: 0,
  fileIssues: [],
  numberForms: [],
  numberForm: null,
};

function page(lang: "en" | "zh-CN"): RowsPage {
  return {
    summary: SUMMARY,
    matching: 1,
    offset: 0,
    rows: [
      {
        index: 0,
        row: {
          line: 3,
          phoneNumber: "2.01235E+10",
          callType: null,
          maxCallCount: 10,
          maxCallPsec: 2,
          issues: [
            {
              severity: "error",
              code: "scientific_notation",
              field: "PhoneNumber",
              message: lang === "en" ? "Row 3: scientific notation" : "第 3 行：科学计数法",
            },
          ],
        },
      },
    ],
  };
}

describe("review grid language", () => {
  it("reopens the draft in the new language and shows the translated findings", async () => {
    let lang: "en" | "zh-CN" = "en";
    const calls = mockCommands({
      import_rows_page: () => page(lang),
      draft_open: (args) => {
        lang = (args as { lang: "en" | "zh-CN" }).lang;
        return SUMMARY;
      },
    });
    const i18n = createI18n("en");
    render(
      <I18nextProvider i18n={i18n}>
        <ReviewGrid initial={SUMMARY} />
      </I18nextProvider>,
    );
    expect((await screen.findByTestId("cell-findings")).textContent).toBe(
      "Row 3: scientific notation",
    );
    expect(callsOf(calls, "draft_open"), "no reopen while the language stays").toHaveLength(0);

    await act(async () => {
      await i18n.changeLanguage("zh-CN");
    });
    await waitFor(() => {
      expect(screen.getByTestId("cell-findings").textContent).toBe("第 3 行：科学计数法");
    });
    expect(callsOf(calls, "draft_open")[0]?.args).toEqual({ id: 7, lang: "zh-CN" });
    expect(screen.getByTestId("filter-errors").textContent).toContain("错误");
  });
});
