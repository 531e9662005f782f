import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { SaveResult } from "../../bindings/SaveResult";
import type { SettingsInput } from "../../bindings/SettingsInput";
import type { SettingsView } from "../../bindings/SettingsView";
import {
  callsOf,
  FIRST_RUN_SETTINGS,
  INTERNATIONAL_INFO,
  rejectWith,
  renderApp,
  SANDBOX_INFO,
  type Handler,
} from "../../test/renderApp";

const SAVED: SettingsView = {
  ...FIRST_RUN_SETTINGS,
  secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
  keySaved: true,
};

async function openSettings(
  handlers: Partial<Record<string, Handler>> = {},
  initialLanguage: "en" | "zh-CN" = "en",
) {
  const app = renderApp({ handlers, initialLanguage });
  await app.user.click(await screen.findByTestId("nav-settings"));
  await screen.findByTestId("settings-account");
  return app;
}

function inputOf(call: { args: unknown } | undefined): SettingsInput {
  if (call === undefined) throw new Error("settings_save was not called");
  return (call.args as { input: SettingsInput }).input;
}

describe("Settings screen", () => {
  it("saves trimmed keys, never shows the key again, and shows format warnings", async () => {
    const result: SaveResult = {
      settings: SAVED,
      warnings: [{ code: "secretKeyLength", length: 30 }],
    };
    const { user, calls } = await openSettings({ settings_save: () => result });
    const key = screen.getByTestId("settings-secret-key");
    expect(key.getAttribute("type"), "rule: the SecretKey is masked").toBe("password");
    await user.type(
      screen.getByTestId("settings-secret-id"),
      "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
    );
    fireEvent.paste(key, {
      clipboardData: { getData: () => "  Gu5t9xGARNpq86cd98joQYCN3EXAM\n" },
    });
    await user.type(screen.getByTestId("default-sipTrunkId"), "77");
    await user.click(screen.getByTestId("settings-save"));

    await screen.findByTestId("settings-saved");
    const sent = inputOf(callsOf(calls, "settings_save").at(0));
    expect(sent.secretKey, "rule: whitespace pasted with a key is trimmed").toBe(
      "Gu5t9xGARNpq86cd98joQYCN3EXAM",
    );
    expect(sent.site).toBe("international");
    expect(sent.defaults.sipTrunkId).toBe(77);
    expect(
      sent.defaults.internationalNumberPrefix,
      "China-only fields are not sent for the International site",
    ).toBeNull();
    expect((key as HTMLInputElement).value, "the key field is cleared after saving").toBe("");
    expect(screen.getByTestId("settings-warning").textContent).toContain("30 characters");
    expect(screen.getByTestId("settings-key-store").textContent).toContain("A SecretKey is saved");
  });

  it("labels every field plainly, with the API name, a hint and where the console shows it", async () => {
    await openSettings();
    const labelOf = (idea: string) => screen.getByTestId(`hint-${idea}`).parentElement;
    expect(labelOf("sdkAppId")?.textContent).toContain("Contact centre ID SdkAppId");
    expect(screen.getByTestId("where-sdkAppId").textContent).toContain("Cloud Contact Center");
    expect(labelOf("sipTrunkId")?.textContent).toContain("SIP trunk ID SipTrunkId");
    expect(screen.getByTestId("where-sipTrunkId").textContent).toContain("SIP trunk");
    for (const key of ["secretId", "secretKey"]) {
      expect(screen.getByTestId(`where-${key}`).textContent).toContain(
        "Cloud Access Management → API Keys",
      );
    }
    expect(labelOf("maxCallPSec")?.textContent).toContain("Max calls per second MaxCallPSec");
    // The hint is read with the field.
    const trunk = screen.getByLabelText("SIP trunk ID");
    expect(trunk.getAttribute("aria-describedby")).toContain(
      screen.getByTestId("hint-sipTrunkId").id,
    );
  });

  it("names the API keys page in Chinese as the console does", async () => {
    await openSettings({}, "zh-CN");
    expect(screen.getByTestId("where-secretKey").textContent).toContain("API 密钥管理");
    expect(screen.getByTestId("hint-sdkAppId").parentElement?.textContent).toContain(
      "应用 ID SdkAppId",
    );
  });

  it("says when the proxy's user name and password are saved, for that proxy only", async () => {
    const view: SettingsView = {
      ...SAVED,
      proxyMode: "manual",
      proxyUrl: "http://proxy.corp:3128/",
      proxyCredentialsSaved: true,
    };
    const { user } = await openSettings({ settings_get: () => view });
    const url = await screen.findByTestId<HTMLInputElement>("settings-proxy-url");
    expect(url.value, "the URL is shown without its credentials").toBe("http://proxy.corp:3128/");
    const note = screen.getByTestId("settings-proxy-credentials");
    expect(note.textContent).toContain("saved in the system keychain");
    expect(url.getAttribute("aria-describedby")).toContain("settings-proxy-credentials");
    await user.clear(url);
    await user.type(url, "http://other.corp:8080");
    expect(
      screen.queryByTestId("settings-proxy-credentials"),
      "another proxy does not get them",
    ).toBeNull();
  });

  it("shows the backend's validation message under the field it names", async () => {
    await openSettings({
      settings_save: () =>
        rejectWith({
          code: "invalid_credentials",
          message: "SecretKey contains a space at character 15 of 32: …",
          details: { field: "secretKey", problem: "whitespaceInCredential" },
        }),
    });
    fireEvent.click(screen.getByTestId("settings-save"));
    const msg = await screen.findByTestId("settings-error-secretKey");
    expect(msg.textContent).toContain("space, line break or invisible character");
    expect(screen.getByTestId("settings-secret-key").getAttribute("aria-invalid")).toBe("true");
  });

  it("rejects a non-numeric default before sending anything", async () => {
    const { user, calls } = await openSettings();
    await user.type(screen.getByTestId("default-maxCallCount"), "ten");
    await user.click(screen.getByTestId("settings-save"));
    expect((await screen.findByTestId("settings-error-maxCallCount")).textContent).toContain(
      "whole number",
    );
    expect(callsOf(calls, "settings_save"), "nothing is saved").toHaveLength(0);
  });

  it("offers the China-only fields only on the China site", async () => {
    const { user } = await openSettings();
    expect(screen.queryByTestId("default-internationalNumberPrefix")).toBeNull();
    await user.click(screen.getByTestId("site-china"));
    expect(screen.getByTestId("default-internationalNumberPrefix")).toBeTruthy();
  });

  it("test connection lists the account's SdkAppIds by name and can pick one", async () => {
    const { user } = await openSettings({
      settings_get: () => SAVED,
      settings_test_connection: () => ({
        connection: "tencent",
        endpoint: INTERNATIONAL_INFO.endpoint,
        requestId: "r-1",
        apps: [
          { sdkAppId: 1400000001, name: "Shanghai Hotline" },
          { sdkAppId: 1400000002, name: "Support Line" },
        ],
        clockOffsetSeconds: null,
      }),
    });
    await user.click(screen.getByTestId("settings-test"));
    const list = await screen.findByTestId("settings-test-apps");
    expect(list.textContent).toContain("Shanghai Hotline");
    expect(list.textContent).toContain("1400000002");
    expect(screen.getByTestId("settings-test-ok").textContent).toContain("2 contact centre");
    expect(screen.queryByTestId("settings-clock-warning"), "a right clock: no warning").toBeNull();
    await user.click(within(list).getByTestId("use-app-1400000002"));
    expect(screen.getByTestId<HTMLInputElement>("default-sdkAppId").value).toBe("1400000002");
  });

  it("a connection that worked only after a clock correction says to sync the clock", async () => {
    const { user } = await openSettings(
      {
        settings_get: () => SAVED,
        settings_test_connection: () => ({
          connection: "tencent",
          endpoint: INTERNATIONAL_INFO.endpoint,
          requestId: "r-1",
          apps: [{ sdkAppId: 1400000001, name: "Shanghai Hotline" }],
          clockOffsetSeconds: 437,
        }),
      },
      "zh-CN",
    );
    await user.click(screen.getByTestId("settings-test"));
    const warning = await screen.findByTestId("settings-clock-warning");
    expect(warning.textContent, "rule: tell the user to sync the clock").toBe(
      "本机时钟慢了 7 分钟。 本次已自动校正；请同步本机时钟，以免之后的请求被腾讯云拒绝。",
    );
  });

  it("an auth failure says the other site accepts the key and offers to switch site", async () => {
    const { user } = await openSettings({
      settings_get: () => SAVED,
      settings_test_connection: () =>
        rejectWith({
          code: "auth_failed",
          message: "Tencent Cloud rejected the key (AuthFailure.SecretIdNotFound …)",
          details: {
            apiCode: "AuthFailure.SecretIdNotFound",
            requestId: "r-2",
            otherSite: "china",
            otherSiteAccepts: true,
          },
        }),
    });
    await user.click(screen.getByTestId("settings-test"));
    const title = await screen.findByTestId("settings-test-error-title");
    expect(title.textContent, "rule: say which site the key belongs to").toBe(
      "This key belongs to the China site.",
    );
    expect(screen.getByTestId("error-request-id").textContent, "RequestId for support").toBe("r-2");
    await user.click(screen.getByTestId("settings-use-other-site"));
    expect(screen.getByTestId<HTMLInputElement>("site-china").checked).toBe(true);
  });

  it("the explicit switch calls the backend and the header badge follows", async () => {
    let active: "sandbox" | "tencent" = "sandbox";
    const { user, calls } = await openSettings({
      settings_get: () => SAVED,
      app_info: () => (active === "sandbox" ? SANDBOX_INFO : INTERNATIONAL_INFO),
      connection_use_tencent: () => {
        active = "tencent";
        return { ...SAVED, active: "tencent", endpoint: INTERNATIONAL_INFO.endpoint };
      },
    });
    expect(screen.getByTestId("connection-hint").textContent).toContain(
      "Nothing is sent to Tencent",
    );
    await user.click(screen.getByTestId("connection-tencent"));
    await waitFor(() => {
      expect(screen.getByTestId("endpoint-badge").getAttribute("data-endpoint-kind")).toBe(
        "international",
      );
    });
    expect(callsOf(calls, "connection_use_tencent")).toHaveLength(1);
    expect(screen.getByTestId<HTMLInputElement>("connection-tencent").checked).toBe(true);
  });

  it("a refused switch explains why and stays on the Sandbox", async () => {
    const { user } = await openSettings({
      connection_use_tencent: () =>
        rejectWith({
          code: "not_configured",
          message: "set up the Tencent connection first",
          details: { field: "secretId" },
        }),
    });
    await user.click(screen.getByTestId("connection-tencent"));
    expect((await screen.findByTestId("connection-switch-error")).textContent).toContain(
      "not set up yet",
    );
    expect(screen.getByTestId<HTMLInputElement>("connection-sandbox").checked).toBe(true);
  });

  it("says when the key is kept in memory for this session only, in Chinese too", async () => {
    await openSettings(
      { settings_get: () => ({ ...FIRST_RUN_SETTINGS, keyStore: "sessionOnly" }) },
      "zh-CN",
    );
    expect(screen.getByTestId("settings-key-store").textContent).toContain(
      "仅在本次会话的内存中保存",
    );
    expect(
      screen.getByLabelText("SecretKey（密钥）"),
      "the form is labelled in Chinese",
    ).toBeTruthy();
  });
});

