// Over 500 lines: the detail, its actions (refresh, resolve, resend, not created) and its tables
// share one loaded application; the split into parts is open in issue #17.
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ApplicationDetail } from "../../bindings/ApplicationDetail";
import type { ApplicationScope } from "../../bindings/ApplicationScope";
import type { IpcError } from "../../bindings/IpcError";
import { ErrorNotice } from "../../components/ErrorNotice";
import { FieldLabel } from "../../components/FieldLabel";
import { toIpcError } from "../../ipc";
import {
  applicationDetail,
  applicationMarkNotCreated,
  applicationModify,
  applicationsDraftFromFailed,
  applicationResolve,
  applicationsRefresh,
} from "../../ipc/applications";
import { outboxResendUnknown } from "../../ipc/submit";
import { useDialogFocus } from "../../hooks/useDialogFocus";
import { CopyButton, StateChip, formatDate } from "./parts";
import { ModifyForm } from "./ModifyForm";

/** Numbers per page of the detail view. */
export const NUMBERS_PAGE = 200;

type Problem = { headline: string; error: IpcError };
type Confirm = "resend" | "notCreated" | null;

/**
 * One application: its facts, Tencent's answer in plain language, a page of its numbers, its
 * attempt history, and what can be done about it now.
 */
export function ApplicationDetailView({
  id,
  activeScope,
  onBack,
  onOpenDraft,
}: {
  id: number;
  activeScope: ApplicationScope;
  onBack: () => void;
  onOpenDraft: (draftId: number) => Promise<void>;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const [detail, setDetail] = useState<ApplicationDetail | null>(null);
  const [offset, setOffset] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [applyId, setApplyId] = useState("");
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [busy, setBusy] = useState(false);
  const [modifying, setModifying] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = useId();
  const headingElement = useCallback(() => heading.current, []);

  const load = useCallback(
    (numbersOffset: number): Promise<void> =>
      applicationDetail(id, numbersOffset, NUMBERS_PAGE)
        .then(setDetail)
        .catch((e: unknown) => {
          setProblem({ headline: t("applicationsList.detail.loadFailed"), error: toIpcError(e) });
        }),
    [id, t],
  );

  useEffect(() => {
    void load(offset);
  }, [load, offset]);

  // Opened, the application's heading takes the focus — once its detail has arrived (before,
  // there is no heading yet).
  const loaded = detail !== null;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [id, loaded]);

  // After an action the control that had the focus may be gone (resolved: the resolve form
  // closes): the keyboard carries on from the application's heading, not the top of the window.
  const afterAction = useRef(false);
  useEffect(() => {
    if (!afterAction.current) return;
    afterAction.current = false;
    if (document.activeElement === null || document.activeElement === document.body)
      heading.current?.focus();
  }, [detail]);

  function act<T>(action: Promise<T>, headline: string, done?: (value: T) => string): void {
    setBusy(true);
    setProblem(null);
    setStatus(null);
    action
      .then((value) => {
        if (done !== undefined) setStatus(done(value));
        return load(offset);
      })
      .then(() => {
        afterAction.current = true;
      })
      .catch((e: unknown) => {
        setProblem({ headline, error: toIpcError(e) });
      })
      .finally(() => {
        setBusy(false);
      });
  }

  const back = (
    <button
      type="button"
      className="button button--secondary"
      data-testid="application-back"
      onClick={onBack}
    >
      {t("applicationsList.backToList")}
    </button>
  );
  const problemBox =
    problem === null ? null : (
      <ErrorNotice
        testId="application-error"
        headline={problem.headline}
        error={problem.error}
        onDismiss={() => {
          setProblem(null);
        }}
      />
    );
  if (detail === null)
    return (
      <div className="apps-detail">
        {back}
        {problemBox}
      </div>
    );

  const app = detail.application;
  const none = t("applicationsList.none");
  const date = (iso: string | null): string =>
    iso === null ? none : formatDate(iso, i18n.language);
  const scopeName = t(`applicationsList.scope.${detail.scope}`);
  const showsAnswer =
    app.error_code !== null && (detail.status === "failed" || detail.status === "unknown");
  const pageEnd = detail.numbers_offset + detail.numbers.length;

  return (
    <div className="apps-detail" data-testid="application-detail" data-state={detail.status}>
      {back}
      <div className="apps-detail__head">
        <h2 ref={heading} tabIndex={-1} className="apps-detail__title">
          {t("applicationsList.detail.title", { id: String(app.id) })}
        </h2>
        <StateChip status={detail.status} />
      </div>

      <dl className="apps-facts" aria-label={t("applicationsList.detail.facts")}>
        <Fact label={<FieldLabel idea="applyId" compact />} testId="application-detail-apply-id">
          {app.apply_id === null ? none : String(app.apply_id)}
        </Fact>
        <Fact label={<FieldLabel idea="requestId" compact />}>
          {app.request_id === null ? (
            none
          ) : (
            <>
              <code className="apps-mono">{app.request_id}</code>{" "}
              <CopyButton text={app.request_id} testId={`copy-request-id-${String(app.id)}`} />
            </>
          )}
        </Fact>
        <Fact label={<FieldLabel idea="sdkAppId" compact />} testId="application-detail-sdk-app-id">
          {String(app.sdk_app_id)}
        </Fact>
        <Fact label={<FieldLabel idea="sipTrunkId" compact />}>{String(app.sip_trunk_id)}</Fact>
        <Fact label={t("applicationsList.detail.endpoint")}>
          {scopeName} <span className="apps-muted apps-mono">{app.endpoint.host}</span>
        </Fact>
        <Fact label={t("applicationsList.detail.numbers")}>
          {t("applicationsList.liveOf", {
            live: app.live_numbers,
            count: detail.numbers_total,
          })}
        </Fact>
        <Fact label={t("applicationsList.detail.created")}>{date(app.created_at)}</Fact>
        <Fact label={t("applicationsList.detail.sent")}>{date(app.sent_at)}</Fact>
        <Fact label={t("applicationsList.detail.answered")}>{date(app.answered_at)}</Fact>
        <Fact label={t("applicationsList.detail.updated")}>{date(app.updated_at)}</Fact>
        {app.draft_id !== null && (
          <Fact label={t("applicationsList.detail.draft")}>{String(app.draft_id)}</Fact>
        )}
        {app.modify_count > 0 && (
          <Fact label={t("applicationsList.modify.open").replace("…", "")}>
            {t("applicationsList.detail.modified", { count: app.modify_count })}
          </Fact>
        )}
        {app.note !== null && (
          <Fact label={t("applicationsList.detail.note")}>
            <span lang="en">{app.note}</span>
          </Fact>
        )}
      </dl>

      {status !== null && (
        <p role="status" className="apps-status" data-testid="application-status">
          {status}
        </p>
      )}
      {problemBox}

      {showsAnswer && app.error_code !== null && (
        <ErrorNotice
          testId="application-answer"
          headline={t("applicationsList.detail.errorHeadline")}
          tencent={{
            code: app.error_code,
            message: app.error_message ?? "",
            requestId: app.request_id,
          }}
          context={{ action: "create" }}
        />
      )}
      {app.modify_error_code !== null && app.modify_state === null && (
        <ErrorNotice
          testId="application-modify-answer"
          headline={t("applicationsList.detail.modifyErrorHeadline")}
          tencent={{ code: app.modify_error_code, message: app.modify_error_message ?? "" }}
          context={{ action: "modify" }}
        />
      )}
      {app.modify_state !== null && (
        <p className="apps-note">{t("applicationsList.detail.modifyPending")}</p>
      )}
      {app.redrafted_to !== null && (
        <p className="apps-note">
          {t("applicationsList.detail.redrafted", { id: String(app.redrafted_to) })}
        </p>
      )}

      <div className="apps-actions">
        {detail.status === "submitted" && detail.scope === activeScope && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="application-refresh"
            disabled={busy}
            onClick={() => {
              act(applicationsRefresh([app.id]), t("applicationsList.refreshFailed"), (r) =>
                t("applicationsList.refreshed", {
                  checked: r.checked,
                  live: r.numbers_marked,
                  approved: r.approved.length,
                }),
              );
            }}
          >
            {t("applicationsList.detail.refreshOne")}
          </button>
        )}
        {detail.actions.modify && (
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={modifying}
            data-testid="application-modify"
            onClick={() => {
              setStatus(null);
              setModifying((open) => !open);
            }}
          >
            {t("applicationsList.modify.open")}
          </button>
        )}
        {detail.actions.draft_from_failed && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="application-draft-from-failed"
            disabled={busy}
            onClick={() => {
              setProblem(null);
              applicationsDraftFromFailed([app.id])
                .then(onOpenDraft)
                .catch((e: unknown) => {
                  setProblem({
                    headline: t("applicationsList.draftFailed"),
                    error: toIpcError(e),
                  });
                });
            }}
          >
            {t("applicationsList.detail.draftFromFailed")}
          </button>
        )}
      </div>

      {modifying && (
        <ModifyForm
          id={app.id}
          applyId={app.apply_id ?? 0}
          fallback={headingElement}
          onCancel={() => {
            setModifying(false);
          }}
          onSubmit={(changes) =>
            applicationModify(app.id, changes).then((report) => {
              setModifying(false);
              setStatus(
                report.result === "applied"
                  ? t("applicationsList.modify.applied")
                  : `${t(
                      report.result === "refused"
                        ? "applicationsList.modify.refused"
                        : "applicationsList.modify.unknown",
                    )} ${report.explanation ?? ""}`,
              );
              return load(offset);
            })
          }
        />
      )}

      {detail.actions.resolve && (
        <section
          className="apps-resolve"
          aria-labelledby="apps-resolve-title"
          data-testid="application-resolve"
        >
          <h3 id="apps-resolve-title">{t("applicationsList.resolve.title")}</h3>
          <p>{t("applicationsList.resolve.body")}</p>
          <form
            className="apps-resolve__form"
            onSubmit={(e) => {
              e.preventDefault();
              const entered = applyId.trim();
              act(applicationResolve(app.id, entered), t("applicationsList.resolve.failed"), () =>
                t("applicationsList.resolve.saved", { applyId: entered }),
              );
            }}
          >
            <label>
              {t("applicationsList.resolve.applyIdLabel")}
              <input
                value={applyId}
                inputMode="numeric"
                autoComplete="off"
                data-testid="application-resolve-apply-id-input"
                onChange={(e) => {
                  setApplyId(e.target.value);
                }}
              />
            </label>
            <button
              type="submit"
              className="button"
              disabled={busy || applyId.trim() === ""}
              data-testid="application-resolve-apply-id-save"
            >
              {t("applicationsList.resolve.save")}
            </button>
          </form>
          <div className="apps-actions">
            {detail.actions.resend && (
              <button
                type="button"
                className="button button--secondary"
                data-testid="application-resend"
                disabled={busy}
                onClick={() => {
                  setConfirm("resend");
                }}
              >
                {t("applicationsList.resolve.resend")}
              </button>
            )}
            <button
              type="button"
              className="button button--secondary"
              data-testid="application-mark-not-created"
              disabled={busy}
              onClick={() => {
                setConfirm("notCreated");
              }}
            >
              {t("applicationsList.resolve.notCreated")}
            </button>
          </div>
          {confirm === "resend" && (
            <ConfirmBox
              testId="application-resend-dialog"
              title={t("applicationsList.resend.title")}
              body={t("applicationsList.resend.body", { count: detail.numbers_total })}
              confirmLabel={t("applicationsList.resend.confirm")}
              confirmTestId="application-resend-confirm"
              cancelLabel={t("applicationsList.resend.cancel")}
              fallback={headingElement}
              onCancel={() => {
                setConfirm(null);
              }}
              onConfirm={() => {
                setConfirm(null);
                act(
                  outboxResendUnknown(app.id, () => undefined),
                  t("applicationsList.resend.failed"),
                  () => t("applicationsList.resend.done"),
                );
              }}
            />
          )}
          {confirm === "notCreated" && (
            <ConfirmBox
              testId="application-not-created-dialog"
              title={t("applicationsList.resolve.notCreatedTitle")}
              body={t("applicationsList.resolve.notCreatedBody")}
              confirmLabel={t("applicationsList.resolve.notCreatedConfirm")}
              confirmTestId="application-mark-not-created-confirm"
              cancelLabel={t("applicationsList.resolve.cancel")}
              fallback={headingElement}
              onCancel={() => {
                setConfirm(null);
              }}
              onConfirm={() => {
                setConfirm(null);
                act(applicationMarkNotCreated(app.id), t("applicationsList.resolve.failed"), () =>
                  t("applicationsList.resolve.notCreatedDone"),
                );
              }}
            />
          )}
        </section>
      )}

      <h3 id={`${ids}-numbers`}>
        {t("applicationsList.detail.numbersTitle", { count: detail.numbers_total })}
      </h3>
      {/* Scrolls sideways in a narrow window: focusable, so the keyboard can scroll it too. */}
      <div
        className="apps-table-wrap"
        role="region"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region (axe: scrollable-region-focusable)
        tabIndex={0}
        aria-labelledby={`${ids}-numbers`}
      >
        <table className="apps-table apps-numbers" data-testid="application-numbers">
          <thead>
            <tr>
              <th scope="col">{t("applicationsList.detail.position")}</th>
              <th scope="col">
                <FieldLabel idea="phoneNumber" compact />
              </th>
              <th scope="col">
                <FieldLabel idea="callType" compact />
              </th>
              <th scope="col">
                <FieldLabel idea="maxCallCount" compact />
              </th>
              <th scope="col">
                <FieldLabel idea="maxCallPSec" compact />
              </th>
              <th scope="col">
                <FieldLabel idea="calleeFormat" compact />
              </th>
              <th scope="col">
                <FieldLabel idea="carrierNumber" compact />
              </th>
              <th scope="col">{t("applicationsList.detail.live")}</th>
            </tr>
          </thead>
          <tbody>
            {detail.numbers.map((n) => (
              <tr key={n.position} data-testid={`application-number-${String(n.position)}`}>
                <td>{n.position + 1}</td>
                <td className="apps-mono">{n.detail.phone_number}</td>
                <td>{callTypeLabel(n.detail.call_type, t)}</td>
                <td>{n.detail.max_call_count}</td>
                <td>{n.detail.max_call_p_sec}</td>
                <td className="apps-mono" data-testid="number-callee-format">
                  {n.detail.outbound_callee_format ?? none}
                </td>
                <td className="apps-mono" data-testid="number-carrier">
                  {n.detail.carrier_phone_number ?? none}
                </td>
                <td>
                  {n.live_at === null ? (
                    <span className="apps-muted">{t("applicationsList.detail.notLive")}</span>
                  ) : (
                    date(n.live_at)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {detail.numbers_total > NUMBERS_PAGE && (
        <nav className="apps-pager" aria-label={t("applicationsList.detail.numbers")}>
          <span>
            {t("applicationsList.pageInfo", {
              from: detail.numbers_offset + 1,
              to: pageEnd,
              total: detail.numbers_total,
            })}
          </span>
          <button
            type="button"
            className="button button--secondary"
            disabled={detail.numbers_offset === 0}
            onClick={() => {
              setOffset((o) => Math.max(0, o - NUMBERS_PAGE));
            }}
          >
            {t("applicationsList.previous")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={pageEnd >= detail.numbers_total}
            onClick={() => {
              setOffset((o) => o + NUMBERS_PAGE);
            }}
          >
            {t("applicationsList.next")}
          </button>
        </nav>
      )}

      <h3 id={`${ids}-attempts`}>{t("applicationsList.detail.attemptsTitle")}</h3>
      {detail.attempts.length === 0 ? (
        <p className="apps-muted">{t("applicationsList.detail.noAttempts")}</p>
      ) : (
        <div
          className="apps-table-wrap"
          role="region"
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region (axe: scrollable-region-focusable)
          tabIndex={0}
          aria-labelledby={`${ids}-attempts`}
        >
          <table className="apps-table apps-attempts" data-testid="application-attempts">
            <thead>
              <tr>
                <th scope="col">{t("applicationsList.detail.at")}</th>
                <th scope="col">{t("applicationsList.detail.action")}</th>
                <th scope="col">{t("applicationsList.detail.attempt")}</th>
                <th scope="col">
                  <FieldLabel idea="requestId" compact />
                </th>
                <th scope="col">{t("applicationsList.detail.result")}</th>
                <th scope="col">{t("applicationsList.detail.latency")}</th>
                <th scope="col">{t("applicationsList.detail.wait")}</th>
                <th scope="col">{t("applicationsList.detail.nextStep")}</th>
              </tr>
            </thead>
            <tbody>
              {detail.attempts.map((a) => (
                <tr key={a.id} data-testid={`application-attempt-${String(a.id)}`}>
                  <td>{date(a.at)}</td>
                  <td className="apps-mono">{a.action}</td>
                  <td>{a.attempt}</td>
                  <td>
                    {a.request_id === null ? (
                      none
                    ) : (
                      <code className="apps-mono apps-request__id" title={a.request_id}>
                        {a.request_id}
                      </code>
                    )}
                  </td>
                  <td className={a.error_code === null && a.error_class === null ? "" : "apps-bad"}>
                    {attemptResult(a.error_code, a.error_class, t)}
                  </td>
                  <td>{t("applicationsList.detail.ms", { ms: a.latency_ms })}</td>
                  <td>{t("applicationsList.detail.ms", { ms: a.rate_limit_wait_ms })}</td>
                  <td>{nextStepLabel(a.next_step, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

type T = TFunction;

/** An attempt's result: OK, Tencent's code as is (for support), or what a client class means. */
function attemptResult(code: string | null, errorClass: string | null, t: T): string {
  if (code !== null) return code;
  switch (errorClass) {
    case null:
      return t("applicationsList.detail.ok");
    case "OutcomeUnknown":
      return t("applicationsList.detail.classes.outcomeUnknown");
    case "NotSent":
      return t("applicationsList.detail.classes.notSent");
    default:
      return errorClass;
  }
}

/** What the client did after an attempt. */
function nextStepLabel(step: string, t: T): string {
  switch (step) {
    case "done":
      return t("applicationsList.detail.steps.done");
    case "retry_after_backoff":
      return t("applicationsList.detail.steps.retry");
    case "retry_with_clock_correction":
      return t("applicationsList.detail.steps.clock");
    default:
      return step;
  }
}

function callTypeLabel(code: number, t: T): string {
  switch (code) {
    case 0:
      return t("applicationsList.callTypes.0");
    case 1:
      return t("applicationsList.callTypes.1");
    case 2:
      return t("applicationsList.callTypes.2");
    default:
      return String(code);
  }
}

function Fact({
  label,
  children,
  testId,
}: {
  label: ReactNode;
  children: ReactNode;
  testId?: string;
}): ReactElement {
  return (
    <div className="apps-facts__item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/**
 * An explicit confirmation: what will happen, then Confirm or Cancel (Cancel has the focus,
 * Escape cancels, and focus returns to the opener when it closes).
 */
function ConfirmBox({
  testId,
  title,
  body,
  confirmLabel,
  confirmTestId,
  cancelLabel,
  onConfirm,
  onCancel,
  fallback,
}: {
  testId: string;
  title: string;
  body: string;
  confirmLabel: string;
  confirmTestId: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where focus goes when the control that opened the box cannot take it back. */
  fallback: () => HTMLElement | null;
}): ReactElement {
  const cancel = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // Cancel has the focus; Escape cancels; closed, focus goes back to the button that opened it
  // (or, while that one is disabled, to the application's heading).
  useDialogFocus({ container: box, initial: cancel, onEscape: onCancel, fallback });
  return (
    <div
      ref={box}
      className="apps-confirm"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={`${testId}-title`}
      aria-describedby={`${testId}-body`}
      data-testid={testId}
    >
      <p id={`${testId}-title`} className="apps-confirm__title">
        {title}
      </p>
      <p id={`${testId}-body`}>{body}</p>
      <div className="apps-actions">
        <button
          type="button"
          className="button button--danger"
          data-testid={confirmTestId}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button ref={cancel} type="button" className="button button--secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
