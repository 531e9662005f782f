import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SECTION_IDS } from "./sections";
import { renderApp } from "./test/renderApp";

const HEADINGS = {
  overview: "Overview",
  import: "Import numbers",
  drafts: "Drafts",
  applications: "Applications",
  settings: "Settings",
} as const;

function currentItems(): string[] {
  return SECTION_IDS.filter(
    (id) => screen.getByTestId(`nav-${id}`).getAttribute("aria-current") === "page",
  );
}

describe("sidebar navigation", () => {
  it("opens on Import numbers on a fresh install, with exactly that item marked current", async () => {
    renderApp();
    const heading = await screen.findByTestId("section-heading-import");
    expect(heading.tagName, "each section has one h1 naming it").toBe("H1");
    expect(heading.textContent).toBe(HEADINGS.import);
    expect(currentItems(), "the open section is the only aria-current item").toEqual(["import"]);
  });

  it("clicking each item shows its heading and moves aria-current", async () => {
    const { user } = renderApp();
    await screen.findByTestId("section-heading-import");
    for (const id of [...SECTION_IDS].reverse()) {
      await user.click(screen.getByTestId(`nav-${id}`));
      expect(screen.getByTestId(`section-heading-${id}`).textContent).toBe(HEADINGS[id]);
      expect(screen.getByRole("heading", { level: 1 }).textContent, "only one h1 at a time").toBe(
        HEADINGS[id],
      );
      expect(currentItems(), `after clicking ${id}, only ${id} is current`).toEqual([id]);
    }
  });

  it("is usable from the keyboard: Tab reaches the items, arrows move, Enter and Space open", async () => {
    const { user } = renderApp();
    await screen.findByTestId("section-heading-import");

    // Header first: the language switch's two buttons, then the sidebar.
    await user.tab();
    await user.tab();
    await user.tab();
    expect(document.activeElement, "Tab reaches the first nav item after the header").toBe(
      screen.getByTestId("nav-overview"),
    );

    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(document.activeElement, "ArrowDown moves focus to the next item").toBe(
      screen.getByTestId("nav-drafts"),
    );
    expect(currentItems(), "moving focus alone does not open a section").toEqual(["import"]);

    await user.keyboard("{Enter}");
    expect(screen.getByTestId("section-heading-drafts")).toBeTruthy();
    expect(currentItems()).toEqual(["drafts"]);

    await user.keyboard("{End}");
    expect(document.activeElement, "End jumps to the last item").toBe(
      screen.getByTestId("nav-settings"),
    );
    await user.keyboard(" ");
    expect(screen.getByTestId("section-heading-settings")).toBeTruthy();

    await user.keyboard("{ArrowDown}");
    expect(document.activeElement, "ArrowDown wraps from the last item to the first").toBe(
      screen.getByTestId("nav-overview"),
    );
    await user.keyboard("{ArrowUp}{Home}{ArrowUp}");
    expect(document.activeElement, "Home then ArrowUp wraps to the last item").toBe(
      screen.getByTestId("nav-settings"),
    );
  });

  it("empty states are honest: import starts the wizard, drafts and applications link onward", async () => {
    const { user } = renderApp();
    await screen.findByTestId("section-heading-import");
    expect(
      screen.getByTestId("step-source").textContent,
      "import opens on its first step: a file path, a drop or a paste",
    ).toContain("paste rows copied from Excel");

    await user.click(screen.getByTestId("nav-applications"));
    expect(screen.getByTestId("empty-applications").textContent).toContain("CreateOwnNumberApply");
    await user.click(screen.getByTestId("applications-go-drafts"));
    expect(currentItems()).toEqual(["drafts"]);
    expect(screen.getByTestId("empty-drafts").textContent).toContain("No drafts yet");
    await user.click(screen.getByTestId("drafts-go-import"));
    expect(currentItems(), "the drafts empty state's button opens Import numbers").toEqual([
      "import",
    ]);
  });
});
