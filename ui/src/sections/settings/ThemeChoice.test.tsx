import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp } from "../../test/renderApp";

describe("Settings → Appearance", () => {
  it("applies the saved theme at start, and a new choice at once, and saves it", async () => {
    const { user, calls } = renderApp({
      handlers: {
        preferences_get: () => ({ language: null, welcomeDismissed: true, theme: "dark" }),
      },
    });
    await waitFor(() => {
      expect(document.documentElement.dataset["theme"], "the saved choice, at start").toBe("dark");
    });
    await user.click(await screen.findByTestId("nav-settings"));
    const select = await screen.findByTestId<HTMLSelectElement>("theme-select");
    await waitFor(() => {
      expect(select.value).toBe("dark");
    });
    // The theme comes from the app's one read of the preferences at start, not a second one.
    expect(callsOf(calls, "preferences_get")).toHaveLength(1);
    await user.selectOptions(select, "light");
    expect(document.documentElement.dataset["theme"]).toBe("light");
    expect(callsOf(calls, "preferences_set_theme").map((c) => c.args)).toEqual([
      { theme: "light" },
    ]);
    // "As the system is set": jsdom reports no dark preference, so light.
    await user.selectOptions(select, "system");
    expect(document.documentElement.dataset["theme"]).toBe("light");
    expect(screen.getByRole("option", { name: "As the system is set" })).toBeTruthy();
  });
});
