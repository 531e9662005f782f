import { useEffect, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ActiveEndpoint } from "../../bindings/ActiveEndpoint";
import type { OutboxStatus } from "../../bindings/OutboxStatus";
import { CloseIcon } from "../../components/icons";
import { outboxStatus } from "../../ipc/submit";
import type { RunState } from "./runState";

/**
 * Above every section: unfinished work found at start (applications still queued, or left
 * "sending" by a crash and now of unknown outcome), with Resume sending and Review — except on
 * the Overview, which lists the same work with its own buttons; and, while a run goes on with
 * its screen closed, a line with its progress.
 */
export function InterruptedBanner({
  run,
  screenOpen,
  onOverview = false,
  onResume,
  onShow,
  onReview,
}: {
  run: RunState;
  /** The run's own screen is open (then it shows the progress itself). */
  screenOpen: boolean;
  /** The Overview is shown: it lists the unfinished work itself. */
  onOverview?: boolean;
  onResume: (endpoint: ActiveEndpoint) => void;
  onShow: () => void;
  onReview: () => void;
}): ReactElement | null {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OutboxStatus | null>(null);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    let live = true;
    outboxStatus()
      .then((s) => {
        if (live) setStatus(s);
      })
      // No banner when the status cannot be read: the Applications list still shows everything.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (run.status === "running") {
    if (screenOpen) return null;
    const last = run.last;
    return (
      <div
        className="submit-banner submit-banner--running"
        role="status"
        data-testid="submit-running-banner"
      >
        <span>
          {t("submit.banner.running", {
            done: (last?.done ?? 0).toLocaleString(),
            total: (last?.total ?? 0).toLocaleString(),
          })}
        </span>
        <button type="button" className="button button--secondary" onClick={onShow}>
          {t("submit.banner.show")}
        </button>
      </div>
    );
  }

  if (status === null || dismissed || onOverview || run.status !== "idle") return null;
  const recovered = status.recoveredAtStart.length;
  if (status.queued === 0 && recovered === 0) return null;
  return (
    <section
      className="submit-banner"
      aria-labelledby="interrupted-title"
      data-testid="interrupted-banner"
    >
      <div className="submit-banner__text">
        <h2 id="interrupted-title">{t("submit.banner.title")}</h2>
        {status.queued > 0 && (
          <p data-testid="interrupted-queued">
            {t("submit.banner.queued", { count: status.queued })}
          </p>
        )}
        {recovered > 0 && (
          <p data-testid="interrupted-recovered">
            {t("submit.banner.recovered", { count: recovered })}
          </p>
        )}
        {status.queuedElsewhere > 0 && (
          <p className="muted">{t("submit.banner.elsewhere", { count: status.queuedElsewhere })}</p>
        )}
      </div>
      <div className="submit-banner__actions">
        {status.queued > 0 && (
          <button
            type="button"
            className="button"
            data-testid="interrupted-resume"
            onClick={() => {
              setDismissed(true);
              onResume(status.endpoint);
            }}
          >
            {t("submit.banner.resume")}
          </button>
        )}
        <button
          type="button"
          className="button button--secondary"
          data-testid="interrupted-review"
          onClick={() => {
            setDismissed(true);
            onReview();
          }}
        >
          {t("submit.banner.review")}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t("submit.banner.dismiss")}
          data-testid="interrupted-dismiss"
          onClick={() => {
            setDismissed(true);
          }}
        >
          <CloseIcon size={16} />
        </button>
      </div>
    </section>
  );
}