describe("first-run welcome", () => {
  it("explains the three steps and that nothing is sent to Tencent in Sandbox mode", async () => {
    const { user, calls } = renderApp();
    const panel = await screen.findByTestId("welcome-panel");
    expect(panel.textContent).toContain("Import");
    expect(panel.textContent).toContain("Review");
    expect(panel.textContent).toContain("Submit");
    expect((await screen.findByTestId("welcome-sandbox")).textContent).toContain(
      "nothing is sent to Tencent",
    );
    await user.click(screen.getByTestId("welcome-dismiss"));
    expect(screen.queryByTestId("welcome-panel")).toBeNull();
    expect(
      callsOf(calls, "preferences_dismiss_welcome"),
      "rule: dismissed is kept in the database, not in webview storage",
    ).toHaveLength(1);
  });

  it("stays dismissed after a restart (the database says so)", async () => {
    renderApp({
      handlers: { preferences_get: () => ({ language: null, welcomeDismissed: true }) },
    });
    await screen.findByTestId("endpoint-badge");
    expect(screen.queryByTestId("welcome-panel")).toBeNull();
  });
});

describe("saved key", () => {
  it("can be forgotten; the form then says no key is saved", async () => {
    const { user, calls } = await openSettings({
      settings_get: () => ({ ...SAVED, tokenSaved: true }),
      settings_forget_key: () => ({ ...SAVED, keySaved: false }),
    });
    expect(screen.getByTestId("settings-clear-token")).toBeTruthy();
    await user.click(screen.getByTestId("settings-forget-key"));
    await waitFor(() => {
      expect(screen.queryByTestId("settings-forget-key")).toBeNull();
    });
    expect(callsOf(calls, "settings_forget_key")).toHaveLength(1);
    expect(screen.getByTestId("settings-key-store").textContent).not.toContain(
      "A SecretKey is saved",
    );
  });
});

describe("keychain trouble", () => {
  it("explains why keys are session-only and reports a keychain that cannot be read", async () => {
    await openSettings({
      settings_get: () => ({
        ...SAVED,
        keyStore: "sessionOnly",
        keyStoreNote: "the Secret Service could not be used while testing the keychain",
        keyError: 'the keychain entry of profile "profile-1" is unreadable',
      }),
    });
    expect(screen.getByTestId("settings-key-store-note").textContent).toContain(
      "Secret Service could not be used",
    );
    expect(screen.getByTestId("settings-key-error").textContent).toContain("couldn't be read");
  });
});
