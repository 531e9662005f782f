import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppInfo } from "./bindings/AppInfo";
import {
  callsOf,
  deferred,
  INTERNATIONAL_INFO,
  rejectWith,
  renderApp,
  SANDBOX_INFO,
} from "./test/renderApp";

const EXPECTED: Record<string, string> = {
  "about-name": SANDBOX_INFO.name,
  "about-version": SANDBOX_INFO.version,
  "about-data-dir": SANDBOX_INFO.dataDir,
  "about-database-path": SANDBOX_INFO.databasePath,
  "about-sqlite-version": SANDBOX_INFO.sqliteVersion,
  "about-tauri-version": SANDBOX_INFO.tauriVersion,
  "about-os": SANDBOX_INFO.os,
  "about-arch": SANDBOX_INFO.arch,
  "about-endpoint": "Sandbox — nothing is sent to Tencent",
  "about-endpoint-url": SANDBOX_INFO.endpoint.url,
};

describe("Settings → About", () => {
  it("shows every app_info value under its test id", async () => {
    const { user, calls } = renderApp();
    await user.click(await screen.findByTestId("nav-settings"));
    const about = screen.getByTestId("settings-about");
    for (const [testId, value] of Object.entries(EXPECTED)) {
      expect(
        within(about).getByTestId(testId).textContent,
        `${testId} shows app_info's value`,
      ).toBe(value);
    }
    expect(screen.getByTestId("about-endpoint").getAttribute("data-endpoint-kind")).toBe("sandbox");
    expect(
      callsOf(calls, "app_info"),
      "app_info is read once and shared by header and About",
    ).toHaveLength(1);
  });

  it("labels the values in Chinese too", async () => {
    const { user } = renderApp({ initialLanguage: "zh-CN" });
    await user.click(await screen.findByTestId("nav-settings"));
    const about = screen.getByTestId("settings-about");
    expect(within(about).getByText("SQLite 版本")).toBeTruthy();
    expect(within(about).getByText("数据目录")).toBeTruthy();
    expect(screen.getByTestId("about-sqlite-version").textContent).toBe(SANDBOX_INFO.sqliteVersion);
  });

  it("shows a loading state while app_info is pending", async () => {
    const info = deferred<AppInfo>();
    const { user } = renderApp({ handlers: { app_info: () => info.promise } });
    await user.click(await screen.findByTestId("nav-settings"));
    expect(screen.getByTestId("about-loading").textContent).toContain("Loading app information");
    expect(screen.getByTestId("endpoint-badge").getAttribute("data-state")).toBe("loading");
    expect(screen.queryByTestId("about-version")).toBeNull();

    info.resolve(SANDBOX_INFO);
    expect((await screen.findByTestId("about-version")).textContent).toBe("0.1.0");
    expect(screen.queryByTestId("about-loading")).toBeNull();
  });

  it("shows the error envelope's message and code, and Try again reloads", async () => {
    let attempts = 0;
    const { user, calls } = renderApp({
      handlers: {
        app_info: () => {
          attempts += 1;
          return attempts === 1
            ? rejectWith({
                code: "database",
                message: "database is locked",
                details: { path: "/tmp/nd.sqlite3" },
              })
            : SANDBOX_INFO;
        },
      },
    });
    await user.click(await screen.findByTestId("nav-settings"));

    const error = await screen.findByTestId("about-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(
      screen.getByTestId("about-error-summary").textContent,
      "a translated sentence chosen by code",
    ).toBe("Number Desk couldn't use its local database.");
    expect(screen.getByTestId("about-error-message").textContent).toBe("database is locked");
    expect(screen.getByTestId("about-error-code").textContent).toBe("database");
    expect(screen.getByTestId("about-error-details").textContent).toContain("/tmp/nd.sqlite3");
    expect(screen.getByTestId("endpoint-badge").getAttribute("data-state")).toBe("error");

    await user.click(screen.getByTestId("about-retry"));
    expect((await screen.findByTestId("about-version")).textContent).toBe("0.1.0");
    expect(screen.queryByTestId("about-error")).toBeNull();
    expect(callsOf(calls, "app_info")).toHaveLength(2);
  });

  it("a rejection that is not an envelope is shown as code internal with its text", async () => {
    const { user } = renderApp({
      handlers: { app_info: () => rejectWith(new Error("command app_info not found")) },
    });
    await user.click(await screen.findByTestId("nav-settings"));
    expect((await screen.findByTestId("about-error-message")).textContent).toBe(
      "command app_info not found",
    );
    expect(screen.getByTestId("about-error-code").textContent).toBe("internal");
    expect(
      screen.queryByTestId("about-error-details"),
      "no details block when details is null",
    ).toBeNull();
  });

  it("explains a newer database in the UI language, from the envelope's details", async () => {
    const { user } = renderApp({
      initialLanguage: "zh-CN",
      handlers: {
        app_info: () =>
          rejectWith({
            code: "database",
            message: "database schema 9 is newer than this app supports (1)",
            details: { found: 9, supported: 1 },
          }),
      },
    });
    await user.click(await screen.findByTestId("nav-settings"));
    const summary = (await screen.findByTestId("about-error-summary")).textContent;
    expect(summary).toContain("更新版本");
    expect(summary, "details.found is shown").toContain("9");
    expect(screen.getByTestId("about-error-message").textContent, "the English message stays").toBe(
      "database schema 9 is newer than this app supports (1)",
    );
  });

  it("shows the real account form next to About (the placeholder is gone)", async () => {
    const { user } = renderApp({ handlers: { app_info: () => INTERNATIONAL_INFO } });
    await user.click(await screen.findByTestId("nav-settings"));
    await screen.findByTestId("about-version");
    const account = (await screen.findByTestId("settings-account")).textContent;
    expect(account).not.toContain("coming in the next version");
    expect(screen.getByLabelText("SecretKey")).toBeTruthy();
  });
});
