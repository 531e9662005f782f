import { describe, expect, it } from "vitest";
import { appInfo, isIpcError, preferencesGet, preferencesSetLanguage, toIpcError } from ".";
import type { IpcError } from "../bindings/IpcError";
import { mockCommands, rejectWith, SANDBOX_INFO } from "../test/renderApp";

describe("ipc wrapper", () => {
  it("each function invokes its command with camelCase args and returns the payload", async () => {
    const calls = mockCommands({
      app_info: () => SANDBOX_INFO,
      preferences_get: () => ({ language: null }),
      preferences_set_language: () => ({ language: "zh-CN" }),
    });
    expect(await appInfo()).toEqual(SANDBOX_INFO);
    expect(await preferencesGet()).toEqual({ language: null });
    expect(await preferencesSetLanguage("zh-CN")).toEqual({ language: "zh-CN" });
    expect(calls.map((c) => c.cmd)).toEqual([
      "app_info",
      "preferences_get",
      "preferences_set_language",
    ]);
    expect(calls[2]?.args, "Tauri expects { language } as the argument object").toEqual({
      language: "zh-CN",
    });
  });

  it("a well-formed envelope is passed through unchanged", async () => {
    const envelope: IpcError = {
      code: "not_found",
      message: "no such draft",
      details: { what: "draft", id: 7 },
    };
    mockCommands({ app_info: () => rejectWith(envelope) });
    const rejection: unknown = await appInfo().catch((e: unknown) => e);
    expect(isIpcError(rejection)).toBe(true);
    expect(rejection).toEqual(envelope);
  });

  it("a string rejection (Tauri's own errors) becomes code internal with that text", async () => {
    mockCommands({ preferences_get: () => rejectWith("Command preferences_get not found") });
    await expect(preferencesGet()).rejects.toEqual({
      code: "internal",
      message: "Command preferences_get not found",
      details: null,
    });
  });

  it("a thrown Error becomes code internal with its message", async () => {
    mockCommands({
      app_info: () => {
        throw new Error("boom");
      },
    });
    await expect(appInfo()).rejects.toEqual({ code: "internal", message: "boom", details: null });
  });
});

describe("isIpcError / toIpcError", () => {
  it("accepts exactly the envelope shape", () => {
    expect(isIpcError({ code: "io", message: "x", details: null })).toBe(true);
    expect(
      isIpcError({ code: "invalid_input", message: "x", details: { field: "headerRow" } }),
    ).toBe(true);
    expect(
      isIpcError({ code: "invalid_input", message: "x", details: [1, "a", { b: true }] }),
      "details is an object (or null), never a list",
    ).toBe(false);
    expect(isIpcError({ code: "io", message: "x" }), "details is required (null when empty)").toBe(
      false,
    );
    expect(isIpcError({ code: "teapot", message: "x", details: null }), "unknown code").toBe(false);
    expect(isIpcError({ code: "io", message: 42, details: null }), "message must be text").toBe(
      false,
    );
    expect(
      isIpcError({ code: "io", message: "x", details: () => 1 }),
      "details must be an object",
    ).toBe(false);
    expect(isIpcError(null)).toBe(false);
    expect(isIpcError("io")).toBe(false);
    expect(isIpcError([{ code: "io", message: "x", details: null }])).toBe(false);
  });

  it("keeps the message of an envelope whose code this UI does not know, not its details", () => {
    const unknown = { code: "rate_limited", message: "slow down", details: { retry: 3 } };
    expect(toIpcError(unknown)).toEqual({
      code: "internal",
      message: "slow down",
      details: null,
    });
  });

  it("describes rejections that carry no message", () => {
    expect(toIpcError(undefined)).toEqual({
      code: "internal",
      message: "Unexpected undefined rejection from the app backend",
      details: null,
    });
    expect(toIpcError(42).details, "no arbitrary JSON in details").toBeNull();
  });
});
