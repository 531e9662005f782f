// Thin typed wrapper over the Tauri commands. One function per command; every rejection is an
// IpcError envelope, so callers can switch on `code` instead of matching message text.
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { IpcError } from "../bindings/IpcError";
import type { JsonValue } from "../bindings/serde_json/JsonValue";
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

function isJsonValue(value: unknown): value is JsonValue {
  if (value === null) return true;
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      if (Array.isArray(value)) return value.every(isJsonValue);
      return Object.values(value).every((v) => v === undefined || isJsonValue(v));
    default:
      return false;
  }
}

/** True when `e` is the `{ code, message, details }` envelope every command rejects with. */
export function isIpcError(e: unknown): e is IpcError {
  return (
    isRecord(e) &&
    isErrorCode(e["code"]) &&
    typeof e["message"] === "string" &&
    "details" in e &&
    isJsonValue(e["details"])
  );
}

/**
 * Normalises any rejection into an IpcError. A well-formed envelope passes through unchanged;
 * anything else (a string from the Tauri runtime, a JS Error, an envelope with an unknown code)
 * becomes code "internal", keeping whatever message it carried.
 */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return e;
  if (typeof e === "string") return { code: "internal", message: e, details: null };
  if (e instanceof Error) return { code: "internal", message: e.message, details: null };
  if (isRecord(e) && typeof e["message"] === "string") {
    const details: JsonValue = isJsonValue(e) ? e : null;
    return { code: "internal", message: e["message"], details };
  }
  return {
    code: "internal",
    message: `Unexpected ${typeof e} rejection from the app backend`,
    details: isJsonValue(e) ? e : null,
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
