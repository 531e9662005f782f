// Over 500 lines because its tests (preview, confirmation, progress, pause, queue stops, the
// interrupted-work banner, one sending at a time) share the fixtures and mocked host at the top.
import { useState, type ReactElement } from "react";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Channel } from "@tauri-apps/api/core";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it, vi } from "vitest";
import type { ApplicationResult } from "../../bindings/ApplicationResult";
import type { OutboxStatus } from "../../bindings/OutboxStatus";
import type { ProgressEvent } from "../../bindings/ProgressEvent";
import type { SendReport } from "../../bindings/SendReport";
import type { SubmitInput } from "../../bindings/SubmitInput";
import type { SubmitPreview } from "../../bindings/SubmitPreview";
import { createI18n } from "../../i18n";
import { IDLE_STATUS } from "../../test/outboxFixtures";
import { callsOf, deferred, mockCommands, rejectWith, type Handler } from "../../test/renderApp";
import { SubmitHost, useSubmitNav } from "./SubmitHost";

const IDLE: OutboxStatus = IDLE_STATUS;

function preview(over: Partial<SubmitPreview> = {}): SubmitPreview {
  return {
    draftId: 7,
    draftName: "March numbers",
    connection: "sandbox",
    endpoint: { kind: "sandbox", label: "Sandbox", url: "http://127.0.0.1:48123/" },
    scope: { kind: "sandbox", host: "127.0.0.1:48123" },
    sdkAppId: 1400000001,
    sdkAppName: "Sandbox Contact Centre",
    apps: [{ sdkAppId: 1400000001, name: "Sandbox Contact Centre" }],
    appsError: null,
    sipTrunkId: 10001,
    rows: 250,
    numbersToSend: 250,
    applicationCount: 3,
    numbersPerApplication: 100,
    blocked: [],
    blockedCount: 0,
    taken: [],
    takenCount: 0,
    repeated: [],
    repeatedCount: 0,
    includeDuplicates: false,
    canSend: true,
    request: {
      action: "CreateOwnNumberApply",
      method: "POST",
      url: "http://127.0.0.1:48123/",
      headers: [
        {
          name: "Authorization",
          value:
            "TC3-HMAC-SHA256 Credential=AKIDNu***0000/2026-11-30/ccc/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=5f1e",
        },
        { name: "X-TC-Action", value: "CreateOwnNumberApply" },
        { name: "X-TC-Token", value: "***" },
      ],
      body: '{"SdkAppId":1400000001}',
      bodyPretty: '{\n  "SdkAppId": 1400000001\n}',
      timestamp: 1796000000,
    },
    queuedBefore: 0,
    numberForm: "national",
    numberFormChosen: false,
    exampleNumber: null,
    confirmToken: "token-of-the-first-summary",
    ...over,
  };
}

function event(over: Partial<ProgressEvent> = {}): ProgressEvent {
  return {
    phase: "running",
    total: 3,
    done: 0,
    totalNumbers: 250,
    doneNumbers: 0,
    submitted: 0,
    failed: 0,
    unknown: 0,
    inFlight: 0,
    elapsedMs: 0,
    etaMs: 3000,
    pauseReason: null,
    finished: null,
    ...over,
  };
}

function batch(id: number, over: Partial<ApplicationResult> = {}): ApplicationResult {
  return {
    applicationId: id,
    state: "submitted",
    applyId: 880000 + id,
    errorCode: null,
    errorMessage: null,
    errorKind: null,
    numbers: 100,
    ...over,
  };
}

function report(over: Partial<SendReport> = {}): SendReport {
  return {
    outcome: { kind: "finished" },
    total: 3,
    submitted: [1, 2, 3],
    failed: [],
    unknown: [],
    queued: [],
    elapsedMs: 3000,
    attempts: 3,
    rateLimitedAttempts: 0,
    unsavedApplyIds: [],
    ...over,
  };
}

