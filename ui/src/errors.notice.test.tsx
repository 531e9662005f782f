import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import type { Language } from "./bindings/Language";
import { ErrorNotice } from "./components/ErrorNotice";
import { Notice } from "./components/Notice";
import { createI18n } from "./i18n";

function renderIn(language: Language, ui: ReactElement) {
  const user = userEvent.setup();
  const i18n = createI18n(language);
  render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
  return { user };
}

describe("ErrorNotice", () => {
  it("shows the sentence, the next step, and a RequestId the copy button puts on the clipboard", async () => {
    const { user } = renderIn(
      "en",
      <ErrorNotice
        tencent={{
          code: "InvalidParameterValue.InstanceNotExist",
          message: "instance 1400000001 not exist",
          requestId: "6b1c5ae0-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
        }}
      />,
    );
    expect(screen.getByTestId("error-notice-title").textContent).toBe(
      "This SdkAppId doesn't exist in this account on this site.",
    );
    expect(screen.getByTestId("error-notice-next").textContent).toMatch(/^Check the SdkAppId/);
    expect(screen.getByTestId("error-request-id").textContent).toBe(
      "6b1c5ae0-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
    );
    await user.click(screen.getByTestId("error-copy-request-id"));
    expect(
      await navigator.clipboard.readText(),
      "rule: the RequestId is one click away for support",
    ).toBe("6b1c5ae0-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
    expect((await screen.findByRole("status")).textContent).toBe("Copied");
    // The raw message stays available for support, folded away.
    expect(screen.getByTestId("error-notice-message").textContent).toBe(
      "instance 1400000001 not exist",
    );
    expect(screen.getByTestId("error-notice-code").textContent).toBe(
      "InvalidParameterValue.InstanceNotExist",
    );
  });

  it("describes an IpcError in Chinese, next step included, with its English message for support", () => {
    renderIn(
      "zh-CN",
      <ErrorNotice
        testId="save-error"
        error={{
          code: "clock_skew",
          message: "Tencent Cloud returned an error: AuthFailure.SignatureExpire: expired",
          details: {
            apiCode: "AuthFailure.SignatureExpire",
            requestId: "r-9",
            clockOffsetSeconds: -480,
          },
        }}
      />,
    );
    expect(screen.getByTestId("save-error-title").textContent).toBe("本机时钟快了 8 分钟。");
    expect(screen.getByTestId("save-error-next").textContent).toContain("同步时钟");
    expect(screen.getByTestId("error-request-id").textContent).toBe("r-9");
    expect(screen.getByTestId("save-error-message").textContent).toContain("SignatureExpire");
  });

  it("has no RequestId line when there is none, and offers dismiss when asked", async () => {
    let dismissed = 0;
    const { user } = renderIn(
      "en",
      <ErrorNotice
        headline="Couldn't open the file."
        error={{ code: "network", message: "dns", details: { kind: "Dns" } }}
        onDismiss={() => {
          dismissed += 1;
        }}
      />,
    );
    expect(screen.queryByTestId("error-request-id")).toBeNull();
    expect(screen.queryByTestId("error-copy-request-id")).toBeNull();
    expect(screen.getByTestId("error-notice-title").textContent).toBe(
      "Couldn't open the file. The server name couldn't be found (DNS): nothing reached Tencent.",
    );
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(dismissed).toBe(1);
  });

  it("applies the caller's context (remaining applications) to a stored Tencent error", () => {
    renderIn(
      "en",
      <ErrorNotice
        tencent={{
          code: "InvalidParameterValue.WaitingApprovalOverflow",
          message: "too many",
          requestId: null,
        }}
        context={{ remainingBatches: 12 }}
      />,
    );
    expect(screen.getByTestId("error-notice-title").textContent).toBe(
      "Tencent has too many of your applications waiting for review — the remaining 12 applications are kept and will go when you press Resume.",
    );
  });

  it("the window-wide Notice gives the next step too", () => {
    renderIn(
      "en",
      <Notice
        testId="prefs-error"
        headline="Couldn't save the language."
        error={{ code: "io", message: "permission denied", details: null }}
        onDismiss={() => undefined}
      />,
    );
    expect(screen.getByTestId("prefs-error-next").textContent).toBe(
      "Check that the file exists and isn't open in another program (such as Excel), then try again.",
    );
  });

  it("a stored NotSent error whose kind is Proxy reads as a proxy problem", () => {
    renderIn(
      "en",
      <ErrorNotice
        tencent={{
          code: "NotSent",
          message: "the request was not sent: the proxy could not be used (407)",
          requestId: null,
          kind: "Proxy",
        }}
      />,
    );
    expect(screen.getByTestId("error-notice-title").textContent).toBe(
      "The proxy couldn't be used: nothing reached Tencent.",
    );
    expect(screen.queryByTestId("error-request-id"), "no RequestId, no copy button").toBeNull();
  });
});
