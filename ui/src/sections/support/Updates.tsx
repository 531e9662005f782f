import "./updates.css";
import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../../bindings/IpcError";
import { ErrorIcon } from "../../components/icons";
import type { UpdateCheck } from "../../bindings/UpdateCheck";
import type { UpdateFailure } from "../../bindings/UpdateFailure";
import { hasReason } from "../../errors";
import { toIpcError } from "../../ipc";
import { updatesCheck, updatesInstall } from "../../ipc/updates";

/** The sentence for each `details.reason` of a failed check or install. */
const REASON_KEY = {
  offline: "settings.about.updates.reasons.offline",
  no_release: "settings.about.updates.reasons.noRelease",
  bad_release: "settings.about.updates.reasons.badRelease",
  no_build_for_this_system: "settings.about.updates.reasons.noBuildForThisSystem",
  download_failed: "settings.about.updates.reasons.downloadFailed",
  bad_signature: "settings.about.updates.reasons.badSignature",
  not_configured: "settings.about.updates.reasons.notConfigured",
  nothing_to_install: "settings.about.updates.reasons.nothingToInstall",
  install_failed: "settings.about.updates.reasons.installFailed",
  other: "settings.about.updates.reasons.other",
} as const satisfies Record<UpdateFailure, string>;

function isUpdateFailure(reason: string): reason is UpdateFailure {
  return Object.hasOwn(REASON_KEY, reason);
}

/** `details.reason` of a failed check or install ("other" when the details say none). */
function reasonOf(error: IpcError): UpdateFailure {
  const details = error.details;
  return hasReason(details) && isUpdateFailure(details.reason) ? details.reason : "other";
}

type State =
  | { status: "idle" }
  | { status: "checking" }
  | { status: "checked"; result: UpdateCheck }
  | { status: "installing"; version: string }
  | { status: "error"; step: "check" | "install"; error: IpcError };

/**
 * Settings → About → "Check for updates". Never automatic: the app asks the release's latest.json
 * only when the button is pressed, and installs only after "Install and restart".
 */
export function Updates(): ReactElement {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: "idle" });
  const busy = state.status === "checking" || state.status === "installing";

  async function check(): Promise<void> {
    setState({ status: "checking" });
    try {
      setState({ status: "checked", result: await updatesCheck() });
    } catch (e: unknown) {
      setState({ status: "error", step: "check", error: toIpcError(e) });
    }
  }

  async function install(version: string): Promise<void> {
    setState({ status: "installing", version });
    try {
      await updatesInstall(version);
    } catch (e: unknown) {
      setState({ status: "error", step: "install", error: toIpcError(e) });
    }
  }

  return (
    <div className="updates" data-testid="updates">
      <h3>{t("settings.about.updates.title")}</h3>
      <p className="muted">{t("settings.about.updates.intro")}</p>
      <button
        type="button"
        className="button button--secondary"
        data-testid="updates-check"
        disabled={busy}
        onClick={() => void check()}
      >
        {state.status === "checking"
          ? t("settings.about.updates.checking")
          : t("settings.about.updates.check")}
      </button>

      {state.status === "checked" && state.result.status === "upToDate" && (
        <p role="status" data-testid="updates-latest">
          {t("settings.about.updates.latest", { version: state.result.currentVersion })}
        </p>
      )}

      {state.status === "checked" && state.result.status === "available" && (
        <div role="status" className="updates__available" data-testid="updates-available">
          <p>
            {t("settings.about.updates.available", {
              version: state.result.version,
              current: state.result.currentVersion,
            })}
          </p>
          {state.result.notes !== null && state.result.notes.trim() !== "" && (
            <pre className="updates__notes" data-testid="updates-notes">
              {state.result.notes}
            </pre>
          )}
          <p className="muted">{t("settings.about.updates.installNote")}</p>
          <button
            type="button"
            className="button"
            data-testid="updates-install"
            onClick={() => {
              if (state.result.status === "available") void install(state.result.version);
            }}
          >
            {t("settings.about.updates.install")}
          </button>
        </div>
      )}

      {state.status === "installing" && (
        <p role="status" data-testid="updates-installing">
          <span className="spinner" aria-hidden="true" />
          {t("settings.about.updates.installing", { version: state.version })}
        </p>
      )}

      {state.status === "error" && (
        <div role="alert" className="error-box" data-testid="updates-error">
          <ErrorIcon size={20} />
          <div>
            <p data-testid="updates-error-summary" data-reason={reasonOf(state.error)}>
              {t(
                state.step === "check"
                  ? "settings.about.updates.checkFailed"
                  : "settings.about.updates.installFailed",
                { reason: t(REASON_KEY[reasonOf(state.error)]) },
              )}
            </p>
            <p className="muted">{state.error.message}</p>
          </div>
        </div>
      )}
    </div>
  );
}
