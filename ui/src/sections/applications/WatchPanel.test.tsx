import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it, vi } from "vitest";
import type { WatchStatus } from "../../bindings/WatchStatus";
import { createI18n } from "../../i18n";
import { callsOf, mockCommands } from "../../test/renderApp";
import { WatchPanel } from "./WatchPanel";

const STATUS: WatchStatus = {
  enabled: true,
  watching: 3,
  lastCheckedAt: "2026-12-05T10:00:00.000Z",
  nextCheckAt: "2026-12-05T10:05:00.000Z",
  lastError: null,
  expired: [4],
  recent: [
    {
      applicationId: 7,
      sdkAppId: 1400000001,
      liveNumbers: 12,
      liveBefore: 0,
      numbers: 100,
      approvedAt: null,
    },
    {
      applicationId: 8,
      sdkAppId: 1400000001,
      liveNumbers: 2,
      liveBefore: 1,
      numbers: 2,
      approvedAt: "2026-12-05T10:00:00.000Z",
    },
  ],
};

describe("Approval watch panel", () => {
  it("says what it watches, checks now, brings in live numbers and opens a changed application", async () => {
    const calls = mockCommands({
      watch_status: () => STATUS,
      live_numbers_list: () => [
        {
          number: "008602038004001",
          numberKey: "+862038004001",
          sdkAppId: 1400000001,
          readAt: "2026-12-05T10:00:00.000Z",
          costType: null,
          appliedHere: false,
        },
      ],
      watch_check_now: () => ({ ...STATUS, watching: 2 }),
      live_numbers_read: (args) => ({
        sdkAppId: (args as { sdkAppId: number }).sdkAppId,
        listed: 9,
        notAppliedHere: 1,
        readAt: "2026-12-05T10:01:00.000Z",
      }),
    });
    const onOpen = vi.fn();
    const onChanged = vi.fn();
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n("en")}>
        <WatchPanel defaultSdkAppId={1400000001} onOpen={onOpen} onChanged={onChanged} />
      </I18nextProvider>,
    );
    await waitFor(() => {
      expect(screen.getByTestId("watch-status").textContent).toMatch(
        /^Watching 3 applications for approval · last checked/,
      );
    });
    expect(screen.getByTestId("watch-expired").textContent).toContain("(#4)");
    await user.click(screen.getByText("Application #8 approved — open"));
    expect(onOpen).toHaveBeenCalledWith(8);
    expect(screen.getByText("Application #7: 12 of 100 numbers live — open")).toBeTruthy();
    expect(screen.getByTestId("watch-live-apart").textContent).toContain("008602038004001");

    await user.click(screen.getByTestId("watch-check-now"));
    await waitFor(() => {
      expect(screen.getByTestId("watch-status").textContent).toMatch(/^Watching 2 applications/);
    });
    await user.click(screen.getByTestId("watch-bring-in"));
    await screen.findByText(/9 numbers listed; 1 of them are live/);
    expect(callsOf(calls, "live_numbers_read")[0]?.args).toEqual({ sdkAppId: 1400000001 });
    expect(onChanged).toHaveBeenCalled();
  });

  it("says when the watch is off or could not check", async () => {
    mockCommands({
      watch_status: () => ({
        ...STATUS,
        lastError: "SdkAppId 1400000001: no connection.",
        recent: [],
      }),
      live_numbers_list: () => [],
    });
    render(
      <I18nextProvider i18n={createI18n("zh-CN")}>
        <WatchPanel defaultSdkAppId={null} onOpen={vi.fn()} onChanged={vi.fn()} />
      </I18nextProvider>,
    );
    await waitFor(() => {
      expect(screen.getByTestId("watch-status").textContent).toContain("无法检查审核结果");
    });
  });
});
