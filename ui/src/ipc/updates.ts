// Updates: Settings → About → "Check for updates" and "Install and restart". Nothing here runs
// by itself; both are called only from the buttons.
import { call } from ".";
import type { UpdateCheck } from "../bindings/UpdateCheck";

/** `updates_check`: asks the release's latest.json whether a newer version exists. */
export function updatesCheck(): Promise<UpdateCheck> {
  return call<UpdateCheck>("updates_check");
}

/**
 * `updates_install`: downloads the `version` the last check found, refuses it unless its
 * signature is the release key's, installs it and restarts the app (so it only returns on error).
 */
export async function updatesInstall(version: string): Promise<void> {
  await call<null>("updates_install", { version });
}
