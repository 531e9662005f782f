import { useState, type ReactElement, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../bindings/IpcError";
import type { NetworkKind } from "../bindings/NetworkKind";
import {
  describeStoredError,
  describeTencent,
  explainError,
  isTencentDetails,
  type TencentContext,
} from "../errors";
import { ErrorFacts } from "./ErrorFacts";
import { CloseIcon, ErrorIcon } from "./icons";
import "./errorNotice.css";

/** A Tencent error as stored with an application (no IpcError around it). */
export type TencentFacts = {
  code: string;
  /** Tencent's own message (or the client's English text), for support. */
  message: string;
  requestId?: string | null;
  /** Which network failure it was, as stored with it (reads as that problem). */
  kind?: NetworkKind | null;
};

type Common = {
  /** Sharpens the message: clock offset, the site the key belongs to, applications kept, numbers. */
  context?: TencentContext;
  /** A bold lead-in naming what failed, e.g. "Couldn't save the settings." */
  headline?: string;
  /** Actions shown under the next step (e.g. "Use the China site"). */
  children?: ReactNode;
  /** Shows a dismiss button when given. */
  onDismiss?: () => void;
  /** Root data-testid; parts get `-title`, `-next`, `-code`, `-message`. */
  testId?: string;
};

export type ErrorNoticeProps = Common &
  ({ error: IpcError; tencent?: undefined } | { tencent: TencentFacts; error?: undefined });

type CopyState = "idle" | "copied" | "failed";

/**
 * A problem in plain language: what happened, the next step, the RequestId with a copy button,
 * and the raw English message for support in a collapsed details block. Give it an IpcError
 * (`error`) or a stored Tencent error (`tencent`).
 */
export function ErrorNotice(props: ErrorNoticeProps): ReactElement {
  const { t } = useTranslation();
  const { context, headline, children, onDismiss } = props;
  const testId = props.testId ?? "error-notice";
  const [copy, setCopy] = useState<CopyState>("idle");

  const description =
    props.error !== undefined
      ? explainError(t, props.error)
      : describeStoredError(t, props.tencent, context);
  const withContext =
    props.error !== undefined && context !== undefined
      ? describeTencentOver(props.error, description, context, t)
      : description;
  const { title, nextStep, requestId } = withContext;

  const copyRequestId = (id: string): void => {
    const clipboard = (navigator as Partial<Navigator>).clipboard;
    if (clipboard === undefined) {
      setCopy("failed");
      return;
    }
    clipboard.writeText(id).then(
      () => {
        setCopy("copied");
      },
      () => {
        setCopy("failed");
      },
    );
  };

  return (
    <div className="error-box error-notice" role="alert" data-testid={testId}>
      <ErrorIcon size={18} />
      <div>
        <p className="error-notice__title" data-testid={`${testId}-title`}>
          {headline !== undefined && <strong>{headline} </strong>}
          {title}
        </p>
        <p className="error-notice__next" data-testid={`${testId}-next`}>
          {nextStep}
        </p>
        {children}
        {requestId !== null && (
          <p className="error-notice__request">
            <span>{t("apiErrors.requestIdLabel")}</span>{" "}
            <code className="error-notice__id" data-testid="error-request-id">
              {requestId}
            </code>{" "}
            <button
              type="button"
              className="button button--secondary error-notice__copy"
              onClick={() => {
                copyRequestId(requestId);
              }}
              data-testid="error-copy-request-id"
            >
              {t("apiErrors.copyRequestId")}
            </button>{" "}
            {copy !== "idle" && (
              <span role="status" className="error-notice__copied">
                {copy === "copied" ? t("apiErrors.copied") : t("apiErrors.copyFailed")}
              </span>
            )}
          </p>
        )}
        <details className="error-notice__details">
          <summary>{t("apiErrors.supportDetails")}</summary>
          {props.error !== undefined ? (
            <ErrorFacts error={props.error} testIdPrefix={testId} />
          ) : (
            <dl className="error-facts">
              <div>
                <dt>{t("apiErrors.tencentCodeLabel")}</dt>
                <dd>
                  <code data-testid={`${testId}-code`}>{props.tencent.code}</code>
                </dd>
              </div>
              <div>
                <dt>{t("apiErrors.messageLabel")}</dt>
                <dd data-testid={`${testId}-message`}>{props.tencent.message}</dd>
              </div>
            </dl>
          )}
        </details>
      </div>
      {onDismiss !== undefined && (
        <button
          type="button"
          className="icon-button error-notice__dismiss"
          aria-label={t("common.dismiss")}
          title={t("common.dismiss")}
          onClick={onDismiss}
        >
          <CloseIcon size={16} />
        </button>
      )}
    </div>
  );
}

/** An IpcError from Tencent re-described with extra context the caller knows. */
function describeTencentOver(
  error: IpcError,
  base: ReturnType<typeof explainError>,
  context: TencentContext,
  t: Parameters<typeof explainError>[0],
): ReturnType<typeof explainError> {
  const d = error.details;
  if (!isTencentDetails(d)) return base;
  return describeTencent(t, d.apiCode, { requestId: base.requestId, ...context });
}
