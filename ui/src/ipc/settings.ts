// Typed wrappers of the Settings commands (see crates/commands/src/settings/ and connection.rs).
import { call } from ".";
import type { ConnectionKind } from "../bindings/ConnectionKind";
import type { SaveResult } from "../bindings/SaveResult";
import type { SettingsInput } from "../bindings/SettingsInput";
import type { SettingsView } from "../bindings/SettingsView";
import type { TestConnectionResult } from "../bindings/TestConnectionResult";

/** `settings_get`: the saved connection; says whether a key is saved, never the key. */
export function settingsGet(): Promise<SettingsView> {
  return call<SettingsView>("settings_get");
}

/** `settings_save`: validates and saves; the SecretKey goes to the keychain only. */
export function settingsSave(input: SettingsInput): Promise<SaveResult> {
  return call<SaveResult>("settings_save", { input });
}

/** `settings_test_connection`: DescribeCCCBuyInfoList with the saved settings. */
export function settingsTestConnection(connection: ConnectionKind): Promise<TestConnectionResult> {
  return call<TestConnectionResult>("settings_test_connection", { connection });
}

/** `settings_forget_key`: removes the SecretKey and token from the keychain. */
export function settingsForgetKey(): Promise<SettingsView> {
  return call<SettingsView>("settings_forget_key");
}

/** `connection_use_sandbox` / `connection_use_tencent`: the explicit switch. */
export function connectionUse(kind: ConnectionKind): Promise<SettingsView> {
  return call<SettingsView>(
    kind === "sandbox" ? "connection_use_sandbox" : "connection_use_tencent",
  );
}
