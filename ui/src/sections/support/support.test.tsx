import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { SupportBundleSaved } from "../../bindings/SupportBundleSaved";
import { callsOf, ipcError, rejectWith, renderApp, type Handler } from "../../test/renderApp";
import { LICENSES } from "./Licenses";
import { bundleFileName } from "./SupportBundle";

const SAVED: SupportBundleSaved = {
  path: "/home/admin/Desktop/help.zip",
  entries: ["README.txt", "app.json", "database.json", "settings.json"],
  bytes: 4096,
};

type DialogArgs = { defaultName?: string; filterName?: string; extensions?: string[] };

async function openAbout(handlers: Partial<Record<string, Handler>> = {}) {
  const app = renderApp({
    handlers: {
      dialog_save: () => SAVED.path,
      support_bundle_save: () => SAVED,
      ...handlers,
    },
  });
  await app.user.click(await screen.findByTestId("nav-settings"));
  await screen.findByTestId("support-bundle");
  return app;
}

describe("Settings → About → support bundle", () => {
  it("asks where to save today's zip, then saves it without numbers by default", async () => {
    const { user, calls } = await openAbout();
    expect(
      screen.getByTestId<HTMLInputElement>("support-bundle-include-numbers").checked,
      "numbers are left out unless the user ticks the box",
    ).toBe(false);
    expect(screen.getByTestId("support-bundle-numbers-note").textContent).toContain("masked");
    await user.click(screen.getByTestId("support-bundle-save"));
    expect((await screen.findByTestId("support-bundle-saved")).textContent).toBe(
      "Saved /home/admin/Desktop/help.zip (4 files, 4 KB).",
    );
    const options = callsOf(calls, "dialog_save")[0]?.args as DialogArgs;
    expect(options.defaultName).toBe(bundleFileName(new Date()));
    expect(options.filterName).toBe("Zip archive");
    expect(options.extensions).toEqual(["zip"]);
    expect(callsOf(calls, "support_bundle_save").map((c) => c.args)).toEqual([
      { path: SAVED.path, includeNumbers: false },
    ]);
  });

  it("sends includeNumbers only when the box is ticked", async () => {
    const { user, calls } = await openAbout();
    await user.click(screen.getByTestId("support-bundle-include-numbers"));
    expect(screen.getByTestId("support-bundle-numbers-note").textContent).toContain(
      "only send this file to someone you trust",
    );
    await user.click(screen.getByTestId("support-bundle-save"));
    await screen.findByTestId("support-bundle-saved");
    expect(callsOf(calls, "support_bundle_save")[0]?.args).toEqual({
      path: SAVED.path,
      includeNumbers: true,
    });
  });

  it("does nothing when the dialog is cancelled", async () => {
    const { user, calls } = await openAbout({ dialog_save: () => null });
    await user.click(screen.getByTestId("support-bundle-save"));
    expect(callsOf(calls, "dialog_save")).toHaveLength(1);
    expect(callsOf(calls, "support_bundle_save")).toEqual([]);
    expect(screen.queryByTestId("support-bundle-saved")).toBeNull();
  });

  it("shows why saving failed", async () => {
    const { user } = await openAbout({
      support_bundle_save: () =>
        rejectWith(ipcError("io", "the support bundle could not be written: disk full")),
    });
    await user.click(screen.getByTestId("support-bundle-save"));
    expect((await screen.findByTestId("support-bundle-error")).textContent).toContain("disk full");
  });
});

describe("Settings → About → licences", () => {
  it("lists every generated package when opened and filters by name or licence", async () => {
    const { user } = await openAbout();
    const licenses = screen.getByTestId("licenses");
    const total = LICENSES.rust.length + LICENSES.npm.length;
    expect(total, "the generated list is not empty").toBeGreaterThan(100);
    expect(screen.getByTestId("licenses-summary").textContent).toBe(
      `Open-source licences (${String(total)} packages)`,
    );
    expect(within(licenses).queryAllByTestId("license-row"), "rendered only when opened").toEqual(
      [],
    );
    await user.click(screen.getByTestId("licenses-summary"));
    expect(within(licenses).getAllByTestId("license-row")).toHaveLength(total);
    await user.type(screen.getByTestId("licenses-search"), "react-dom");
    const rows = within(licenses).getAllByTestId("license-row");
    expect(rows.map((r) => r.textContent)).toEqual(
      LICENSES.npm
        .filter((p) => p.name.includes("react-dom"))
        .map((p) => `${p.name}${p.version}${p.license}`),
    );
    await user.clear(screen.getByTestId("licenses-search"));
    await user.type(screen.getByTestId("licenses-search"), "MPL-2.0");
    for (const row of within(licenses).getAllByTestId("license-row")) {
      expect(row.textContent).toContain("MPL-2.0");
    }
  });
});
