// Typed wrapper over the Overview command. Every rejection is an IpcError envelope (see
// index.ts).
import { call } from ".";
import type { Overview } from "../bindings/Overview";

/**
 * Counts per status, what went live this week and what needs the user, for the active
 * connection; `history` says whether anything was ever submitted (the start screen).
 */
export function overviewGet(): Promise<Overview> {
  return call("overview_get");
}