/** Opens the submit screen, and shows what the grid would open when the screen links back. */
function Probe(): ReactElement {
  const nav = useSubmitNav();
  const [request] = useState(() => nav?.takeGridRequest() ?? null);
  return (
    <div>
      <button
        type="button"
        onClick={() => {
          nav?.openSubmit(7);
        }}
      >
        open-submit
      </button>
      <button
        type="button"
        onClick={() => {
          nav?.openSubmit(8);
        }}
      >
        open-other
      </button>
      <p data-testid="grid-request">{request === null ? "none" : JSON.stringify(request)}</p>
    </div>
  );
}

function setup(handlers: Partial<Record<string, Handler>>) {
  const calls = mockCommands({
    outbox_status: () => IDLE,
    submit_preview: () => preview(),
    ...handlers,
  });
  const onNavigate = vi.fn();
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={createI18n("en")}>
      <SubmitHost section="drafts" onNavigate={onNavigate}>
        <Probe />
      </SubmitHost>
    </I18nextProvider>,
  );
  return { calls, user, onNavigate };
}

function startHandler(
  channel: { current: Channel<ProgressEvent> | null },
  end: ReturnType<typeof deferred<SendReport>>,
): Handler {
  return (args) => {
    channel.current = (args as { onProgress: Channel<ProgressEvent> }).onProgress;
    return end.promise;
  };
}

function send(channel: { current: Channel<ProgressEvent> | null }, e: ProgressEvent): void {
  act(() => {
    channel.current?.onmessage(e);
  });
}

