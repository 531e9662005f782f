import { useEffect, useReducer } from "react";
import type { IpcError } from "../../../bindings/IpcError";
import type { NumberForm } from "../../../bindings/NumberForm";
import type { SubmitInput } from "../../../bindings/SubmitInput";
import type { SubmitPreview } from "../../../bindings/SubmitPreview";
import { toIpcError } from "../../../ipc";
import { submitPreview } from "../../../ipc/submit";

/** The summary's settings as typed. */
export type SettingsFields = {
  sdkAppId: string;
  sipTrunkId: string;
  numbersPerApplication: string;
};

type State = {
  /** The settings the summary is read with (null: the defaults). */
  settings: SubmitInput;
  preview: SubmitPreview | null;
  /** True from a settings change until its preview arrives (the first load shows its own note). */
  loading: boolean;
  error: IpcError | null;
  /** The confirmation is open. */
  confirming: boolean;
  /** Why the last confirmation was refused (the summary changed since it was shown). */
  changed: IpcError | null;
  fields: SettingsFields;
};

type Action =
  | { type: "previewed"; preview: SubmitPreview }
  | { type: "previewFailed"; error: IpcError }
  | { type: "fields"; fields: SettingsFields }
  | { type: "applyFields"; fields: SettingsFields }
  | { type: "includeDuplicates"; include: boolean }
  | { type: "numberForm"; numberForm: NumberForm }
  | { type: "confirm"; open: boolean }
  | { type: "confirmed" }
  | { type: "changed"; error: IpcError };

function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "previewed": {
      const p = action.preview;
      return {
        ...state,
        error: null,
        preview: p,
        fields: {
          sdkAppId: String(p.sdkAppId),
          sipTrunkId: String(p.sipTrunkId),
          numbersPerApplication: String(p.numbersPerApplication),
        },
        loading: false,
      };
    }
    case "previewFailed":
      return { ...state, error: action.error, loading: false };
    case "fields":
      return { ...state, fields: action.fields };
    case "applyFields":
      return {
        ...state,
        loading: true,
        settings: {
          ...state.settings,
          sdkAppId: numberOrNull(action.fields.sdkAppId),
          sipTrunkId: numberOrNull(action.fields.sipTrunkId),
          numbersPerApplication: numberOrNull(action.fields.numbersPerApplication),
        },
      };
    case "includeDuplicates":
      return {
        ...state,
        loading: true,
        settings: { ...state.settings, includeDuplicates: action.include },
      };
    case "numberForm":
      return {
        ...state,
        loading: true,
        settings: { ...state.settings, numberForm: action.numberForm },
      };
    case "confirm":
      return { ...state, confirming: action.open };
    case "confirmed":
      return { ...state, confirming: false, changed: null };
    case "changed":
      // A new settings object: the summary is read again.
      return { ...state, changed: action.error, loading: true, settings: { ...state.settings } };
  }
}

const INITIAL: State = {
  settings: {
    sdkAppId: null,
    sipTrunkId: null,
    numbersPerApplication: null,
    includeDuplicates: false,
    numberForm: null,
    confirmToken: null,
  },
  preview: null,
  loading: true,
  error: null,
  confirming: false,
  changed: null,
  fields: { sdkAppId: "", sipTrunkId: "", numbersPerApplication: "" },
};

/**
 * The submit summary of draft `draftId` in one reducer: the settings it is read with (and as
 * typed), the summary itself, read again after every change — not while the run is shown here —
 * and the confirmation.
 */
export function useSubmitPreview(draftId: number | null, runIsHere: boolean) {
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const { settings } = state;

  useEffect(() => {
    if (draftId === null || runIsHere) return;
    let live = true;
    submitPreview(draftId, settings)
      .then((p) => {
        if (live) dispatch({ type: "previewed", preview: p });
      })
      .catch((e: unknown) => {
        if (live) dispatch({ type: "previewFailed", error: toIpcError(e) });
      });
    return () => {
      live = false;
    };
  }, [draftId, settings, runIsHere]);

  return { state, dispatch };
}
