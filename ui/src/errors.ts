import type { TFunction } from "i18next";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { IpcError } from "./bindings/IpcError";

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
} as const satisfies Record<ErrorCode, string>;

function numberField(details: IpcError["details"], field: string): number | null {
  if (typeof details !== "object" || details === null || Array.isArray(details)) return null;
  const value = details[field];
  return typeof value === "number" ? value : null;
}

/**
 * One translated sentence for an error, chosen by `code` (and `details` where they say more).
 * The envelope's English `message` is shown next to it for support, never instead of it.
 */
export function describeError(t: TFunction, error: IpcError): string {
  if (error.code === "database") {
    const found = numberField(error.details, "found");
    const supported = numberField(error.details, "supported");
    if (found !== null && supported !== null) {
      return t("errors.databaseTooNew", { found, supported });
    }
  }
  return t(SUMMARY_KEY[error.code]);
}
