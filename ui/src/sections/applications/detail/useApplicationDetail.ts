import { useCallback, useEffect, useReducer, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationDetail } from "../../../bindings/ApplicationDetail";
import type { IpcError } from "../../../bindings/IpcError";
import { toIpcError } from "../../../ipc";
import { applicationDetail } from "../../../ipc/applications";

/** Numbers per page of the detail view. */
export const NUMBERS_PAGE = 200;

export type Problem = { headline: string; error: IpcError };

type State = {
  detail: ApplicationDetail | null;
  /** Where the page of numbers shown starts. */
  offset: number;
  problem: Problem | null;
  /** What the last action did, in words. */
  status: string | null;
  /** An action is running: the other actions wait. */
  busy: boolean;
  /** The Modify form is open. */
  modifying: boolean;
  /** The ApplyId typed to resolve an unknown outcome. */
  applyId: string;
};

type Action =
  | { type: "loaded"; detail: ApplicationDetail }
  | { type: "page"; direction: 1 | -1 }
  | { type: "acting" }
  | { type: "acted" }
  | { type: "status"; status: string | null }
  | { type: "problem"; problem: Problem | null }
  | { type: "modify"; open: boolean | "toggle" }
  | { type: "modified"; status: string }
  | { type: "applyId"; value: string };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "loaded":
      return { ...state, detail: action.detail };
    case "page":
      return { ...state, offset: Math.max(0, state.offset + action.direction * NUMBERS_PAGE) };
    case "acting":
      return { ...state, busy: true, problem: null, status: null };
    case "acted":
      return { ...state, busy: false };
    case "status":
      return { ...state, status: action.status };
    case "problem":
      return { ...state, problem: action.problem };
    case "modify":
      // Opening or closing the form clears the last action's words.
      return action.open === "toggle"
        ? { ...state, status: null, modifying: !state.modifying }
        : { ...state, modifying: action.open };
    case "modified":
      return { ...state, modifying: false, status: action.status };
    case "applyId":
      return { ...state, applyId: action.value };
  }
}

const INITIAL: State = {
  detail: null,
  offset: 0,
  problem: null,
  status: null,
  busy: false,
  modifying: false,
  applyId: "",
};

/**
 * One application as loaded, a page of its numbers at a time, and the actions on it: each runs
 * with the others waiting, says what it did or why it failed, and reloads the application. The
 * heading (`heading`) takes the focus once the detail has arrived, and again after an action
 * whose control went away.
 */
export function useApplicationDetail(id: number) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const heading = useRef<HTMLHeadingElement>(null);
  const { offset, detail } = state;

  const load = useCallback(
    (numbersOffset: number): Promise<void> =>
      applicationDetail(id, numbersOffset, NUMBERS_PAGE)
        .then((d) => {
          dispatch({ type: "loaded", detail: d });
        })
        .catch((e: unknown) => {
          dispatch({
            type: "problem",
            problem: { headline: t("applicationsList.detail.loadFailed"), error: toIpcError(e) },
          });
        }),
    [id, t],
  );

  useEffect(() => {
    void load(offset);
  }, [load, offset]);

  // Opened, the application's heading takes the focus — once its detail has arrived (before,
  // there is no heading yet).
  const loaded = detail !== null;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [id, loaded]);

  // After an action the control that had the focus may be gone (resolved: the resolve form
  // closes): the keyboard carries on from the application's heading, not the top of the window.
  const afterAction = useRef(false);
  useEffect(() => {
    if (!afterAction.current) return;
    afterAction.current = false;
    if (document.activeElement === null || document.activeElement === document.body)
      heading.current?.focus();
  }, [detail]);

  /** Runs `action`; `done` words its result. The application is read again after it. */
  function act<T>(action: Promise<T>, headline: string, done?: (value: T) => string): void {
    dispatch({ type: "acting" });
    action
      .then((value) => {
        if (done !== undefined) dispatch({ type: "status", status: done(value) });
        return load(offset);
      })
      .then(() => {
        afterAction.current = true;
      })
      .catch((e: unknown) => {
        dispatch({ type: "problem", problem: { headline, error: toIpcError(e) } });
      })
      .finally(() => {
        dispatch({ type: "acted" });
      });
  }

  return { state, dispatch, load, act, heading };
}