describe("Submit screen", () => {
  it("shows the one form numbers are sent in and sends the user's change with the preview", async () => {
    const { user, calls } = setup({
      submit_preview: (args) => {
        const form = (args as { settings: { numberForm: string | null } }).settings.numberForm;
        return form === "international"
          ? preview({ numberForm: "international", exampleNumber: "+862038001234" })
          : preview({ exampleNumber: "02038001234" });
      },
    });
    await user.click(screen.getByRole("button", { name: "open-submit" }));
    const choice = await screen.findByTestId("submit-number-form");
    expect(
      within(choice).getByTestId<HTMLInputElement>("submit-number-form-national").checked,
    ).toBe(true);
    expect(screen.getByTestId("submit-number-example").textContent).toContain("02038001234");
    await user.click(within(choice).getByTestId("submit-number-form-international"));
    await waitFor(() => {
      expect(screen.getByTestId("submit-number-example").textContent).toContain("+862038001234");
    });
    const last = callsOf(calls, "submit_preview").at(-1)?.args as {
      settings: { numberForm: string | null };
    };
    expect(last.settings.numberForm, "rule: the choice is visible and sent, never silent").toBe(
      "international",
    );
  });

  it("summarises what will be sent, where, and shows the exact first request", async () => {
    const { user } = setup({});
    await user.click(screen.getByRole("button", { name: "open-submit" }));
    const summary = await screen.findByTestId("submit-summary");
    expect(within(summary).getByTestId("submit-numbers").textContent).toBe("250");
    expect(within(summary).getByTestId("submit-batches").textContent).toBe("3");
    expect(within(summary).getByTestId("submit-sdk-app").textContent).toBe(
      "1400000001 — Sandbox Contact Centre",
    );
    expect(within(summary).getByTestId("submit-sip-trunk").textContent).toBe("10001");
    const destination = screen.getByTestId("submit-destination");
    expect(destination.getAttribute("data-kind")).toBe("sandbox");
    expect(destination.textContent).toContain("the built-in Sandbox");
    expect(destination.textContent).toContain("SANDBOX");
    const request = screen.getByTestId("submit-request-text").textContent;
    expect(request).toContain("POST http://127.0.0.1:48123/");
    expect(request).toContain("X-TC-Token: ***");
    expect(request).toContain("Signature=5f1e");
    expect(request).toContain('"SdkAppId": 1400000001');
    expect(screen.getByTestId("submit-send").hasAttribute("disabled")).toBe(false);
  });

  it("blocks sending while rows have errors and links back to the grid filtered to errors", async () => {
    const { user, onNavigate } = setup({
      submit_preview: () =>
        preview({
          canSend: false,
          blockedCount: 2,
          blocked: [
            { position: 2, sourceLine: 4, phoneNumber: "02x", message: "not a phone number" },
            {
              position: 3,
              sourceLine: null,
              phoneNumber: "0201",
              message: "MaxCallCount is missing",
            },
          ],
          request: null,
        }),
    });
    await user.click(screen.getByRole("button", { name: "open-submit" }));
    const blocked = await screen.findByTestId("submit-blocked");
    expect(blocked.textContent).toContain("2 rows have errors");
    expect(within(blocked).getByTestId("submit-blocked-row-2").textContent).toBe(
      "Line 4 02x — not a phone number",
    );
    expect(within(blocked).getByTestId("submit-blocked-row-3").textContent).toContain("Row 4");
    expect(
      screen.getByTestId("submit-send").hasAttribute("disabled"),
      "rule: rows with errors block submission",
    ).toBe(true);
    await user.click(screen.getByTestId("submit-fix-rows"));
    expect(onNavigate).toHaveBeenCalledWith("drafts");
    expect(screen.queryByTestId("submit-screen")).toBeNull();
    expect(screen.getByTestId("grid-request").textContent).toBe(
      JSON.stringify({ draftId: 7, filter: "errors" }),
    );
  });

  it("asks for confirmation naming the count and the destination before sending", async () => {
    const channel: { current: Channel<ProgressEvent> | null } = { current: null };
    const end = deferred<SendReport>();
    const { user, calls } = setup({
      submit_preview: () =>
        preview({
          connection: "tencent",
          endpoint: {
            kind: "international",
            label: "intl",
            url: "https://ccc.intl.tencentcloudapi.com/",
          },
          numbersToSend: 1234,
          applicationCount: 13,
        }),
      submit_start: startHandler(channel, end),
    });
    await user.click(screen.getByRole("button", { name: "open-submit" }));
    expect((await screen.findByTestId("submit-destination")).textContent).toContain("LIVE");
    await user.click(screen.getByTestId("submit-send"));
    const dialog = screen.getByTestId("submit-confirm");
    expect(dialog.getAttribute("role")).toBe("alertdialog");
    expect(within(dialog).getByTestId("submit-confirm-title").textContent).toBe(
      "Send 1,234 numbers in 13 applications to Tencent Cloud (International site)?",
    );
    expect(document.activeElement, "focus starts on Cancel").toBe(
      screen.getByTestId("submit-confirm-cancel"),
    );
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("submit-confirm")).toBeNull();
    expect(callsOf(calls, "submit_start"), "nothing is sent without confirmation").toEqual([]);

    await user.click(screen.getByTestId("submit-send"));
    await user.click(screen.getByTestId("submit-confirm-send"));
    const started = callsOf(calls, "submit_start");
    expect(started).toHaveLength(1);
    expect((started[0]?.args as { draftId: number }).draftId).toBe(7);
    expect(await screen.findByTestId("submit-progress")).toBeTruthy();
  });

  it("binds the confirmation to the summary shown and asks again when it changed", async () => {
    const channel: { current: Channel<ProgressEvent> | null } = { current: null };
    const end = deferred<SendReport>();
    let summaries = 0;
    let starts = 0;
    const { user, calls } = setup({
      submit_preview: () => {
        summaries += 1;
        return summaries === 1
          ? preview()
          : preview({ numbersToSend: 251, confirmToken: "token-of-the-new-summary" });
      },
      submit_start: (args) => {
        starts += 1;
        if (starts === 1)
          // The app refuses: the draft changed after the summary was read.
          return rejectWith({
            code: "preview_changed",
            message: "nothing was sent: the draft … changed",
            details: { draftId: 7, reason: "changed" },
          });
        return startHandler(channel, end)(args);
      },
    });
    await user.click(screen.getByRole("button", { name: "open-submit" }));
    await user.click(await screen.findByTestId("submit-send"));
    await user.click(screen.getByTestId("submit-confirm-send"));
    const first = callsOf(calls, "submit_start")[0]?.args as { settings: SubmitInput };
    expect(first.settings.confirmToken).toBe("token-of-the-first-summary");
    const notice = await screen.findByTestId("submit-changed");
    expect(notice.textContent).toContain("Something changed since you looked at the summary");
    expect(screen.queryByTestId("submit-progress"), "no run view for a refusal").toBeNull();
    await waitFor(() => {
      expect(summaries, "the summary is read again").toBe(2);
    });
    await user.click(await screen.findByTestId("submit-send"));
    expect(
      within(screen.getByTestId("submit-confirm")).getByTestId("submit-confirm-title").textContent,
    ).toContain("251");
    await user.click(screen.getByTestId("submit-confirm-send"));
    const second = callsOf(calls, "submit_start")[1]?.args as { settings: SubmitInput };
    expect(second.settings.confirmToken).toBe("token-of-the-new-summary");
    expect(await screen.findByTestId("submit-progress")).toBeTruthy();
  });

  it("renders progress, ETA and every batch's result from the events, then the summary", async () => {
    const channel: { current: Channel<ProgressEvent> | null } = { current: null };
    const end = deferred<SendReport>();
    const { user } = setup({ submit_start: startHandler(channel, end) });
    await user.click(screen.getByRole("button", { name: "open-submit" }));
    await user.click(await screen.findByTestId("submit-send"));
    await user.click(screen.getByTestId("submit-confirm-send"));
    await waitFor(() => {
      expect(channel.current).not.toBeNull();
    });
    send(channel, event());
    const bar = screen.getByTestId("submit-progress-bar");
    expect(bar.getAttribute("role")).toBe("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("0");
    expect(bar.getAttribute("aria-valuemax")).toBe("3");
    expect(screen.getByTestId("submit-eta").textContent).toBe("About 3 s left");

    send(
      channel,
      event({ done: 1, doneNumbers: 100, submitted: 1, etaMs: 65_000, finished: batch(1) }),
    );
    send(
      channel,
      event({
        done: 2,
        doneNumbers: 200,
        submitted: 1,
        unknown: 1,
        etaMs: 1000,
        finished: batch(2, { state: "unknown", applyId: null, errorCode: "OutcomeUnknown" }),
      }),
    );
    send(
      channel,
      event({
        done: 3,
        doneNumbers: 250,
        submitted: 1,
        unknown: 1,
        failed: 1,
        finished: batch(3, {
          state: "failed",
          applyId: null,
          numbers: 50,
          errorCode: "InvalidParameterValue.InstanceNotExist",
          errorMessage: "SdkAppId 1 does not exist",
        }),
      }),
    );
    expect(bar.getAttribute("aria-valuenow")).toBe("3");
    const first = screen.getByTestId("submit-batch-1");
    expect(first.getAttribute("data-state")).toBe("submitted");
    expect(first.textContent).toContain("ApplyId 880001");
    const second = screen.getByTestId("submit-batch-2");
    expect(second.getAttribute("data-state")).toBe("unknown");
    expect(second.textContent).toContain("Outcome unknown");
    const third = screen.getByTestId("submit-batch-3");
    expect(third.getAttribute("data-state")).toBe("failed");
    expect(third.textContent).toContain("50 numbers");
    expect(third.textContent, "the error in plain language, not the raw code").not.toContain(
      "InvalidParameterValue.InstanceNotExist",
    );
    expect(screen.getByTestId("submit-progress-counts").textContent).toBe(
      "3 of 3 applications · 250 of 250 numbers",
    );

    send(channel, event({ phase: "finished", done: 3, doneNumbers: 250, etaMs: null }));
    await act(async () => {
      end.resolve(report({ submitted: [1], unknown: [2], failed: [3] }));
      await end.promise;
    });
    const done = await screen.findByTestId("submit-done");
    expect(done.getAttribute("data-phase")).toBe("finished");
    expect(screen.getByTestId("submit-done-summary").textContent).toBe(
      "1 submitted · 1 refused · 1 outcome unknown · 0 still queued",
    );
    expect(screen.queryByTestId("submit-pause")).toBeNull();
  });

  it("shows an ApplyId the database could not save, so it is not lost", async () => {
    const channel: { current: Channel<ProgressEvent> | null } = { current: null };
    const end = deferred<SendReport>();
    const { user } = setup({ submit_start: startHandler(channel, end) });
    await user.click(screen.getByRole("button", { name: "open-submit" }));
    await user.click(await screen.findByTestId("submit-send"));
    await user.click(screen.getByTestId("submit-confirm-send"));
    await waitFor(() => {
      expect(channel.current).not.toBeNull();
    });
    await act(async () => {
      end.resolve(
        report({
          submitted: [2, 3],
          unsavedApplyIds: [{ applicationId: 1, applyId: 880001 }],
        }),
      );
      await end.promise;
    });
    const unsaved = await screen.findByTestId("submit-unsaved-apply-ids");
    expect(
      unsaved.textContent,
      "rule: a failed write of Tencent's answer does not lose the ApplyId",
    ).toContain("Application 1: ApplyId 880001");
  });

  it("pauses and resumes through the outbox controls", async () => {
    const channel: { current: Channel<ProgressEvent> | null } = { current: null };
    const end = deferred<SendReport>();
    const { user, calls } = setup({
      submit_start: startHandler(channel, end),
      outbox_pause: () => true,
      outbox_resume: () => true,
      outbox_cancel: () => true,
    });
    await user.click(screen.getByRole("button", { name: "open-submit" }));
    await user.click(await screen.findByTestId("submit-send"));
    await user.click(screen.getByTestId("submit-confirm-send"));
    await waitFor(() => {
      expect(channel.current).not.toBeNull();
    });
    send(channel, event({ done: 1, finished: batch(1) }));
    await user.click(screen.getByTestId("submit-pause"));
    expect(callsOf(calls, "outbox_pause")).toHaveLength(1);
    send(channel, event({ phase: "paused", done: 1, etaMs: null, inFlight: 2 }));
    expect(
      screen.getByTestId("submit-eta").textContent,
      "rule: the paused view says how many requests are already on the wire",
    ).toBe(
      "Paused — 2 requests already on the wire will finish; nothing new starts until you resume.",
    );
    await user.click(screen.getByTestId("submit-resume"));
    expect(callsOf(calls, "outbox_resume")).toHaveLength(1);
    send(channel, event({ phase: "running", done: 1 }));
    expect(screen.getByTestId("submit-pause")).toBeTruthy();
    await user.click(screen.getByTestId("submit-cancel"));
    expect(callsOf(calls, "outbox_cancel")).toHaveLength(1);
  });

  it("says in plain language why the queue stopped and resumes the rest on request", async () => {
    const channel: { current: Channel<ProgressEvent> | null } = { current: null };
    const end = deferred<SendReport>();
    const resumed = deferred<SendReport>();
    const { user, calls } = setup({
      submit_start: startHandler(channel, end),
      outbox_send_queued: () => resumed.promise,
    });
    await user.click(screen.getByRole("button", { name: "open-submit" }));
    await user.click(await screen.findByTestId("submit-send"));
    await user.click(screen.getByTestId("submit-confirm-send"));
    await waitFor(() => {
      expect(channel.current).not.toBeNull();
    });
    const reason = {
      kind: "waiting_approval_overflow" as const,
      code: "InvalidParameterValue.WaitingApprovalOverflow",
      message: "too many pending",
      applicationId: 2,
    };
    send(channel, event({ done: 1, submitted: 1, finished: batch(1) }));
    send(
      channel,
      event({
        done: 1,
        submitted: 1,
        pauseReason: reason,
        finished: batch(2, { state: "queued", applyId: null, errorCode: reason.code }),
      }),
    );
    send(
      channel,
      event({ phase: "stopped", done: 1, submitted: 1, etaMs: null, pauseReason: reason }),
    );
    await act(async () => {
      end.resolve(report({ outcome: { kind: "stopped", reason }, submitted: [1], queued: [2, 3] }));
      await end.promise;
    });
    const stop = await screen.findByTestId("submit-stop-reason");
    expect(within(stop).getByTestId("submit-stop-title").textContent).toBe(
      "Tencent has too many of your applications waiting for review — the remaining 2 applications are kept and will go when you press Resume.",
    );
    expect(screen.getByTestId("submit-batch-2").getAttribute("data-state")).toBe("queued");
    expect(screen.getByTestId("submit-done").getAttribute("data-phase")).toBe("stopped");
    await user.click(screen.getByTestId("submit-send-queued"));
    expect(callsOf(calls, "outbox_send_queued")).toHaveLength(1);
    expect(
      screen.getByTestId("submit-batch-1"),
      "the batches of the first run stay listed",
    ).toBeTruthy();
  });
});

