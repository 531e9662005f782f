import type { TFunction } from "i18next";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { IpcError } from "../bindings/IpcError";
import { describeNetwork, NETWORK_KINDS, type NetworkKind } from "./network";
import { describeTencent, type ErrorDescription, type TencentContext } from "./tencent";

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
 * A stored error (a batch's or an application's code, English message and network failure
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

type Details = Record<string, unknown>;

function detailsOf(error: IpcError): Details | null {
  const d = error.details;
  if (typeof d !== "object" || d === null || Array.isArray(d)) return null;
  return d;
}

function numberField(details: Details | null, field: string): number | null {
  const value = details?.[field];
  return typeof value === "number" ? value : null;
}

function stringField(details: Details | null, field: string): string | null {
  const value = details?.[field];
  return typeof value === "string" && value !== "" ? value : null;
}

function networkKind(details: Details | null): NetworkKind | null {
  const kind = stringField(details, "kind");
  return NETWORK_KINDS.find((k) => k === kind) ?? null;
}

/** What an IpcError's details say that sharpens a Tencent message. */
export function tencentContextOf(error: IpcError): TencentContext {
  const details = detailsOf(error);
  const offset = numberField(details, "clockOffsetSeconds");
  const other = stringField(details, "otherSite");
  const accepts = details?.["otherSiteAccepts"];
  return {
    requestId: stringField(details, "requestId"),
    ...(offset !== null ? { clockOffsetSeconds: offset } : {}),
    otherSite: accepts === true && (other === "china" || other === "international") ? other : null,
  };
}

/**
 * The full plain-language description of an IpcError: what happened, the next step, and the
 * RequestId. Tencent answers (`details.apiCode`) get the per-code message of
 * {@link describeTencent}; network, proxy and certificate failures (`details.kind`) say which.
 */
export function explainError(t: TFunction, error: IpcError): ErrorDescription {
  const details = detailsOf(error);
  const apiCode = stringField(details, "apiCode");
  if (apiCode !== null) return describeTencent(t, apiCode, tencentContextOf(error));
  const requestId = stringField(details, "requestId");
  const kind = networkKind(details);
  if (kind !== null) {
    const status = numberField(details, "status");
    if (kind !== "HttpStatus" || status !== null)
      return describeNetwork(t, kind, requestId, status);
  }
  if (error.code === "clock_skew") {
    const context = tencentContextOf(error);
    return describeTencent(t, "AuthFailure.SignatureExpire", context);
  }
  return { title: summary(t, error, details), nextStep: t(NEXT_KEY[error.code]), requestId };
}

function summary(t: TFunction, error: IpcError, details: Details | null): string {
  if (error.code === "database") {
    const found = numberField(details, "found");
    const supported = numberField(details, "supported");
    if (found !== null && supported !== null) {
      return t("errors.databaseTooNew", { found, supported });
    }
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
