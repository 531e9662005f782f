// The approval watch on the Applications screen: what it is doing (watching N applications,
// last and next check, or why it could not check), "Check now", what changed lately with a link
// to each application, and the numbers already live in the contact centre that no application
// from this computer holds ("Bring in the numbers already in this contact centre").
import { useCallback, useEffect, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../../bindings/IpcError";
import type { LiveNumber } from "../../bindings/LiveNumber";
import type { LiveNumbersRead } from "../../bindings/LiveNumbersRead";
import type { WatchStatus } from "../../bindings/WatchStatus";
import { ErrorNotice } from "../../components/ErrorNotice";
import { toIpcError } from "../../ipc";
import {
  liveNumbersList,
  liveNumbersRead,
  onWatchChanged,
  watchCheckNow,
  watchStatus,
} from "../../ipc/watch";

/** How often the status line is read again while the screen is open. */
const POLL_MS = 10_000;

export function WatchPanel({
  defaultSdkAppId,
  onOpen,
  onChanged,
}: {
  /** Offered in "Bring in…" (the SdkAppId of the applications shown). */
  defaultSdkAppId: number | null;
  onOpen: (id: number) => void;
  /** The watch saw changes: the list reloads. */
  onChanged: () => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<WatchStatus | null>(null);
  const [live, setLive] = useState<LiveNumber[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  // Empty: the SdkAppId of the applications shown.
  const [sdk, setSdk] = useState("");
  // Kept as facts, worded at render time: the text follows a language switch.
  const [message, setMessage] = useState<
    { kind: "invalid" } | { kind: "read"; read: LiveNumbersRead } | null
  >(null);

  const reload = useCallback(() => {
    watchStatus()
      .then(setStatus)
      .catch(() => undefined);
    liveNumbersList()
      .then(setLive)
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    reload();
    const timer = setInterval(reload, POLL_MS);
    let unlisten: (() => void) | undefined;
    let mounted = true;
    onWatchChanged(() => {
      reload();
      onChanged();
    })
      .then((u) => {
        if (mounted) unlisten = u;
        else u();
      })
      .catch(() => undefined);
    return () => {
      mounted = false;
      clearInterval(timer);
      unlisten?.();
    };
  }, [reload, onChanged]);

  const time = (utc: string | null): string =>
    utc === null
      ? t("applicationsList.watch.never")
      : new Date(utc).toLocaleTimeString(i18n.language, { hour: "2-digit", minute: "2-digit" });

  function checkNow(): void {
    setBusy(true);
    setError(null);
    watchCheckNow()
      .then((s) => {
        setStatus(s);
        onChanged();
      })
      .catch((e: unknown) => {
        setError(toIpcError(e));
      })
      .finally(() => {
        setBusy(false);
      });
  }

  function bringIn(): void {
    const id = Number(sdk.trim() === "" ? (defaultSdkAppId ?? "") : sdk);
    if (!Number.isInteger(id) || id <= 0) {
      setMessage({ kind: "invalid" });
      return;
    }
    setBusy(true);
    setError(null);
    setMessage(null);
    liveNumbersRead(id)
      .then((r) => {
        setMessage({ kind: "read", read: r });
        reload();
        onChanged();
      })
      .catch((e: unknown) => {
        setError(toIpcError(e));
      })
      .finally(() => {
        setBusy(false);
      });
  }

  const recent = status?.recent.slice(-5).reverse() ?? [];
  return (
    <section
      className="apps-watch"
      data-testid="watch-panel"
      aria-label={t("applicationsList.watch.title")}
    >
      <div className="apps-watch__line">
        <p role="status" data-testid="watch-status">
          {status === null
            ? t("applicationsList.watch.starting")
            : !status.enabled
              ? t("applicationsList.watch.off")
              : status.lastError !== null
                ? t("applicationsList.watch.failed", { reason: status.lastError })
                : status.watching === 0
                  ? t("applicationsList.watch.idle", { last: time(status.lastCheckedAt) })
                  : t("applicationsList.watch.watching", {
                      count: status.watching,
                      last: time(status.lastCheckedAt),
                      next: time(status.nextCheckAt),
                    })}
        </p>
        <button
          type="button"
          className="button button--secondary"
          data-testid="watch-check-now"
          disabled={busy}
          onClick={checkNow}
        >
          {t("applicationsList.watch.checkNow")}
        </button>
      </div>
      {status !== null && status.expired.length > 0 && (
        <p className="apps-muted" data-testid="watch-expired">
          {t("applicationsList.watch.expired", {
            count: status.expired.length,
            ids: status.expired.map((id) => `#${String(id)}`).join(", "),
          })}
        </p>
      )}
      {recent.length > 0 && (
        <ul className="apps-watch__recent" data-testid="watch-recent">
          {recent.map((c, i) => (
            <li key={`${String(c.applicationId)}-${String(i)}`}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onOpen(c.applicationId);
                }}
              >
                {c.approvedAt !== null
                  ? t("applicationsList.watch.approved", { id: c.applicationId })
                  : t("applicationsList.watch.liveSome", {
                      id: c.applicationId,
                      live: c.liveNumbers,
                      count: c.numbers,
                    })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="apps-watch__line">
        <label>
          {t("applicationsList.watch.sdkLabel")}{" "}
          <input
            className="apps-mono"
            inputMode="numeric"
            size={12}
            value={sdk}
            placeholder={defaultSdkAppId === null ? undefined : String(defaultSdkAppId)}
            data-testid="watch-sdk-app-id"
            onChange={(e) => {
              setSdk(e.target.value);
            }}
          />
        </label>
        <button
          type="button"
          className="button button--secondary"
          data-testid="watch-bring-in"
          disabled={busy}
          onClick={bringIn}
        >
          {t("applicationsList.watch.bringIn")}
        </button>
      </div>
      {message !== null && (
        <p className="apps-muted" role="status" data-testid="watch-message">
          {message.kind === "invalid"
            ? t("applicationsList.watch.sdkInvalid")
            : t("applicationsList.watch.broughtIn", {
                listed: message.read.listed,
                count: message.read.notAppliedHere,
                sdk: message.read.sdkAppId,
              })}
        </p>
      )}
      {live.length > 0 && (
        <details data-testid="watch-live-apart">
          <summary>{t("applicationsList.watch.liveApart", { count: live.length })}</summary>
          <ul className="apps-watch__live">
            {live.slice(0, 200).map((n) => (
              <li key={`${String(n.sdkAppId)}-${n.numberKey}`} className="apps-mono">
                {t("applicationsList.watch.liveNumber", {
                  number: n.number,
                  sdk: n.sdkAppId,
                  read: time(n.readAt),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {error !== null && <ErrorNotice error={error} testId="watch-error" />}
    </section>
  );
}
