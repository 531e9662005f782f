import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from "react";
import type { ActiveEndpoint } from "../../bindings/ActiveEndpoint";
import type { ProgressEvent } from "../../bindings/ProgressEvent";
import type { RowFilter } from "../../bindings/RowFilter";
import type { IpcError } from "../../bindings/IpcError";
import type { SubmitInput } from "../../bindings/SubmitInput";
import { toIpcError } from "../../ipc";
import { outboxSendQueued, submitStart } from "../../ipc/submit";
import type { SectionId } from "../../sections";
import { InterruptedBanner } from "./InterruptedBanner";
import { IDLE_RUN, withEvent, type RunState } from "./runState";
import { SubmitScreen } from "./SubmitScreen";
import "./submit.css";

/** What the submit screen shows: one draft, or every queued application. */
export type SubmitTarget = { kind: "draft"; draftId: number } | { kind: "queued" };

/** A request to open a draft in the grid with a filter (the "fix these rows" link). */
export type GridRequest = { draftId: number; filter: RowFilter };

export type SubmitNav = {
  /** Opens the submit screen for draft `draftId`. */
  openSubmit: (draftId: number) => void;
  /** Goes to Drafts with draft `draftId` open in the grid, filtered. */
  openGrid: (draftId: number, filter: RowFilter) => void;
  /** The pending grid request, handed out once. */
  takeGridRequest: () => GridRequest | null;
  /** Sends every queued application of the active destination and shows the run (Overview). */
  resumeQueued: (endpoint: ActiveEndpoint | null) => void;
};

const SubmitNavContext = createContext<SubmitNav | null>(null);

/** Entry points to the submit screen; null outside the app shell (e.g. a component test). */
export function useSubmitNav(): SubmitNav | null {
  return useContext(SubmitNavContext);
}

/**
 * Owns the submit screen and the current run, so a run goes on (and its per-batch list is kept)
 * while the user looks at other sections. Shows the interrupted-work banner above the section.
 */
export function SubmitHost({
  section,
  onNavigate,
  children,
}: {
  section: SectionId;
  onNavigate: (to: SectionId) => void;
  children: ReactNode;
}): ReactElement {
  const [target, setTarget] = useState<SubmitTarget | null>(null);
  const [run, setRun] = useState<RunState>(IDLE_RUN);
  /** The screen the current (or last) run belongs to. */
  const [runFor, setRunFor] = useState<SubmitTarget | null>(null);
  const gridRequest = useRef<GridRequest | null>(null);
  const resume = useRef<(endpoint: ActiveEndpoint | null) => void>(() => undefined);
  const shownIn = useRef(section);

  // Another section chosen in the sidebar closes the screen (a run goes on in the background).
  useEffect(() => {
    if (shownIn.current !== section) {
      shownIn.current = section;
      setTarget(null);
    }
  }, [section]);

  const nav = useMemo<SubmitNav>(
    () => ({
      openSubmit: (draftId) => {
        setTarget({ kind: "draft", draftId });
      },
      openGrid: (draftId, filter) => {
        gridRequest.current = { draftId, filter };
        setTarget(null);
        shownIn.current = "drafts";
        onNavigate("drafts");
      },
      takeGridRequest: () => {
        const request = gridRequest.current;
        gridRequest.current = null;
        return request;
      },
      resumeQueued: (endpoint) => {
        resume.current(endpoint);
      },
    }),
    [onNavigate],
  );

  const onEvent = useCallback((event: ProgressEvent) => {
    setRun((prev) => withEvent(prev, event));
  }, []);

  const begin = useCallback(
    (
      endpoint: ActiveEndpoint | null,
      keepBatches: boolean,
      start: () => Promise<unknown>,
      refused?: (error: IpcError) => boolean,
    ) => {
      setRun((prev) => ({
        ...IDLE_RUN,
        status: "running",
        endpoint: endpoint ?? prev.endpoint,
        batches: keepBatches ? prev.batches : [],
      }));
      start()
        .then((report) => {
          setRun((prev) => ({ ...prev, status: "ended", report: report as RunState["report"] }));
        })
        .catch((e: unknown) => {
          const error = toIpcError(e);
          // A refusal before anything was queued goes back to the screen that asked.
          if (refused?.(error) === true) {
            setRun(IDLE_RUN);
            return;
          }
          setRun((prev) => ({ ...prev, status: "ended", error }));
        });
    },
    [],
  );

  const startDraft = useCallback(
    (
      draftId: number,
      settings: SubmitInput,
      endpoint: ActiveEndpoint,
      onChanged: (error: IpcError) => void,
    ) => {
      setRunFor({ kind: "draft", draftId });
      begin(
        endpoint,
        false,
        () => submitStart(draftId, settings, onEvent),
        (error) => {
          if (error.code !== "preview_changed") return false;
          setRunFor(null);
          onChanged(error);
          return true;
        },
      );
    },
    [begin, onEvent],
  );

  const sendQueued = useCallback(
    (keepBatches: boolean, endpoint: ActiveEndpoint | null) => {
      setTarget((prev) => prev ?? { kind: "queued" });
      if (!keepBatches) setRunFor({ kind: "queued" });
      begin(endpoint, keepBatches, () => outboxSendQueued(onEvent));
    },
    [begin, onEvent],
  );

  useEffect(() => {
    resume.current = (endpoint) => {
      setTarget({ kind: "queued" });
      sendQueued(false, endpoint);
    };
  }, [sendQueued]);

  // Whether the open screen is the one showing the current run.
  const runShown =
    target !== null &&
    (target.kind === "queued" ||
      (run.status !== "idle" && runFor?.kind === "draft" && runFor.draftId === target.draftId));

  return (
    <SubmitNavContext.Provider value={nav}>
      <InterruptedBanner
        run={run}
        screenOpen={runShown}
        onOverview={section === "overview" && target === null}
        onResume={(endpoint) => {
          setTarget({ kind: "queued" });
          sendQueued(false, endpoint);
        }}
        onShow={() => {
          setTarget(runFor ?? { kind: "queued" });
        }}
        onReview={() => {
          setTarget(null);
          onNavigate("applications");
        }}
      />
      {target === null ? (
        children
      ) : (
        <SubmitScreen
          key={target.kind === "draft" ? `draft-${String(target.draftId)}` : "queued"}
          target={target}
          run={run}
          runIsHere={runShown}
          onStart={startDraft}
          onSendQueued={() => {
            sendQueued(true, null);
          }}
          onFixRows={(draftId) => {
            nav.openGrid(draftId, "errors");
          }}
          onOpenApplications={() => {
            setTarget(null);
            onNavigate("applications");
          }}
          onClose={() => {
            setTarget(null);
          }}
        />
      )}
    </SubmitNavContext.Provider>
  );
}
