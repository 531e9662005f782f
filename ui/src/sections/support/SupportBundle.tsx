import "./support.css";
import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { SupportBundleSaved } from "../../bindings/SupportBundleSaved";
import type { IpcError } from "../../bindings/IpcError";
import { describeError } from "../../errors";
import { toIpcError } from "../../ipc";
import { chooseSavePath } from "../../ipc/files";
import { supportBundleSave } from "../../ipc/support";

/** A file name for today's bundle: `numdesk-support-2026-11-30.zip`. */
export function bundleFileName(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `numdesk-support-${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.zip`;
}

type State =
  | { status: "idle" }
  | { status: "saving" }
  | { status: "saved"; saved: SupportBundleSaved }
  | { status: "error"; error: IpcError };

/**
 * Settings → About → "Save support bundle…": the OS save dialog, then logs, database statistics
 * and versions in one zip for whoever helps the admin. Phone numbers only when the box is ticked.
 */
export function SupportBundle(): ReactElement {
  const { t } = useTranslation();
  const [includeNumbers, setIncludeNumbers] = useState(false);
  const [state, setState] = useState<State>({ status: "idle" });

  async function save(): Promise<void> {
    try {
      const path = await chooseSavePath(bundleFileName(new Date()), {
        name: t("support.bundle.filter"),
        extensions: ["zip"],
      });
      if (path === null) return;
      setState({ status: "saving" });
      const saved = await supportBundleSave(path, includeNumbers);
      setState({ status: "saved", saved });
    } catch (e: unknown) {
      setState({ status: "error", error: toIpcError(e) });
    }
  }

  return (
    <div className="support-bundle" data-testid="support-bundle">
      <h3 id="support-bundle-title">{t("support.bundle.title")}</h3>
      <p className="muted">{t("support.bundle.intro")}</p>
      <label className="support-bundle__tick">
        <input
          type="checkbox"
          checked={includeNumbers}
          data-testid="support-bundle-include-numbers"
          onChange={(e) => {
            setIncludeNumbers(e.target.checked);
          }}
        />
        <span>{t("support.bundle.includeNumbers")}</span>
      </label>
      <p className="muted" data-testid="support-bundle-numbers-note">
        {includeNumbers ? t("support.bundle.numbersIncluded") : t("support.bundle.numbersMasked")}
      </p>
      <button
        type="button"
        className="button"
        data-testid="support-bundle-save"
        disabled={state.status === "saving"}
        onClick={() => void save()}
      >
        {state.status === "saving" ? t("support.bundle.saving") : t("support.bundle.save")}
      </button>
      {state.status === "saved" && (
        <p role="status" data-testid="support-bundle-saved">
          {t("support.bundle.saved", {
            path: state.saved.path,
            entries: state.saved.entries.length,
            kb: Math.max(1, Math.round(state.saved.bytes / 1024)),
          })}
        </p>
      )}
      {state.status === "error" && (
        <div role="alert" className="error-box" data-testid="support-bundle-error">
          <p>{describeError(t, state.error)}</p>
          <p className="muted">{state.error.message}</p>
        </div>
      )}
    </div>
  );
}
