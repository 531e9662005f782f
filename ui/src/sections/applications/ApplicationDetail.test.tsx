import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it, vi } from "vitest";
import type { ApplicationDetail } from "../../bindings/ApplicationDetail";
import type { ApplicationStatus } from "../../bindings/ApplicationStatus";
import { createI18n } from "../../i18n";
import { callsOf, mockCommands, rejectWith, type Handler } from "../../test/renderApp";
import { ApplicationDetailView } from "./ApplicationDetail";

function detail(
  status: ApplicationStatus,
  over: Partial<ApplicationDetail> = {},
): ApplicationDetail {
  const state = status === "approved" ? "submitted" : status;
  return {
    application: {
      id: 7,
      draftId: 1,
      indexInDraft: 6,
      endpoint: { kind: "sandbox", host: "127.0.0.1:48123" },
      sdkAppId: 1400000001,
      sipTrunkId: 10001,
      options: {},
      state,
      applyId: state === "submitted" ? 990007 : null,
      requestId: status === "queued" ? null : "9c1e-req-7",
      errorCode:
        status === "failed"
          ? "InvalidParameter.SipTrunkNotFound"
          : status === "unknown"
            ? "OutcomeUnknown"
            : null,
      errorMessage: status === "failed" ? "SipTrunkId 10001 not found" : null,
      errorKind: null,
      note: null,
      numbers: [],
      liveNumbers: 0,
      approvedAt: status === "approved" ? "2026-11-30T10:00:00.000Z" : null,
      redraftedTo: null,
      modifyState: null,
      modifyCount: 0,
      modifyErrorCode: null,
      modifyErrorMessage: null,
      createdAt: "2026-11-30T09:00:00.000Z",
      updatedAt: "2026-11-30T09:00:01.000Z",
      sentAt: "2026-11-30T09:00:00.500Z",
      answeredAt: null,
    },
    status,
    scope: "sandbox",
    numbersTotal: 2,
    numbersOffset: 0,
    numbers: ["+862038000001", "+862038000002"].map((n, i) => ({
      position: i,
      detail: { phoneNumber: n, callType: 1, maxCallCount: 10, maxCallPSec: 2 },
      draftPosition: i,
      liveAt: null,
    })),
    attempts: [
      {
        id: 31,
        applicationId: 7,
        at: "2026-11-30T09:00:00.500Z",
        action: "CreateOwnNumberApply",
        attempt: 1,
        requestId: status === "unknown" ? null : "9c1e-req-7",
        errorClass: status === "unknown" ? "OutcomeUnknown" : null,
        errorCode: status === "failed" ? "InvalidParameter.SipTrunkNotFound" : null,
        errorMessage: null,
        latencyMs: 42,
        rateLimitWaitMs: 3,
        nextStep: "done",
      },
    ],
    actions: {
      modify: status === "submitted",
      resolve: status === "unknown",
      resend: status === "unknown",
      draftFromFailed: status === "failed",
    },
    ...over,
  };
}

function setup(first: ApplicationDetail, handlers: Partial<Record<string, Handler>> = {}) {
  let current = first;
  const calls = mockCommands({
    application_detail: () => current,
    ...handlers,
  });
  const onBack = vi.fn();
  const onOpenDraft = vi.fn(() => Promise.resolve());
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={createI18n("en")}>
      <ApplicationDetailView
        id={7}
        activeScope="sandbox"
        onBack={onBack}
        onOpenDraft={onOpenDraft}
      />
    </I18nextProvider>,
  );
  return {
    calls,
    user,
    onBack,
    onOpenDraft,
    next: (d: ApplicationDetail) => {
      current = d;
    },
  };
}

