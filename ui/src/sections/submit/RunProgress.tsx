import { useId, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { ApplicationResult } from "../../bindings/ApplicationResult";
import { ErrorNotice } from "../../components/ErrorNotice";
import { describeNetwork, describePause, describeTencent, messageIdOf } from "../../errors";
import { toIpcError } from "../../ipc";
import { outboxCancel, outboxPause, outboxResume } from "../../ipc/submit";
import type { IpcError } from "../../bindings/IpcError";
import { phaseOf, splitDuration, type RunState } from "./runState";

function duration(t: TFunction, ms: number): string {
  const { m, s } = splitDuration(ms);
  return m > 0 ? t("submit.time.minutes", { m, s }) : t("submit.time.seconds", { s });
}

/** One batch's outcome in plain language. */
export function batchText(t: TFunction, b: ApplicationResult): string {
  const reason = (): string => {
    if (b.errorKind !== null) return describeNetwork(t, b.errorKind).title;
    const code = b.errorCode ?? "";
    if (code !== "" && messageIdOf(code) !== "unknown") return describeTencent(t, code).title;
    return b.errorMessage ?? code;
  };
  switch (b.state) {
    case "submitted":
      return t("submit.batch.submitted", { applyId: b.applyId ?? "—" });
    case "failed":
      return t("submit.batch.failed", { reason: reason() });
    case "unknown":
      return t("submit.batch.unknown");
    case "queued": {
      const why = reason();
      return why === "" ? t("submit.batch.queuedPlain") : t("submit.batch.queued", { reason: why });
    }
    case "sending":
      return t("submit.batch.sending");
  }
}

/**
 * A run as it goes: progress bar with ETA, Pause/Resume/Cancel, the per-batch results, the
 * reason when the queue stopped by itself (with Resume sending), and the summary at the end.
 */
export function RunProgress({
  run,
  destination,
  onSendQueued,
  onOpenApplications,
}: {
  run: RunState;
  destination: string;
  onSendQueued: () => void;
  onOpenApplications: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const ids = useId();
  const [controlError, setControlError] = useState<IpcError | null>(null);
  const last = run.last;
  const phase = phaseOf(run);
  const running = run.status === "running";
  const total = last?.total ?? 0;
  const done = last?.done ?? 0;
  const percent = total === 0 ? (running ? 0 : 100) : Math.round((done / total) * 100);
  const stopReason = last?.pauseReason ?? null;
  const remaining = Math.max(0, total - done);

  function control(action: () => Promise<boolean>): void {
    setControlError(null);
    action().catch((e: unknown) => {
      setControlError(toIpcError(e));
    });
  }

  const report = run.report;
  const queuedLeft = report?.queued.length ?? 0;

  return (
    <section
      className="panel submit-progress"
      data-testid="submit-progress"
      aria-labelledby="submit-progress-title"
    >
      <div className="panel__header">
        <h2 id="submit-progress-title">{t("submit.progress.title", { destination })}</h2>
      </div>
      <div
        className="submit-progress__bar"
        role="progressbar"
        aria-label={t("submit.progress.label")}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${String(percent)} %`}
        data-testid="submit-progress-bar"
      >
        <div
          className={`submit-progress__fill submit-progress__fill--${phase ?? "running"}`}
          style={{ width: `${String(percent)}%` }}
        />
      </div>
      <p data-testid="submit-progress-counts">
        {last === null
          ? t("submit.progress.starting")
          : t("submit.progress.counts", {
              done: done.toLocaleString(),
              total: total.toLocaleString(),
              doneNumbers: last.doneNumbers.toLocaleString(),
              totalNumbers: last.totalNumbers.toLocaleString(),
            })}
      </p>
      {last !== null && running && (
        <p className="muted" data-testid="submit-tally">
          {t("submit.progress.tally", {
            submitted: last.submitted,
            failed: last.failed,
            unknown: last.unknown,
          })}
        </p>
      )}
      {running && (
        <p className="muted" data-testid="submit-eta" aria-live="polite">
          {phase === "paused"
            ? (last?.inFlight ?? 0) > 0
              ? t("submit.progress.pausedInFlight", { n: last?.inFlight ?? 0 })
              : t("submit.progress.paused")
            : last?.etaMs !== null && last?.etaMs !== undefined
              ? t("submit.progress.eta", { time: duration(t, last.etaMs) })
              : t("submit.progress.etaUnknown")}
        </p>
      )}
      {running && (
        <div className="submit-actions">
          {phase === "paused" ? (
            <button
              type="button"
              className="button"
              data-testid="submit-resume"
              onClick={() => {
                control(outboxResume);
              }}
            >
              {t("submit.progress.resume")}
            </button>
          ) : (
            <button
              type="button"
              className="button button--secondary"
              data-testid="submit-pause"
              onClick={() => {
                control(outboxPause);
              }}
            >
              {t("submit.progress.pause")}
            </button>
          )}
          <button
            type="button"
            className="button button--secondary"
            data-testid="submit-cancel"
            title={t("submit.progress.cancelHint")}
            onClick={() => {
              control(outboxCancel);
            }}
          >
            {t("submit.progress.cancel")}
          </button>
          <span className="muted">{t("submit.progress.cancelHint")}</span>
        </div>
      )}
      {controlError !== null && <ErrorNotice error={controlError} testId="submit-control-error" />}

      {phase === "stopped" && stopReason !== null && (
        <div className="submit-stop" role="alert" data-testid="submit-stop-reason">
          <p className="submit-stop__title">
            <strong>{t("submit.stopped.title")}</strong>
          </p>
          {(() => {
            const d = describePause(t, stopReason, queuedLeft > 0 ? queuedLeft : remaining);
            return (
              <>
                <p data-testid="submit-stop-title">{d.title}</p>
                <p className="muted">{d.nextStep}</p>
              </>
            );
          })()}
          {!running && (
            <button
              type="button"
              className="button"
              data-testid="submit-send-queued"
              onClick={onSendQueued}
            >
              {t("submit.stopped.resume")}
            </button>
          )}
        </div>
      )}

      {!running && run.error !== null && (
        <ErrorNotice
          error={run.error}
          headline={t("submit.done.failedRun")}
          testId="submit-run-error"
        />
      )}

      {!running && (report !== null || run.error !== null) && (
        <div
          className="submit-done"
          data-testid="submit-done"
          data-phase={run.error !== null && report === null ? "error" : (phase ?? "finished")}
        >
          {report !== null && (
            <>
              <p>
                <strong>
                  {report.outcome.kind === "finished"
                    ? t("submit.done.finished")
                    : report.outcome.kind === "cancelled"
                      ? t("submit.done.cancelled")
                      : t("submit.done.stopped")}
                </strong>
              </p>
              <p data-testid="submit-done-summary">
                {t("submit.done.summary", {
                  submitted: report.submitted.length,
                  failed: report.failed.length,
                  unknown: report.unknown.length,
                  queued: report.queued.length,
                })}
              </p>
              {report.unknown.length > 0 && <p className="muted">{t("submit.done.unknownHint")}</p>}
              {report.unsavedApplyIds.length > 0 && (
                <div className="submit-stop" role="alert" data-testid="submit-unsaved-apply-ids">
                  <p>
                    <strong>{t("submit.done.unsavedApplyIds")}</strong>
                  </p>
                  <ul>
                    {report.unsavedApplyIds.map((u) => (
                      <li key={u.applicationId}>
                        {t("submit.done.unsavedApplyId", {
                          id: u.applicationId,
                          applyId: u.applyId,
                        })}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
          <div className="submit-actions">
            {report !== null && report.outcome.kind === "cancelled" && queuedLeft > 0 && (
              <button
                type="button"
                className="button button--secondary"
                data-testid="submit-send-queued"
                onClick={onSendQueued}
              >
                {t("submit.stopped.resume")}
              </button>
            )}
            <button
              type="button"
              className="button"
              data-testid="submit-open-applications"
              onClick={onOpenApplications}
            >
              {t("submit.done.applications")}
            </button>
          </div>
        </div>
      )}

      {run.batches.length > 0 && (
        <div className="submit-batches">
          <h3 id={`${ids}-batches`}>{t("submit.progress.batches")}</h3>
          {/* It scrolls: focusable, so the keyboard can scroll it too. */}
          <ol
            className="submit-batch-list"
            aria-labelledby={`${ids}-batches`}
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling list (axe: scrollable-region-focusable)
            tabIndex={0}
            data-testid="submit-batch-list"
            aria-live="polite"
          >
            {run.batches.map((b) => (
              <li
                key={b.applicationId}
                className={`submit-batch submit-batch--${b.state}`}
                data-testid={`submit-batch-${String(b.applicationId)}`}
                data-state={b.state}
              >
                <span className="submit-batch__id">
                  {t("submit.batch.title", { id: b.applicationId })}
                </span>
                <span className="muted">{t("submit.batch.numbers", { count: b.numbers })}</span>
                <span className="submit-batch__text">{batchText(t, b)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
