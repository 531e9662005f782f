import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import type { SandboxFaults } from "../../bindings/SandboxFaults";
import { createI18n } from "../../i18n";
import { callsOf, mockCommands } from "../../test/renderApp";
import { SandboxFaultsControl } from "./SandboxFaultsControl";

const NONE: SandboxFaults = { dropPercent: 0, internalErrorPercent: 0, dropNext: 0, delayMs: 0 };

function setup(current: SandboxFaults) {
  const calls = mockCommands({
    sandbox_faults_get: () => current,
    sandbox_faults_set: (args) => (args as { faults: SandboxFaults }).faults,
  });
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={createI18n("en")}>
      <SandboxFaultsControl />
    </I18nextProvider>,
  );
  return { calls, user };
}

describe("Sandbox fault switch", () => {
  it("shows the current drop rate and saves a new one, keeping the other switches", async () => {
    const { calls, user } = setup({ ...NONE, dropPercent: 10, delayMs: 50 });
    const input = screen.getByTestId("sandbox-fault-drop");
    expect(screen.getByLabelText(/Drop this share of answers/)).toBe(input);
    await screen.findByDisplayValue("10");
    await user.clear(input);
    await user.type(input, "30");
    await user.click(screen.getByTestId("sandbox-fault-apply"));
    expect(callsOf(calls, "sandbox_faults_set").map((c) => c.args)).toEqual([
      { faults: { ...NONE, dropPercent: 30, delayMs: 50 } },
    ]);
    expect((await screen.findByTestId("sandbox-fault-status")).textContent).toBe("Saved");
  });

  it("refuses a value that is not a percentage without calling the sandbox", async () => {
    const { calls, user } = setup(NONE);
    const input = screen.getByTestId("sandbox-fault-drop");
    await user.clear(input);
    await user.type(input, "150");
    await user.click(screen.getByTestId("sandbox-fault-apply"));
    expect(screen.getByTestId("sandbox-fault-invalid").textContent).toBe(
      "Enter a whole number from 0 to 100.",
    );
    expect(callsOf(calls, "sandbox_faults_set")).toEqual([]);
  });
});
