import { useCallback, useEffect, useState } from "react";
import type { Overview } from "../bindings/Overview";
import { overviewGet } from "../ipc/overview";
import { onWatchChanged } from "../ipc/watch";
import type { SectionId } from "../sections";

/** How often the attention count is read again (a local database read). */
const POLL_MS = 30_000;

/**
 * The start screen and the sidebar's attention count. The start screen is the Overview once
 * anything was ever submitted, Import on a fresh install (or when the overview cannot be read);
 * `null` until that is known. The count is read again on `reload` (the shell calls it on every
 * section change), when the approval watch reports, and every half minute.
 */
export function useOverview(): {
  start: SectionId | null;
  attention: number;
  reload: () => void;
  update: (overview: Overview) => void;
} {
  const [start, setStart] = useState<SectionId | null>(null);
  const [attention, setAttention] = useState(0);

  const update = useCallback((overview: Overview) => {
    setAttention(overview.attention);
  }, []);

  const reload = useCallback(() => {
    overviewGet()
      .then(update)
      // The count stays as it was: the Overview screen itself says why it cannot read.
      .catch(() => undefined);
  }, [update]);

  useEffect(() => {
    let live = true;
    overviewGet()
      .then((o) => {
        if (!live) return;
        setAttention(o.attention);
        setStart(o.history ? "overview" : "import");
      })
      .catch(() => {
        if (live) setStart("import");
      });
    const timer = setInterval(reload, POLL_MS);
    let unlisten: (() => void) | undefined;
    onWatchChanged(reload)
      .then((u) => {
        if (live) unlisten = u;
        else u();
      })
      // Outside the desktop shell there is no watch event: the poll still runs.
      .catch(() => undefined);
    return () => {
      live = false;
      clearInterval(timer);
      unlisten?.();
    };
  }, [reload]);

  return { start, attention, reload, update };
}