describe("Interrupted-work banner", () => {
  it("offers to resume queued work and review unknown outcomes found at start", async () => {
    const resumed = deferred<SendReport>();
    const { user, calls, onNavigate } = setup({
      outbox_status: () => ({ ...IDLE, queued: 2, unknown: 1, recoveredAtStart: [9] }),
      outbox_send_queued: () => resumed.promise,
    });
    const banner = await screen.findByTestId("interrupted-banner");
    expect(banner.textContent).toContain("2 applications are waiting to be sent.");
    expect(banner.textContent).toContain(
      "1 application was being sent when Number Desk stopped; its outcome is unknown.",
    );
    await user.click(within(banner).getByTestId("interrupted-resume"));
    expect(callsOf(calls, "outbox_send_queued")).toHaveLength(1);
    expect(await screen.findByTestId("submit-progress")).toBeTruthy();
    expect(screen.getByTestId("submit-destination-name").textContent).toBe("the built-in Sandbox");
    expect(screen.queryByTestId("interrupted-banner")).toBeNull();
    await act(async () => {
      resumed.resolve(report({ total: 2, submitted: [4, 5] }));
      await resumed.promise;
    });
    await user.click(await screen.findByTestId("submit-open-applications"));
    expect(onNavigate).toHaveBeenCalledWith("applications");
  });

  it("stays hidden when nothing is left over", async () => {
    const { calls } = setup({});
    await waitFor(() => {
      expect(callsOf(calls, "outbox_status")).toHaveLength(1);
    });
    expect(screen.queryByTestId("interrupted-banner")).toBeNull();
  });

  it("review goes to Applications", async () => {
    const { user, onNavigate } = setup({
      outbox_status: () => ({ ...IDLE, unknown: 1, recoveredAtStart: [9] }),
    });
    const banner = await screen.findByTestId("interrupted-banner");
    expect(
      within(banner).queryByTestId("interrupted-resume"),
      "nothing queued to resume",
    ).toBeNull();
    await user.click(within(banner).getByTestId("interrupted-review"));
    expect(onNavigate).toHaveBeenCalledWith("applications");
  });
});

