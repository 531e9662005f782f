import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { applicationMarkNotCreated, applicationResolve } from "../../../ipc/applications";
import { outboxResendUnknown } from "../../../ipc/submit";
import { ConfirmBox } from "./ConfirmBox";

type Confirm = "resend" | "notCreated";

/**
 * An application whose outcome is unknown: enter the ApplyId from Tencent's console, or — each
 * after an explicit confirmation — send it again or mark it as never created.
 */
export function ResolveSection({
  id,
  applyId,
  onApplyId,
  numbersTotal,
  canResend,
  busy,
  act,
  fallback,
}: {
  id: number;
  /** The ApplyId as typed. */
  applyId: string;
  onApplyId: (value: string) => void;
  numbersTotal: number;
  canResend: boolean;
  busy: boolean;
  /** Runs an action on the application (see useApplicationDetail). */
  act: <T>(action: Promise<T>, headline: string, done?: (value: T) => string) => void;
  /** Where focus goes when a confirmation closes and its button cannot take it back. */
  fallback: () => HTMLElement | null;
}): ReactElement {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState<Confirm | null>(null);

  // The two confirmations: what each says and does once confirmed.
  const confirmations: Record<
    Confirm,
    {
      testId: string;
      title: string;
      body: string;
      confirmLabel: string;
      confirmTestId: string;
      cancelLabel: string;
      run: () => void;
    }
  > = {
    resend: {
      testId: "application-resend-dialog",
      title: t("applicationsList.resend.title"),
      body: t("applicationsList.resend.body", { count: numbersTotal }),
      confirmLabel: t("applicationsList.resend.confirm"),
      confirmTestId: "application-resend-confirm",
      cancelLabel: t("applicationsList.resend.cancel"),
      run: () => {
        act(
          outboxResendUnknown(id, () => undefined),
          t("applicationsList.resend.failed"),
          () => t("applicationsList.resend.done"),
        );
      },
    },
    notCreated: {
      testId: "application-not-created-dialog",
      title: t("applicationsList.resolve.notCreatedTitle"),
      body: t("applicationsList.resolve.notCreatedBody"),
      confirmLabel: t("applicationsList.resolve.notCreatedConfirm"),
      confirmTestId: "application-mark-not-created-confirm",
      cancelLabel: t("applicationsList.resolve.cancel"),
      run: () => {
        act(applicationMarkNotCreated(id), t("applicationsList.resolve.failed"), () =>
          t("applicationsList.resolve.notCreatedDone"),
        );
      },
    },
  };
  const open = confirm === null ? null : confirmations[confirm];

  return (
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
          act(applicationResolve(id, entered), t("applicationsList.resolve.failed"), () =>
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
              onApplyId(e.target.value);
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
        {canResend && (
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
      {confirm !== null && open !== null && (
        <ConfirmBox
          key={confirm}
          testId={open.testId}
          title={open.title}
          body={open.body}
          confirmLabel={open.confirmLabel}
          confirmTestId={open.confirmTestId}
          cancelLabel={open.cancelLabel}
          fallback={fallback}
          onCancel={() => {
            setConfirm(null);
          }}
          onConfirm={() => {
            setConfirm(null);
            open.run();
          }}
        />
      )}
    </section>
  );
}
