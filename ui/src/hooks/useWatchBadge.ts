import { useCallback, useEffect, useState } from "react";
import { onWatchChanged } from "../ipc/watch";

/**
 * How many applications the approval watch saw change since the user last looked at
 * Applications: the badge on that section. `clear` when Applications is opened or left.
 */
export function useWatchBadge(): { count: number; clear: () => void } {
  const [count, setCount] = useState(0);

  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let live = true;
    onWatchChanged((notice) => {
      setCount((c) => c + notice.changes.length);
    })
      .then((u) => {
        if (live) unlisten = u;
        else u();
      })
      // Outside the desktop shell (or without the event permission) there is no badge.
      .catch(() => undefined);
    return () => {
      live = false;
      unlisten?.();
    };
  }, []);

  const clear = useCallback(() => {
    setCount(0);
  }, []);
  return { count, clear };
}
