import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { CallType } from "../../bindings/CallType";
import type { GridRow } from "../../bindings/GridRow";
import type { RowsPage } from "../../bindings/RowsPage";
import type { OpenDraftSummary } from "../../bindings/OpenDraftSummary";
import { createI18n } from "../../i18n";
import { callsOf, mockCommands } from "../../test/renderApp";
import { PAGE_SIZE, ROW_HEIGHT, ReviewGrid } from "./ReviewGrid";

const TOTAL = 100_000;

function summary(over: Partial<OpenDraftSummary> = {}): OpenDraftSummary {
  return {
    draftId: 1,
    name: "numbers.csv",
    totalRows: TOTAL,
    errorRows: 1000,
    warningRows: 10,
    fileIssues: [],
    numberForms: [],
    numberForm: null,
    ...over,
  };
}

/** Row `i` of a synthetic 100,000-row draft; every 100th row has an error. */
function row(i: number, phone?: string): GridRow {
  const bad = i % 100 === 0;
  return {
    index: i,
    row: {
      line: i + 2,
      phoneNumber: phone ?? `0203800${String(i).padStart(5, "0")}`,
      callType: CallType.Outbound,
      maxCallCount: 10,
      maxCallPsec: 2,
      issues: bad
        ? [
            {
              severity: "error",
              code: "letters_in_number",
              field: "PhoneNumber",
              message: `Row ${String(i + 2)}: letters in the number`,
            },
          ]
        : [],
    },
  };
}

const state = { total: TOTAL };

function pageOf(args: unknown, fixed: Map<number, string>): RowsPage {
  const { offset, limit, filter } = args as { offset: number; limit: number; filter: string };
  const rows: GridRow[] = [];
  for (let k = 0; k < limit; k++) {
    const i = filter === "errors" ? (offset + k) * 100 : offset + k;
    if (i >= TOTAL || (filter === "errors" && offset + k >= 1000)) break;
    rows.push(row(i, fixed.get(i)));
  }
  return {
    summary: summary({ totalRows: state.total }),
    matching: filter === "errors" ? 1000 : state.total,
    offset,
    rows,
  };
}

function setup(handlers: Record<string, (args: unknown) => unknown> = {}) {
  const fixed = new Map<number, string>();
  state.total = TOTAL;
  const calls = mockCommands({
    import_rows_page: (args) => pageOf(args, fixed),
    ...handlers,
  });
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={createI18n("en")}>
      <ReviewGrid initial={summary()} viewportHeight={360} />
    </I18nextProvider>,
  );
  return { calls, user, fixed };
}

function renderedRows(): HTMLElement[] {
  return screen.queryAllByTestId(/^grid-row-\d+$/);
}

describe("Review grid: numbers written in different ways", () => {
  it("warns about a mix and writes all numbers the same way on request", async () => {
    const mixed = summary({
      totalRows: 3,
      numberForms: [
        { form: "national", rows: 1 },
        { form: "plus", rows: 1 },
        { form: "international_prefix", rows: 1 },
      ],
    });
    let current = mixed;
    const calls = mockCommands({
      import_rows_page: () => ({ summary: current, matching: 3, offset: 0, rows: [row(1)] }),
      draft_write_numbers: () => {
        current = summary({
          totalRows: 3,
          numberForms: [{ form: "national", rows: 3 }],
          numberForm: "national",
        });
        return current;
      },
    });
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n("en")}>
        <ReviewGrid initial={mixed} viewportHeight={360} />
      </I18nextProvider>,
    );
    const notice = await screen.findByTestId("number-forms");
    expect(notice.textContent).toContain("1 written nationally (020…); 1 with +86; 1 with 0086");
    await user.click(screen.getByTestId("number-forms-write"));
    await waitFor(() => {
      expect(screen.queryByTestId("number-forms")).toBeNull();
    });
    expect(callsOf(calls, "draft_write_numbers")[0]?.args).toEqual({ form: "national" });
  });
});