describe("One run at a time", () => {
  it("keeps Send disabled on another draft while a run goes on, with the progress one click away", async () => {
    const channel: { current: Channel<ProgressEvent> | null } = { current: null };
    const end = deferred<SendReport>();
    const { user } = setup({ submit_start: startHandler(channel, end) });
    await user.click(screen.getByRole("button", { name: "open-submit" }));
    await user.click(await screen.findByTestId("submit-send"));
    await user.click(screen.getByTestId("submit-confirm-send"));
    await waitFor(() => {
      expect(channel.current).not.toBeNull();
    });
    send(channel, event({ done: 1, finished: batch(1) }));
    await user.click(screen.getByTestId("submit-back"));
    // Another draft's screen: its Send waits, and the running one is a click away.
    await user.click(screen.getByRole("button", { name: "open-other" }));
    expect((await screen.findByTestId("submit-busy")).textContent).toContain(
      "Number Desk sends one at a time",
    );
    await waitFor(() => {
      expect(screen.getByTestId("submit-send").hasAttribute("disabled")).toBe(true);
    });
    const banner = await screen.findByTestId("submit-running-banner");
    expect(banner.textContent).toContain("1 of 3 applications");
    await user.click(within(banner).getByRole("button", { name: "Show progress" }));
    expect(screen.getByTestId("submit-batch-1")).toBeTruthy();
  });
});
