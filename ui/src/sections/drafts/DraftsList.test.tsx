// The drafts list renders the store's own time format, and a time it cannot read shows as text
// instead of taking the whole window down (a RangeError in render unmounts the app).
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import type { DraftSummary } from "../../bindings/DraftSummary";
import { createI18n } from "../../i18n";
import { mockCommands } from "../../test/renderApp";
import { DraftsList, parseUtc } from "./DraftsList";

function draft(id: number, updated: string): DraftSummary {
  return {
    id,
    header: { name: `list ${String(id)}`, options: {} },
    rows: 6,
    errorRows: 2,
    createdAt: updated,
    updatedAt: updated,
  };
}

describe("drafts list", () => {
  it("reads UTC times as the store writes them, and older ones without a zone", () => {
    expect(parseUtc("2026-11-30T10:03:42.466Z")?.toISOString()).toBe("2026-11-30T10:03:42.466Z");
    expect(parseUtc("2026-11-30 10:03:42")?.toISOString()).toBe("2026-11-30T10:03:42.000Z");
    expect(parseUtc("yesterday"), "not a time").toBeNull();
  });

  it("lists drafts with their date, numbers and errors; an unreadable date shows as written", async () => {
    mockCommands({
      drafts_list: () => [draft(1, "2026-11-30T10:03:42.466Z"), draft(2, "not a date")],
    });
    render(
      <I18nextProvider i18n={createI18n("en")}>
        <DraftsList empty={<p>empty</p>} />
      </I18nextProvider>,
    );
    const dates = await screen.findAllByTestId("draft-updated");
    expect(dates[0]?.textContent, "the store's format is a real date").toMatch(/2026/);
    expect(dates[0]?.textContent).not.toMatch(/Invalid/);
    expect(dates[1]?.textContent, "rule: a bad date never breaks the list").toBe("not a date");
    expect(screen.getAllByTestId("draft-rows")[0]?.textContent).toBe("6");
    expect(screen.getAllByTestId("draft-errors")[0]?.textContent).toBe("2");
  });
});
