import { screen } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import type { IpcError } from "../../bindings/IpcError";
import type { UpdateCheck } from "../../bindings/UpdateCheck";
import type { UpdateFailure } from "../../bindings/UpdateFailure";
import { callsOf, deferred, rejectWith, renderApp, type Handler } from "../../test/renderApp";

const AVAILABLE: UpdateCheck = {
  status: "available",
  currentVersion: "0.1.0",
  version: "0.2.0",
  notes: "- Faster import\n- Fixes",
};

function failure(code: IpcError["code"], reason: UpdateFailure, message: string): IpcError {
  return { code, message, details: { reason } };
}

async function openAbout(
  handlers: Partial<Record<string, Handler>> = {},
  initialLanguage: "en" | "zh-CN" = "en",
) {
  const app = renderApp({ handlers, initialLanguage });
  await app.user.click(await screen.findByTestId("nav-settings"));
  await screen.findByTestId("updates");
  return app;
}

describe("Settings → About → Check for updates", () => {
  it("never checks by itself: nothing is asked until the button is pressed", async () => {
    const { calls } = await openAbout();
    expect(screen.getByTestId("updates-check").textContent).toBe("Check for updates");
    expect(callsOf(calls, "updates_check"), "rule: updates are never automatic").toEqual([]);
  });

  it("says when this is the latest version", async () => {
    const { user, calls } = await openAbout({
      updates_check: () => ({ status: "upToDate", currentVersion: "0.1.0" }),
    });
    await user.click(screen.getByTestId("updates-check"));
    expect((await screen.findByTestId("updates-latest")).textContent).toBe(
      "You have the latest version (0.1.0).",
    );
    expect(callsOf(calls, "updates_install")).toEqual([]);
  });

  it("shows a newer version with its notes and installs it only when asked", async () => {
    const installing = deferred<null>();
    const { user, calls } = await openAbout({
      updates_check: () => AVAILABLE,
      updates_install: () => installing.promise,
    });
    await user.click(screen.getByTestId("updates-check"));
    const available = await screen.findByTestId("updates-available");
    expect(available.textContent).toContain("Version 0.2.0 is available (you have 0.1.0):");
    expect(screen.getByTestId("updates-notes").textContent).toBe("- Faster import\n- Fixes");
    expect(callsOf(calls, "updates_install"), "rule: install only after the user clicks").toEqual(
      [],
    );
    await user.click(screen.getByTestId("updates-install"));
    expect((await screen.findByTestId("updates-installing")).textContent).toContain(
      "Downloading and installing version 0.2.0",
    );
    expect(callsOf(calls, "updates_install").map((c) => c.args)).toEqual([{ version: "0.2.0" }]);
    expect(screen.getByTestId<HTMLButtonElement>("updates-check").disabled).toBe(true);
  });

  it("says plainly when the update server cannot be reached", async () => {
    const { user } = await openAbout({
      updates_check: () =>
        rejectWith(failure("network", "offline", "error sending request for url (…)")),
    });
    await user.click(screen.getByTestId("updates-check"));
    const summary = await screen.findByTestId("updates-error-summary");
    expect(summary.textContent).toBe(
      "Could not check for updates: this computer seems to be offline, or the update server " +
        "could not be reached. Check the network connection and the proxy, then try again.",
    );
    expect(summary.dataset["reason"]).toBe("offline");
  });

  it("reports a refused signature as nothing installed", async () => {
    const { user } = await openAbout({
      updates_check: () => AVAILABLE,
      updates_install: () =>
        rejectWith(failure("network", "bad_signature", "The signature verification failed")),
    });
    await user.click(screen.getByTestId("updates-check"));
    await user.click(await screen.findByTestId("updates-install"));
    expect((await screen.findByTestId("updates-error-summary")).textContent).toBe(
      "Could not install the update: the downloaded update is not signed by the Number Desk " +
        "release key, so it was refused and nothing was installed.",
    );
    expect(screen.getByTestId("updates-error").textContent).toContain(
      "The signature verification failed",
    );
  });

  it("an unknown failure still reads as a sentence", async () => {
    const { user } = await openAbout({
      updates_check: () => rejectWith({ code: "internal", message: "boom", details: null }),
    });
    await user.click(screen.getByTestId("updates-check"));
    expect((await screen.findByTestId("updates-error-summary")).textContent).toBe(
      "Could not check for updates: something unexpected went wrong.",
    );
  });

  it("speaks 简体中文", async () => {
    const { user } = await openAbout({ updates_check: () => AVAILABLE }, "zh-CN");
    expect(screen.getByTestId("updates-check").textContent).toBe("检查更新");
    await user.click(screen.getByTestId("updates-check"));
    expect((await screen.findByTestId("updates-available")).textContent).toContain(
      "有新版本 0.2.0 可用（您当前的版本是 0.1.0）：",
    );
    expect(screen.getByTestId("updates-install").textContent).toBe("安装并重启");
  });

  it("the offered update and a failure pass axe-core", async () => {
    const { user } = await openAbout({
      updates_check: () => AVAILABLE,
      updates_install: () => rejectWith(failure("io", "install_failed", "disk full")),
    });
    await user.click(screen.getByTestId("updates-check"));
    const updates = screen.getByTestId("updates");
    await screen.findByTestId("updates-available");
    for (const state of ["available", "failed"]) {
      if (state === "failed") {
        await user.click(screen.getByTestId("updates-install"));
        await screen.findByTestId("updates-error");
      }
      const result = await axe.run(updates, {
        rules: { "color-contrast": { enabled: false } },
        resultTypes: ["violations"],
      });
      expect(
        result.violations.map((v) => `${v.id}: ${v.help}`),
        `${state}: accessibility violations`,
      ).toEqual([]);
    }
  });
});
