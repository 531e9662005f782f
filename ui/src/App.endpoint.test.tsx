import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppInfo } from "./bindings/AppInfo";
import { INTERNATIONAL_INFO, renderApp, SANDBOX_INFO } from "./test/renderApp";

function badge(): Promise<HTMLElement> {
  return waitFor(() => {
    const el = screen.getByTestId("endpoint-badge");
    expect(el.getAttribute("data-state"), "app_info has arrived").toBe("ready");
    return el;
  });
}

function withEndpoint(endpoint: AppInfo["endpoint"]): AppInfo {
  return { ...SANDBOX_INFO, endpoint };
}

describe("endpoint badge", () => {
  it("the Sandbox gets the amber warning that nothing is sent to Tencent", async () => {
    renderApp();
    const el = await badge();
    expect(el.getAttribute("data-endpoint-kind")).toBe("sandbox");
    expect(el.className, "sandbox uses the amber style").toContain("badge--sandbox");
    expect(el.textContent).toContain("Sandbox — nothing is sent to Tencent");
  });

  it("a Tencent site shows its site name, not the sandbox warning", async () => {
    renderApp({ handlers: { app_info: () => INTERNATIONAL_INFO } });
    const el = await badge();
    expect(el.getAttribute("data-endpoint-kind")).toBe("international");
    expect(el.className, "a real site never gets the sandbox style").not.toContain(
      "badge--sandbox",
    );
    // Rust's label is "intl" (for logs); the badge names the site by kind, translated.
    expect(el.textContent).toContain("Tencent Cloud · International");
    expect(el.textContent, "a real site must never be labelled as sandbox").not.toContain(
      "Sandbox",
    );
    expect(el.getAttribute("title"), "the URL is available on hover").toBe(
      INTERNATIONAL_INFO.endpoint.url,
    );
  });

  it("the site name follows the UI language", async () => {
    renderApp({
      initialLanguage: "zh-CN",
      handlers: {
        app_info: () =>
          withEndpoint({ kind: "china", label: "china", url: "https://ccc.tencentcloudapi.com/" }),
      },
    });
    const el = await badge();
    expect(el.textContent).toContain("腾讯云 · 中国站");
  });

  it("a custom endpoint is named by its host", async () => {
    renderApp({
      handlers: {
        app_info: () =>
          withEndpoint({
            kind: "custom",
            label: "https://ccc.example.internal:8443/",
            url: "https://ccc.example.internal:8443/",
          }),
      },
    });
    const el = await badge();
    expect(el.getAttribute("data-endpoint-kind")).toBe("custom");
    expect(el.textContent).toContain("Custom endpoint · ccc.example.internal:8443");
  });
});
