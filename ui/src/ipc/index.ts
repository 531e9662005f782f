// Thin typed wrapper over the Tauri commands. One function per command; every rejection is an
// IpcError envelope, so callers can switch on `code` instead of matching message text.
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { ErrorDetails } from "../bindings/ErrorDetails";
import type { IpcError } from "../bindings/IpcError";
import type { Language } from "../bindings/Language";
import type { Preferences } from "../bindings/Preferences";
import type { Theme } from "../bindings/Theme";

// `satisfies Record<ErrorCode, true>` makes tsc fail when the Rust enum gains or loses a code.
const ERROR_CODES = {
  internal: true,
  database: true,
  io: true,
  invalid_input: true,
  not_found: true,
  invalid_credentials: true,
  auth_failed: true,
  permission_denied: true,
  clock_skew: true,
  network: true,
  certificate: true,
  proxy: true,
  keychain: true,
  tencent: true,
  not_configured: true,
  preview_changed: true,
} as const satisfies Record<ErrorCode, true>;

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.keys(ERROR_CODES).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `details` as the backend sends it: null, or one of the `ErrorDetails` objects (checked by
 * shape only; the guards in errors/details.ts tell which one it is).
 */
function isErrorDetails(value: unknown): value is ErrorDetails | null {
  return value === null || isRecord(value);
}

/** True when `e` is the `{ code, message, details }` envelope every command rejects with. */
export function isIpcError(e: unknown): e is IpcError {
  return (
    isRecord(e) &&
    isErrorCode(e["code"]) &&
    typeof e["message"] === "string" &&
    "details" in e &&
    isErrorDetails(e["details"])
  );
}

/**
 * Normalises any rejection into an IpcError. A well-formed envelope passes through unchanged;
 * anything else (a string from the Tauri runtime, a JS Error, an envelope with an unknown code)
 * becomes code "internal" with no details, keeping whatever message it carried.
 */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return e;
  if (typeof e === "string") return { code: "internal", message: e, details: null };
  if (e instanceof Error) return { code: "internal", message: e.message, details: null };
  if (isRecord(e) && typeof e["message"] === "string") {
    return { code: "internal", message: e["message"], details: null };
  }
  return {
    code: "internal",
    message: `Unexpected ${typeof e} rejection from the app backend`,
    details: null,
  };
}

/** Calls a command; rejects with an IpcError envelope. Feature wrappers build on this. */
export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e: unknown) {
    // The envelope is a plain object by design (it is what Rust serialises), not an Error.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw toIpcError(e);
  }
}

/** `app_info`: name, versions, paths and the active endpoint. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

/** `preferences_get`: saved preferences; `language` is null until the user picks one. */
export function preferencesGet(): Promise<Preferences> {
  return call<Preferences>("preferences_get");
}

/** `preferences_dismiss_welcome`: the first-run welcome is not shown again (kept in the database). */
export function preferencesDismissWelcome(): Promise<Preferences> {
  return call<Preferences>("preferences_dismiss_welcome");
}

/** `preferences_set_theme`: saves light, dark or system and returns the updated preferences. */
export function preferencesSetTheme(theme: Theme): Promise<Preferences> {
  return call<Preferences>("preferences_set_theme", { theme });
}

/** `preferences_set_language`: saves the UI language and returns the updated preferences. */
export function preferencesSetLanguage(language: Language): Promise<Preferences> {
  return call<Preferences>("preferences_set_language", { language });
}
