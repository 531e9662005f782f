// Typed wrappers over the approval watch commands, and its `watch-changed` event (a WatchNotice
// each time the watch sees numbers go live). Every rejection is an IpcError envelope.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { call } from ".";
import type { LiveNumber } from "../bindings/LiveNumber";
import type { LiveNumbersRead } from "../bindings/LiveNumbersRead";
import type { WatchNotice } from "../bindings/WatchNotice";
import type { WatchSettings } from "../bindings/WatchSettings";
import type { WatchStatus } from "../bindings/WatchStatus";

export function watchSettingsGet(): Promise<WatchSettings> {
  return call("watch_settings_get");
}

export function watchSettingsSet(settings: WatchSettings): Promise<WatchSettings> {
  return call("watch_settings_set", { settings });
}

export function watchStatus(): Promise<WatchStatus> {
  return call("watch_status");
}

/** One pass over every watched SdkAppId now. */
export function watchCheckNow(): Promise<WatchStatus> {
  return call("watch_check_now");
}

/** "Bring in the numbers already in this contact centre" for `sdkAppId`. */
export function liveNumbersRead(sdkAppId: number): Promise<LiveNumbersRead> {
  return call("live_numbers_read", { sdkAppId });
}

/** Numbers live at the active connection that no application from this computer holds. */
export function liveNumbersList(): Promise<LiveNumber[]> {
  return call("live_numbers_list");
}

/** Calls `onNotice` for every change the watch reports; resolves to the unsubscribe. */
export function onWatchChanged(onNotice: (notice: WatchNotice) => void): Promise<UnlistenFn> {
  return listen<WatchNotice>("watch-changed", (event) => {
    onNotice(event.payload);
  });
}
