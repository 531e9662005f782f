import { useEffect, useReducer, useRef } from "react";
import { useTranslation } from "react-i18next";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { CallType } from "../../../bindings/CallType";
import type { ImportPreview } from "../../../bindings/ImportPreview";
import { asLanguage } from "../../../i18n";
import { toIpcError } from "../../../ipc";
import { chooseImportFile } from "../../../ipc/files";
import {
  importColumns,
  importOpenPath,
  importOpenText,
  importProcess,
  importReread,
} from "../../../ipc/wizard";
import { INITIAL_WIZARD, wizardReducer, type FormChange } from "./wizardState";

const CALL_TYPES: Partial<Record<string, CallType>> = {
  "0": CallType.Inbound,
  "1": CallType.Outbound,
  "2": CallType.InboundAndOutbound,
};

/**
 * The import wizard's state and its steps' commands: open a file (typed, chosen, or dropped on
 * the window) or a pasted list, read it again (encoding, sheet), choose the header row, then
 * check and save the rows as a new draft. Each new step's panel (`stepPanel`) takes the focus.
 */
export function useImportWizard(onStartedChange?: (started: boolean) => void) {
  const { t, i18n } = useTranslation();
  const [state, dispatch] = useReducer(wizardReducer, INITIAL_WIZARD);
  const { step, form } = state;

  // Each new step takes the focus (the button that led to it is gone), so the keyboard carries
  // on from the top of the step; not on the first render, where nothing was chosen yet.
  const stepPanel = useRef<HTMLDivElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    stepPanel.current?.focus();
  }, [step]);
  useEffect(() => {
    onStartedChange?.(step !== "source");
  }, [step, onStartedChange]);

  function opened(p: ImportPreview): void {
    dispatch({ type: "opened", preview: p });
  }

  function run<T>(label: string, action: () => Promise<T>, then: (v: T) => void): void {
    dispatch({ type: "busy", busy: label });
    dispatch({ type: "error", error: null });
    action()
      .then(then)
      .catch((e: unknown) => {
        dispatch({ type: "error", error: toIpcError(e) });
      })
      .finally(() => {
        dispatch({ type: "busy", busy: null });
      });
  }

  function openPath(p: string): void {
    run(t("importWizard.reading"), () => importOpenPath(p), opened);
  }

  // Files dropped on the window arrive as paths from the webview's drag-and-drop event.
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    try {
      getCurrentWebview()
        .onDragDropEvent((event) => {
          if (event.payload.type === "drop" && event.payload.paths.length > 0) {
            const dropped = event.payload.paths[0] ?? "";
            dispatch({ type: "field", field: "path", value: dropped });
            dispatch({ type: "busy", busy: "…" });
            importOpenPath(dropped)
              .then((p) => {
                dispatch({ type: "opened", preview: p });
              })
              .catch((e: unknown) => {
                dispatch({ type: "error", error: toIpcError(e) });
              })
              .finally(() => {
                dispatch({ type: "busy", busy: null });
              });
          }
        })
        .then((u) => {
          if (cancelled) u();
          else unlisten = u;
        })
        .catch(() => undefined);
    } catch {
      // Outside the desktop shell (tests, a browser) there is no drop event.
    }
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, []);

  return {
    state,
    dispatch,
    change: (c: FormChange): void => {
      dispatch({ type: "field", ...c });
    },
    openPath,
    /** The OS open dialog, filtered to the formats the wizard reads; the path goes to Rust. */
    chooseFile: (): void => {
      dispatch({ type: "error", error: null });
      chooseImportFile(t("files.importFilter"))
        .then((chosen) => {
          if (chosen === null) return;
          dispatch({ type: "field", field: "path", value: chosen });
          openPath(chosen);
        })
        .catch((e: unknown) => {
          dispatch({ type: "error", error: toIpcError(e) });
        });
    },
    openPasted: (): void => {
      run(t("importWizard.reading"), () => importOpenText(form.pasted), opened);
    },
    reread: (read: { encoding?: string; sheet?: string }): void => {
      run(t("importWizard.reading"), () => importReread(read), opened);
    },
    toMapping: (): void => {
      run(
        t("importWizard.reading"),
        () => importColumns(form.headerRow),
        (c) => {
          dispatch({ type: "columns", columns: c });
        },
      );
    },
    processRows: (): void => {
      const { defaults, headerRow, mapping, country, name } = form;
      const num = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));
      const callType = CALL_TYPES[defaults.callType];
      run(
        t("importWizard.checking"),
        () =>
          importProcess(
            {
              ...(headerRow === null ? {} : { headerRow }),
              mapping,
              defaults: {
                ...(callType === undefined ? {} : { callType }),
                ...(num(defaults.maxCount) === undefined
                  ? {}
                  : { maxCallCount: num(defaults.maxCount) ?? 0 }),
                ...(num(defaults.maxPsec) === undefined
                  ? {}
                  : { maxCallPsec: num(defaults.maxPsec) ?? 0 }),
                ...(defaults.calleeFormat === ""
                  ? {}
                  : { outboundCalleeFormat: defaults.calleeFormat }),
                ...(defaults.carrier.trim() === ""
                  ? {}
                  : { carrierPhoneNumber: defaults.carrier.trim() }),
              },
              country,
              ...(name.trim() === "" ? {} : { name }),
              lang: asLanguage(i18n.language),
            },
            (p) => {
              dispatch({
                type: "busy",
                busy: t(`importWizard.progress.${p.phase}`, { rows: p.rows }),
              });
            },
          ),
        (summary) => {
          dispatch({ type: "processed", review: summary });
        },
      );
    },
    stepPanel,
  };
}
