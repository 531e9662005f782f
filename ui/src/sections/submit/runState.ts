// The state of a sending run as the screen shows it, built from the backend's progress events.
import type { ApplicationResult } from "../../bindings/ApplicationResult";
import type { IpcError } from "../../bindings/IpcError";
import type { ProgressEvent } from "../../bindings/ProgressEvent";
import type { SendPhase } from "../../bindings/SendPhase";
import type { SendReport } from "../../bindings/SendReport";
import type { ActiveEndpoint } from "../../bindings/ActiveEndpoint";

export type RunState = {
  /** Idle before the first run of this screen; running while a run goes on; ended after. */
  status: "idle" | "running" | "ended";
  /** Where the applications go. */
  endpoint: ActiveEndpoint | null;
  /** The last progress event. */
  last: ProgressEvent | null;
  /** Every batch reported so far, in the order first reported (a later report replaces). */
  batches: ApplicationResult[];
  /** How the last run ended. */
  report: SendReport | null;
  /** Why the last run could not start or failed. */
  error: IpcError | null;
};

export const IDLE_RUN: RunState = {
  status: "idle",
  endpoint: null,
  last: null,
  batches: [],
  report: null,
  error: null,
};

/** Folds one progress event into the state. */
export function withEvent(state: RunState, event: ProgressEvent): RunState {
  const finished = event.finished;
  if (finished === null) return { ...state, last: event };
  const at = state.batches.findIndex((b) => b.applicationId === finished.applicationId);
  const batches =
    at === -1
      ? [...state.batches, finished]
      : state.batches.map((b, i) => (i === at ? finished : b));
  return { ...state, last: event, batches };
}

/** The phase to show: the last event's, or "running" before the first one arrives. */
export function phaseOf(state: RunState): SendPhase | null {
  if (state.last !== null) return state.last.phase;
  return state.status === "running" ? "running" : null;
}

/** "12 s" / "3 min 4 s" from milliseconds. */
export function splitDuration(ms: number): { m: number; s: number } {
  const total = Math.max(1, Math.ceil(ms / 1000));
  return { m: Math.floor(total / 60), s: total % 60 };
}
