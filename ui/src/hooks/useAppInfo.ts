import { useCallback, useEffect, useState } from "react";
import { appInfo, toIpcError } from "../ipc";
import type { AppInfo } from "../bindings/AppInfo";
import type { IpcError } from "../bindings/IpcError";

export type AppInfoState =
  { status: "loading" } | { status: "ready"; info: AppInfo } | { status: "error"; error: IpcError };

/** Loads `app_info` once; `reload` asks again (the About panel's "Try again"). */
export function useAppInfo(): { state: AppInfoState; reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<AppInfoState>({ status: "loading" });

  useEffect(() => {
    let current = true;
    appInfo().then(
      (info) => {
        if (current) setState({ status: "ready", info });
      },
      (e: unknown) => {
        if (current) setState({ status: "error", error: toIpcError(e) });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const reload = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  return { state, reload };
}