describe("review grid", () => {
  it("renders only the visible rows of 100,000 and fetches only the first page", async () => {
    const { calls } = setup();
    await screen.findByTestId("grid-row-0");
    const rendered = renderedRows().length;
    expect(rendered, "virtualisation: a screenful plus overscan, not 100,000").toBeLessThan(25);
    expect(rendered).toBeGreaterThanOrEqual(360 / ROW_HEIGHT);
    expect(
      callsOf(calls, "import_rows_page").map((c) => c.args),
      "rows reach the UI in pages: one page for the first screen",
    ).toEqual([{ offset: 0, limit: PAGE_SIZE, filter: "all" }]);
    expect(screen.getByTestId("count-all").textContent).toBe((100000).toLocaleString());
    expect(screen.getByTestId("count-errors").textContent).toBe((1000).toLocaleString());
  });

  it("scrolling far down fetches just the page in view and renders those rows", async () => {
    const { calls } = setup();
    await screen.findByTestId("grid-row-0");
    const viewport = screen.getByTestId("grid-viewport");
    viewport.scrollTop = 50_000 * ROW_HEIGHT;
    fireEvent.scroll(viewport);
    await screen.findByTestId("grid-row-50000");
    expect(screen.queryByTestId("grid-row-0"), "rows scrolled away leave the DOM").toBeNull();
    const offsets = callsOf(calls, "import_rows_page").map(
      (c) => (c.args as { offset: number }).offset,
    );
    expect(offsets.every((o) => o === 0 || (o >= 49_900 && o <= 50_100))).toBe(true);
    expect(renderedRows().length).toBeLessThan(25);
  });

  it("an inline edit (Enter saves) sends the typed values and shows the re-checked row", async () => {
    const { calls, user, fixed } = setup({
      draft_edit_row: (args) => {
        const { index, edit } = args as { index: number; edit: { phoneNumber: string } };
        fixed.set(index, edit.phoneNumber);
        return { ...row(1, edit.phoneNumber), index, row: { ...row(1, edit.phoneNumber).row } };
      },
    });
    await screen.findByTestId("grid-row-0");
    expect(screen.getByTestId("grid-row-0").textContent).toContain("letters in the number");
    await user.click(screen.getByTestId("grid-edit-0"));
    const phone = screen.getByTestId("edit-phone");
    await user.clear(phone);
    await user.type(phone, "02038000999{Enter}");
    await waitFor(() => {
      expect(callsOf(calls, "draft_edit_row")).toHaveLength(1);
    });
    expect(callsOf(calls, "draft_edit_row")[0]?.args).toEqual({
      index: 0,
      edit: {
        phoneNumber: "02038000999",
        callType: "1",
        maxCallCount: "10",
        maxCallPsec: "2",
        outboundCalleeFormat: "",
        carrierPhoneNumber: "",
      },
    });
    await waitFor(() => {
      expect(screen.getByTestId("grid-row-0").textContent).toContain("02038000999");
    });
    expect(screen.getByTestId("review-status").textContent).toContain("Row saved");
  });

  it("keyboard: the grid takes the focus; Edit moves it into the row, Enter and Escape give it back", async () => {
    const { calls, user, fixed } = setup({
      draft_edit_row: (args) => {
        const { index, edit } = args as { index: number; edit: { phoneNumber: string } };
        fixed.set(index, edit.phoneNumber);
        return { ...row(1, edit.phoneNumber), index, row: { ...row(1, edit.phoneNumber).row } };
      },
    });
    await screen.findByTestId("grid-row-0");
    await waitFor(() => {
      expect(document.activeElement, "opened, the grid has the focus on its heading").toBe(
        screen.getByTestId("review-name"),
      );
    });

    screen.getByTestId("grid-edit-0").focus();
    await user.keyboard("{Enter}");
    const phone = screen.getByTestId<HTMLInputElement>("edit-phone");
    expect(document.activeElement, "Edit moves the focus into the row's first cell").toBe(phone);
    expect(phone.selectionStart, "with the value selected").toBe(0);
    expect(phone.selectionEnd).toBe(phone.value.length);
    await user.keyboard("02038000999{Enter}");
    await waitFor(() => {
      expect(screen.getByTestId("grid-row-0").textContent).toContain("02038000999");
    });
    expect(callsOf(calls, "draft_edit_row")).toHaveLength(1);
    await waitFor(() => {
      expect(document.activeElement, "Enter saves and the Edit button has the focus again").toBe(
        screen.getByTestId("grid-edit-0"),
      );
    });

    await user.keyboard("{Enter}");
    expect(document.activeElement).toBe(screen.getByTestId("edit-phone"));
    await user.keyboard("1{Escape}");
    expect(screen.queryByTestId("edit-phone"), "Escape leaves the row unchanged").toBeNull();
    expect(callsOf(calls, "draft_edit_row")).toHaveLength(1);
    expect(document.activeElement, "Escape gives the focus back to the Edit button").toBe(
      screen.getByTestId("grid-edit-0"),
    );
  });

  it("the call type is edited with a choice of the three values, not typed", async () => {
    const { calls, user } = setup({
      draft_edit_row: (args) => ({ ...row(0), ...(args as object) }),
    });
    await screen.findByTestId("grid-row-0");
    await user.click(screen.getByTestId("grid-edit-0"));
    const callType = screen.getByTestId<HTMLSelectElement>("edit-call-type");
    expect(callType.tagName, "rule: the call type is a choice").toBe("SELECT");
    expect([...callType.options].map((o) => o.textContent)).toHaveLength(3);
    await user.selectOptions(callType, "2");
    await user.click(screen.getByTestId("edit-save"));
    await waitFor(() => {
      expect(callsOf(calls, "draft_edit_row")).toHaveLength(1);
    });
    expect(
      (callsOf(calls, "draft_edit_row")[0]?.args as { edit: { callType: string } }).edit.callType,
    ).toBe("2");
  });

  it("the errors filter asks for error rows only, from the top", async () => {
    const { calls, user } = setup();
    await screen.findByTestId("grid-row-0");
    const viewport = screen.getByTestId("grid-viewport");
    viewport.scrollTop = 70_000 * ROW_HEIGHT;
    fireEvent.scroll(viewport);
    await screen.findByTestId("grid-row-70000");
    await user.click(screen.getByTestId("filter-errors"));
    await screen.findByTestId("grid-row-100");
    expect(screen.getByTestId("filter-errors").getAttribute("aria-pressed")).toBe("true");
    const last = callsOf(calls, "import_rows_page").at(-1);
    expect(last?.args).toEqual({ offset: 0, limit: PAGE_SIZE, filter: "errors" });
    expect(screen.queryByTestId("grid-row-1"), "rows without errors are hidden").toBeNull();
    expect(viewport.scrollTop, "a new filter starts at its first row").toBe(0);
  });

  it("bulk set and delete act on the selected rows, delete only after confirmation", async () => {
    const { calls, user } = setup({
      draft_bulk_set: () => summary(),
      draft_delete_rows: () => {
        state.total = TOTAL - 2;
        return summary({ totalRows: state.total });
      },
    });
    await screen.findByTestId("grid-row-0");
    await user.click(screen.getByTestId("grid-select-1"));
    await user.click(screen.getByTestId("grid-select-3"));
    await user.selectOptions(screen.getByTestId("bulk-call-type"), "2");
    await user.type(screen.getByTestId("bulk-max-count"), "20");
    await user.click(screen.getByTestId("bulk-apply"));
    await waitFor(() => {
      expect(callsOf(calls, "draft_bulk_set")).toHaveLength(1);
    });
    expect(callsOf(calls, "draft_bulk_set")[0]?.args).toEqual({
      indices: [1, 3],
      set: { callType: "2", maxCallCount: 20 },
    });
    await user.click(screen.getByTestId("delete-selected"));
    expect(callsOf(calls, "draft_delete_rows"), "nothing deleted before confirming").toHaveLength(
      0,
    );
    await user.click(screen.getByTestId("delete-confirm"));
    await waitFor(() => {
      expect(callsOf(calls, "draft_delete_rows")[0]?.args).toEqual({ indices: [1, 3] });
    });
    await waitFor(() => {
      expect(screen.getByTestId("count-all").textContent).toBe((TOTAL - 2).toLocaleString());
    });
  });
  it("edits the callee format and the carrier number of a row, and sets them on selected rows", async () => {
    const { calls, user } = setup({
      draft_edit_row: (args) => {
        const { index, edit } = args as {
          index: number;
          edit: { outboundCalleeFormat: string; carrierPhoneNumber: string };
        };
        const base = row(index);
        return {
          index,
          row: {
            ...base.row,
            outboundCalleeFormat: edit.outboundCalleeFormat,
            carrierPhoneNumber: edit.carrierPhoneNumber,
          },
        };
      },
      draft_bulk_set: () => summary(),
    });
    await screen.findByTestId("grid-row-1");
    await user.click(screen.getByTestId("grid-edit-1"));
    const more = screen.getByTestId("edit-more");
    expect(more.textContent, "each editor names the API field").toContain("OutboundCalleeFormat");
    expect(more.textContent).toContain("CarrierPhoneNumber");
    await user.selectOptions(screen.getByTestId("edit-callee-format"), "{E.164}");
    await user.type(screen.getByTestId("edit-carrier"), "02038000600{Enter}");
    await waitFor(() => {
      expect(callsOf(calls, "draft_edit_row")).toHaveLength(1);
    });
    expect(callsOf(calls, "draft_edit_row")[0]?.args).toMatchObject({
      index: 1,
      edit: { outboundCalleeFormat: "{E.164}", carrierPhoneNumber: "02038000600" },
    });
    await waitFor(() => {
      expect(screen.getByTestId("row-callee-format").textContent).toBe("{E.164}");
    });
    expect(screen.getByTestId("row-carrier").textContent).toBe("02038000600");

    // On selected rows: a format, or "remove" to clear it; an empty carrier box keeps theirs.
    await user.click(screen.getByTestId("grid-select-2"));
    await user.selectOptions(screen.getByTestId("bulk-callee-format"), "clear");
    await user.click(screen.getByTestId("bulk-apply"));
    await user.selectOptions(screen.getByTestId("bulk-callee-format"), "{+E.164}");
    await user.type(screen.getByTestId("bulk-carrier"), "+862038000601");
    await user.click(screen.getByTestId("bulk-apply"));
    await waitFor(() => {
      expect(callsOf(calls, "draft_bulk_set")).toHaveLength(2);
    });
    expect(callsOf(calls, "draft_bulk_set").map((c) => c.args)).toEqual([
      { indices: [2], set: { outboundCalleeFormat: "" } },
      {
        indices: [2],
        set: { outboundCalleeFormat: "{+E.164}", carrierPhoneNumber: "+862038000601" },
      },
    ]);
  });
});
