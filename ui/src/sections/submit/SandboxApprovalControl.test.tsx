import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import type { SandboxApproval } from "../../bindings/SandboxApproval";
import { createI18n } from "../../i18n";
import { callsOf, mockCommands } from "../../test/renderApp";
import { SandboxApprovalControl } from "./SandboxApprovalControl";

describe("Sandbox review delay", () => {
  it("shows the current delay and saves another, or never", async () => {
    const calls = mockCommands({
      sandbox_approval_get: () => ({ approveAfterSecs: 120, reject: false }),
      sandbox_approval_set: (args) => (args as { approval: SandboxApproval }).approval,
    });
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n("en")}>
        <SandboxApprovalControl />
      </I18nextProvider>,
    );
    const select = screen.getByLabelText<HTMLSelectElement>("Approve applications");
    await waitFor(() => {
      expect(select.value).toBe("120");
    });
    expect(select.selectedOptions[0]?.textContent).toBe("2 minutes after submission");
    await user.selectOptions(select, "5");
    await screen.findByText("Saved");
    expect(callsOf(calls, "sandbox_approval_set")[0]?.args).toEqual({
      approval: { approveAfterSecs: 5, reject: false },
    });
    await user.selectOptions(select, "");
    await waitFor(() => {
      expect(callsOf(calls, "sandbox_approval_set")[1]?.args).toEqual({
        approval: { approveAfterSecs: null, reject: false },
      });
    });
    await user.click(screen.getByTestId("sandbox-approval-reject"));
    await waitFor(() => {
      expect(callsOf(calls, "sandbox_approval_set")[2]?.args).toEqual({
        approval: { approveAfterSecs: null, reject: true },
      });
    });
  });
});
