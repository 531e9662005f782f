import type { TFunction } from "i18next";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { IpcError } from "../bindings/IpcError";
import type { ErrorDetails } from "../bindings/ErrorDetails";
import { isNetworkDetails, isTencentDetails, isVersionDetails, requestIdOf } from "./details";
import { describeNetwork, type NetworkKind } from "./network";
import { describeTencent, type ErrorDescription, type TencentContext } from "./tencent";

export {
  hasReason,
  isFieldDetails,
  isNetworkDetails,
  isTencentDetails,
  isVersionDetails,
  requestIdOf,
} from "./details";
export { describeNetwork, type NetworkKind } from "./network";
export { describePause } from "./pause";
export {
  describeTencent,
  messageIdOf,
  offsetMinutes,
  type ErrorDescription,
  type MessageId,
  type TencentContext,
} from "./tencent";

const SUMMARY_KEY = {
  internal: "errors.internal",
  database: "errors.database",
  io: "errors.io",
  invalid_input: "errors.invalidInput",
  not_found: "errors.notFound",
  invalid_credentials: "errors.invalidCredentials",
  auth_failed: "errors.authFailed",
  permission_denied: "errors.permissionDenied",
  clock_skew: "errors.clockSkew",
  network: "errors.network",
  certificate: "errors.certificate",
  proxy: "errors.proxy",
  keychain: "errors.keychain",
  tencent: "errors.tencent",
  not_configured: "errors.notConfigured",
  preview_changed: "errors.previewChanged",
} as const satisfies Record<ErrorCode, string>;

const NEXT_KEY = {
  internal: "apiErrors.appNext.internal",
  database: "apiErrors.appNext.database",
  io: "apiErrors.appNext.io",
  invalid_input: "apiErrors.appNext.invalidInput",
  not_found: "apiErrors.appNext.notFound",
  invalid_credentials: "apiErrors.appNext.invalidCredentials",
  auth_failed: "apiErrors.appNext.authFailed",
  permission_denied: "apiErrors.appNext.permissionDenied",
  clock_skew: "apiErrors.appNext.clockSkew",
  network: "apiErrors.appNext.network",
  certificate: "apiErrors.appNext.certificate",
  proxy: "apiErrors.appNext.proxy",
  keychain: "apiErrors.appNext.keychain",
  tencent: "apiErrors.appNext.tencent",
  not_configured: "apiErrors.appNext.notConfigured",
  preview_changed: "apiErrors.appNext.previewChanged",
} as const satisfies Record<ErrorCode, string>;

/**
 * A stored error (an application's code, English message and network failure
 * kind): the code's message ({@link describeTencent}), except that a network failure reads as
 * that problem (certificate, proxy, DNS, timeout, …), by the kind stored with it.
 */
export function describeStoredError(
  t: TFunction,
  stored: { code: string; message: string; requestId?: string | null; kind?: NetworkKind | null },
  context: TencentContext = {},
): ErrorDescription {
  const requestId = stored.requestId ?? context.requestId ?? null;
  const kind = stored.kind ?? null;
  if (kind !== null) return describeNetwork(t, kind, requestId === "" ? null : requestId);
  return describeTencent(t, stored.code, { ...context, requestId });
}

/** What an IpcError's details say that sharpens a Tencent message. */
export function tencentContextOf(error: IpcError): TencentContext {
  const details = error.details;
  const tencent = isTencentDetails(details) ? details : null;
  const offset = tencent?.clockOffsetSeconds;
  const other = tencent?.otherSite;
  return {
    requestId: requestIdOf(details),
    ...(offset !== undefined ? { clockOffsetSeconds: offset } : {}),
    otherSite:
      tencent?.otherSiteAccepts === true && (other === "china" || other === "international")
        ? other
        : null,
  };
}

/**
 * The full plain-language description of an IpcError: what happened, the next step, and the
 * RequestId. Tencent answers (`details.apiCode`) get the per-code message of
 * {@link describeTencent}; network, proxy and certificate failures (`details.kind`) say which.
 */
export function explainError(t: TFunction, error: IpcError): ErrorDescription {
  const details = error.details;
  if (isTencentDetails(details) && details.apiCode !== "")
    return describeTencent(t, details.apiCode, tencentContextOf(error));
  const requestId = requestIdOf(details);
  if (isNetworkDetails(details)) {
    const { kind } = details;
    const status = details.status ?? null;
    if (kind !== "HttpStatus" || status !== null)
      return describeNetwork(t, kind, requestId, status);
  }
  if (error.code === "clock_skew") {
    const context = tencentContextOf(error);
    return describeTencent(t, "AuthFailure.SignatureExpire", context);
  }
  return { title: summary(t, error, details), nextStep: t(NEXT_KEY[error.code]), requestId };
}

function summary(t: TFunction, error: IpcError, details: ErrorDetails | null): string {
  if (error.code === "database" && isVersionDetails(details)) {
    const { found, supported } = details;
    return t("errors.databaseTooNew", { found, supported });
  }
  return t(SUMMARY_KEY[error.code]);
}

/**
 * One translated sentence for an error, chosen by `code` (and `details` where they say more):
 * the title of {@link explainError}. The envelope's English `message` is shown next to it for
 * support, never instead of it.
 */
export function describeError(t: TFunction, error: IpcError): string {
  return explainError(t, error).title;
}