describe("ApplicationDetailView", () => {
  it("shows the facts, the numbers and the attempt history", async () => {
    setup(detail("submitted"));
    const view = await screen.findByTestId("application-detail");
    expect(view.dataset["state"]).toBe("submitted");
    expect(screen.getByTestId("application-detail-apply-id").textContent).toBe("990007");
    const numbers = screen.getByTestId("application-numbers");
    expect(within(numbers).getByText("+862038000002")).toBeTruthy();
    expect(within(numbers).getAllByText("Outbound")).toHaveLength(2);
    const attempts = screen.getByTestId("application-attempts");
    expect(within(attempts).getByText("CreateOwnNumberApply")).toBeTruthy();
    expect(within(attempts).getByText("42 ms")).toBeTruthy();
    expect(within(attempts).getByText("3 ms"), "the rate-limit wait is shown").toBeTruthy();
    expect(screen.queryByTestId("application-resolve")).toBeNull();
  });

  it("shows each number's callee format and carrier number, with plain labels", async () => {
    const d = detail("submitted");
    const [first, second] = d.numbers;
    if (first === undefined || second === undefined) throw new Error("fixture has two numbers");
    first.detail = {
      ...first.detail,
      outboundCalleeFormat: "{+E.164}",
      carrierPhoneNumber: "02038009999",
    };
    setup(d);
    const numbers = await screen.findByTestId("application-numbers");
    const head = within(numbers)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(head).toContain("Outbound callee format OutboundCalleeFormat");
    expect(head).toContain("Carrier number CarrierPhoneNumber");
    expect(head, "the plain name first, the API name after it").toContain(
      "Max calls per second MaxCallPSec",
    );
    const values = within(screen.getByTestId("application-number-0"));
    expect(values.getByTestId("number-callee-format").textContent).toBe("{+E.164}");
    expect(values.getByTestId("number-carrier").textContent).toBe("02038009999");
    expect(
      within(screen.getByTestId("application-number-1")).getByTestId("number-carrier").textContent,
      "a number without one says so",
    ).toBe("—");
    const sdk = screen.getByTestId("application-detail-sdk-app-id").parentElement;
    expect(sdk?.textContent).toContain("Contact centre ID SdkAppId");
  });

  it("explains a failed application's answer in plain language and offers a new draft", async () => {
    const { user, calls, onOpenDraft } = setup(detail("failed"), {
      applications_draft_from_failed: () => 55,
    });
    const answer = await screen.findByTestId("application-answer");
    expect(answer.textContent).toContain("What happened:");
    expect(within(answer).getByTestId("application-answer-code").textContent).toBe(
      "InvalidParameter.SipTrunkNotFound",
    );
    await user.click(screen.getByTestId("application-draft-from-failed"));
    await waitFor(() => {
      expect(onOpenDraft).toHaveBeenCalledWith(55);
    });
    expect(callsOf(calls, "applications_draft_from_failed")[0]?.args).toEqual({ ids: [7] });
  });

  it("names the network problem by the kind stored with the error, not by its words", async () => {
    const base = detail("unknown");
    setup({
      ...base,
      application: {
        ...base.application,
        errorCode: "OutcomeUnknown",
        // The words say "certificate"; the stored kind says the connection broke.
        errorMessage: "the server's certificate was not accepted",
        errorKind: "ConnectionDropped",
      },
    });
    const answer = await screen.findByTestId("application-answer");
    expect(answer.textContent).toMatch(/connection broke after the request was sent/);
    expect(answer.textContent).not.toMatch(/security certificate was not accepted/);
  });

  it("resolves an unknown outcome with the ApplyId from the console", async () => {
    const { user, calls, next } = setup(detail("unknown"), {
      application_resolve: () => detail("submitted").application,
    });
    const input = await screen.findByTestId("application-resolve-apply-id-input");
    expect(screen.getByTestId("application-resolve-apply-id-save")).toHaveProperty(
      "disabled",
      true,
    );
    await user.type(input, " 990007 ");
    next(detail("submitted"));
    await user.click(screen.getByTestId("application-resolve-apply-id-save"));
    expect((await screen.findByTestId("application-status")).textContent).toBe(
      "Saved: the application is now submitted with ApplyId 990007.",
    );
    expect(callsOf(calls, "application_resolve")[0]?.args).toEqual({ id: 7, applyId: "990007" });
    await waitFor(() => {
      expect(screen.getByTestId("application-detail").dataset["state"]).toBe("submitted");
    });
  });

  it("shows why an ApplyId was refused", async () => {
    const { user } = setup(detail("unknown"), {
      application_resolve: () =>
        rejectWith({
          code: "invalid_input",
          message: "“x” is not an ApplyId: enter the number the console shows, digits only",
          details: { field: "applyId" },
        }),
    });
    await user.type(await screen.findByTestId("application-resolve-apply-id-input"), "x");
    await user.click(screen.getByTestId("application-resolve-apply-id-save"));
    const notice = await screen.findByTestId("application-error");
    expect(notice.textContent).toContain("Couldn't save the ApplyId.");
  });

  it("resends only after the explicit warning is confirmed", async () => {
    const { user, calls } = setup(detail("unknown"), {
      outbox_resend_unknown: () => ({
        outcome: { kind: "completed" },
        total: 1,
        submitted: [7],
        failed: [],
        unknown: [],
        queued: [],
        elapsedMs: 40,
        attempts: 1,
        rateLimitedAttempts: 0,
        unsavedApplyIds: [],
      }),
    });
    await user.click(await screen.findByTestId("application-resend"));
    const dialog = screen.getByTestId("application-resend-dialog");
    expect(dialog.getAttribute("role")).toBe("alertdialog");
    expect(dialog.textContent).toContain("creates a second application with the same numbers (2)");
    expect(
      callsOf(calls, "outbox_resend_unknown"),
      "rule: nothing is resent before the user confirms",
    ).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByTestId("application-resend-dialog")).toBeNull();
    expect(callsOf(calls, "outbox_resend_unknown")).toHaveLength(0);

    await user.click(screen.getByTestId("application-resend"));
    await user.click(screen.getByTestId("application-resend-confirm"));
    await waitFor(() => {
      expect(callsOf(calls, "outbox_resend_unknown")).toHaveLength(1);
    });
    expect(callsOf(calls, "outbox_resend_unknown")[0]?.args).toMatchObject({ id: 7 });
  });

  it("marks as not created only after confirming", async () => {
    const { user, calls } = setup(detail("unknown"), {
      application_mark_not_created: () => detail("failed").application,
    });
    await user.click(await screen.findByTestId("application-mark-not-created"));
    expect(callsOf(calls, "application_mark_not_created")).toHaveLength(0);
    await user.click(screen.getByTestId("application-mark-not-created-confirm"));
    await waitFor(() => {
      expect(callsOf(calls, "application_mark_not_created")[0]?.args).toEqual({ id: 7 });
    });
  });

  it("modifies a pending application with the small form", async () => {
    const { user, calls } = setup(detail("submitted"), {
      application_modify: () => ({
        result: "applied",
        application: detail("submitted").application,
        explanation: null,
      }),
    });
    await user.click(await screen.findByTestId("application-modify"));
    const numbers = screen.getByTestId("application-modify-numbers");
    await waitFor(() => {
      expect((numbers as HTMLTextAreaElement).value).toBe("+862038000001\n+862038000002");
    });
    await user.clear(numbers);
    await user.type(numbers, "+862038000001\n+862038000009\n");
    await user.selectOptions(screen.getByTestId("application-modify-call-type"), "2");
    await user.type(screen.getByTestId("application-modify-max-call-count"), "0");
    expect(
      screen.getByTestId("application-modify-save"),
      "rule: a count of 0 is refused before sending",
    ).toHaveProperty("disabled", true);
    await user.clear(screen.getByTestId("application-modify-max-call-count"));
    await user.type(screen.getByTestId("application-modify-max-call-count"), "20");
    await user.click(screen.getByTestId("application-modify-save"));
    await waitFor(() => {
      expect(callsOf(calls, "application_modify")[0]?.args).toEqual({
        id: 7,
        changes: {
          phoneNumbers: ["+862038000001", "+862038000009"],
          callType: 2,
          maxCallCount: 20,
        },
      });
    });
    expect((await screen.findByTestId("application-status")).textContent).toBe(
      "Tencent accepted the change; the application awaits review again.",
    );
  });

  it("shows Tencent's ErrorApplyStatus refusal in plain language", async () => {
    const { user } = setup(detail("submitted"), {
      application_modify: () =>
        rejectWith({
          code: "tencent",
          message: "Tencent no longer accepts changes to application 990007",
          details: { apiCode: "InvalidParameterValue.ErrorApplyStatus", id: 7, applyId: 990007 },
        }),
    });
    await user.click(await screen.findByTestId("application-modify"));
    await waitFor(() => {
      expect(screen.getByTestId<HTMLTextAreaElement>("application-modify-numbers").value).not.toBe(
        "",
      );
    });
    await user.click(screen.getByTestId("application-modify-save"));
    const notice = await screen.findByTestId("application-modify-error");
    expect(notice.textContent).toContain("Couldn't change the application.");
    expect(screen.getByTestId("application-modify-error-title").textContent.length).toBeGreaterThan(
      "Couldn't change the application. ".length,
    );
  });

  it("offers no Modify for an approved application and goes back to the list", async () => {
    const { user, onBack } = setup(detail("approved"));
    await screen.findByTestId("application-detail");
    expect(screen.getByTestId("state-chip-approved").textContent).toBe("Approved/live");
    expect(screen.queryByTestId("application-modify")).toBeNull();
    await user.click(screen.getByTestId("application-back"));
    expect(onBack).toHaveBeenCalled();
  });

  it("keyboard: the warning and the Modify form take the focus, Escape closes them and gives it back", async () => {
    const { user, calls, next } = setup(detail("unknown"), {
      application_resolve: () => detail("submitted").application,
    });
    const heading = await screen.findByRole("heading", { level: 2 });
    // The focus moves in an effect once the detail has arrived: wait for it, not for the paint.
    await waitFor(() => {
      expect(document.activeElement, "the detail opens with the focus on its heading").toBe(
        heading,
      );
    });

    const resend = screen.getByTestId("application-resend");
    resend.focus();
    await user.keyboard("{Enter}");
    const dialog = screen.getByTestId("application-resend-dialog");
    expect(dialog.contains(document.activeElement), "the warning takes the focus").toBe(true);
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("application-resend-dialog"), "Escape cancels").toBeNull();
    expect(callsOf(calls, "outbox_resend_unknown")).toHaveLength(0);
    expect(document.activeElement, "the focus is back on Resend").toBe(resend);

    const notCreated = screen.getByTestId("application-mark-not-created");
    notCreated.focus();
    await user.keyboard("{Enter}");
    expect(
      screen.getByTestId("application-not-created-dialog").contains(document.activeElement),
    ).toBe(true);
    // The focus starts on Cancel: Enter cancels.
    await user.keyboard("{Enter}");
    expect(screen.queryByTestId("application-not-created-dialog"), "Cancel closes it").toBeNull();
    expect(document.activeElement, "the focus is back on its button").toBe(notCreated);

    // Resolved with Enter: the resolve form closes, the focus goes to the heading, not the window.
    screen.getByTestId("application-resolve-apply-id-input").focus();
    next(detail("submitted"));
    await user.keyboard("990007{Enter}");
    await waitFor(() => {
      expect(screen.getByTestId("application-detail").dataset["state"]).toBe("submitted");
    });
    await waitFor(() => {
      expect(document.activeElement, "after resolving, the heading has the focus").toBe(
        screen.getByRole("heading", { level: 2 }),
      );
    });

    const modify = screen.getByTestId("application-modify");
    modify.focus();
    await user.keyboard("{Enter}");
    await waitFor(() => {
      expect(document.activeElement, "the form takes the focus").toBe(
        screen.getByTestId("application-modify-numbers"),
      );
    });
    expect(modify.getAttribute("aria-expanded")).toBe("true");
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("application-modify-form"), "Escape closes the form").toBeNull();
    expect(document.activeElement, "the focus is back on Modify").toBe(modify);
    expect(modify.getAttribute("aria-expanded")).toBe("false");
  });
});
