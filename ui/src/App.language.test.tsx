import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, deferred, ipcError, rejectWith, renderApp } from "./test/renderApp";

describe("language", () => {
  it("switching to 简体中文 changes the visible text and saves the choice", async () => {
    const { user, calls } = renderApp();
    await screen.findByTestId("section-heading-import");
    expect(screen.getByTestId("nav-drafts").textContent).toBe("Drafts");

    await user.click(screen.getByTestId("language-option-zh-CN"));

    expect(
      screen.getByTestId("section-heading-import").textContent,
      "headings follow the language",
    ).toBe("导入号码");
    expect(screen.getByTestId("nav-drafts").textContent, "nav follows the language").toBe("草稿");
    expect(screen.getByTestId("endpoint-badge").textContent).toContain("沙盒模式");
    expect(document.documentElement.lang, "<html lang> follows the UI language").toBe("zh-CN");
    expect(screen.getByTestId("language-option-zh-CN").getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("language-option-en").getAttribute("aria-pressed")).toBe("false");
    await waitFor(() => {
      expect(
        callsOf(calls, "preferences_set_language"),
        "the choice is persisted with camelCase args",
      ).toEqual([{ cmd: "preferences_set_language", args: { language: "zh-CN" } }]);
    });

    await user.click(screen.getByTestId("language-option-en"));
    expect(screen.getByTestId("section-heading-import").textContent).toBe("Import numbers");
    await waitFor(() => {
      expect(callsOf(calls, "preferences_set_language").map((c) => c.args)).toEqual([
        { language: "zh-CN" },
        { language: "en" },
      ]);
    });
  });

  it("clicking the language already in use saves nothing", async () => {
    const { user, calls } = renderApp();
    await screen.findByTestId("section-heading-import");
    await user.click(screen.getByTestId("language-option-en"));
    expect(callsOf(calls, "preferences_set_language")).toEqual([]);
  });

  it("a saved language wins over the system language and is not saved again", async () => {
    const { calls } = renderApp({
      initialLanguage: "en",
      handlers: { preferences_get: () => ({ language: "zh-CN" }) },
    });
    expect((await screen.findByTestId("section-heading-import")).textContent).toBe("导入号码");
    expect(callsOf(calls, "preferences_set_language")).toEqual([]);
  });

  it("with no saved language the system language is used and nothing is saved until the user switches", async () => {
    const { calls } = renderApp({ initialLanguage: "zh-CN" });
    expect((await screen.findByTestId("section-heading-import")).textContent).toBe("导入号码");
    expect(callsOf(calls, "preferences_get")).toHaveLength(1);
    expect(
      callsOf(calls, "preferences_set_language"),
      "first run must not write a preference",
    ).toEqual([]);
  });

  it("shows no section text until the saved preference is known (no flash of the wrong language)", async () => {
    const prefs = deferred<{ language: "zh-CN" }>();
    renderApp({ handlers: { preferences_get: () => prefs.promise } });
    expect(screen.queryByTestId("section-heading-import")).toBeNull();
    prefs.resolve({ language: "zh-CN" });
    expect((await screen.findByTestId("section-heading-import")).textContent).toBe("导入号码");
  });

  it("a failed save keeps the new language for this run and reports message and code", async () => {
    const { user } = renderApp({
      handlers: {
        preferences_set_language: () => rejectWith(ipcError("io", "disk is read-only")),
      },
    });
    await screen.findByTestId("section-heading-import");
    await user.click(screen.getByTestId("language-option-zh-CN"));
    const notice = await screen.findByTestId("preferences-save-error");
    expect(notice.getAttribute("role")).toBe("alert");
    expect(notice.textContent, "the notice itself is translated").toContain("无法保存语言设置");
    expect(notice.textContent, "the io code gets its own sentence").toContain("无法读取或写入");
    expect(screen.getByTestId("preferences-save-error-message").textContent).toBe(
      "disk is read-only",
    );
    expect(screen.getByTestId("preferences-save-error-code").textContent).toBe("io");
    expect(screen.getByTestId("section-heading-import").textContent).toBe("导入号码");

    await user.click(screen.getByRole("button", { name: "关闭" }));
    expect(
      screen.queryByTestId("preferences-save-error"),
      "the notice can be dismissed",
    ).toBeNull();
  });

  it("a failed read falls back to the system language and says so", async () => {
    renderApp({
      initialLanguage: "en",
      handlers: {
        preferences_get: () => rejectWith(ipcError("database", "preferences table missing")),
      },
    });
    const notice = await screen.findByTestId("preferences-load-error");
    expect(notice.textContent).toContain("system language is used for now");
    expect(screen.getByTestId("preferences-load-error-message").textContent).toBe(
      "preferences table missing",
    );
    expect(screen.getByTestId("preferences-load-error-code").textContent).toBe("database");
    expect(screen.getByTestId("section-heading-import").textContent).toBe("Import numbers");
  });
});
