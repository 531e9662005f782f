import { useEffect, useReducer, type SyntheticEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionKind } from "../../bindings/ConnectionKind";
import type { FormatWarning } from "../../bindings/FormatWarning";
import type { IpcError } from "../../bindings/IpcError";
import type { ProxyMode } from "../../bindings/ProxyMode";
import type { SettingsView } from "../../bindings/SettingsView";
import type { Site } from "../../bindings/Site";
import type { TestConnectionResult } from "../../bindings/TestConnectionResult";
import { toIpcError } from "../../ipc";
import {
  connectionUse,
  settingsForgetKey,
  settingsGet,
  settingsSave,
  settingsTestConnection,
} from "../../ipc/settings";
import { defaultsToForm, formToDefaults, type DefaultsForm } from "./DefaultsFields";

export type Load =
  { status: "loading" } | { status: "ready" } | { status: "error"; error: IpcError };
export type Test =
  | { status: "idle" }
  | { status: "running" }
  | { status: "ok"; result: TestConnectionResult }
  | { status: "error"; error: IpcError };

/** The account form as typed. The SecretKey and token are write-only: they start empty. */
export type SettingsForm = {
  site: Site;
  customUrl: string;
  secretId: string;
  secretKey: string;
  token: string;
  clearToken: boolean;
  defaults: DefaultsForm;
  proxyMode: ProxyMode;
  proxyUrl: string;
};

/** A field of the form and its new value. */
export type FieldChange = {
  [K in keyof SettingsForm]: { field: K; value: SettingsForm[K] };
}[keyof SettingsForm];

export type SettingsState = {
  load: Load;
  /** What was saved, as the backend shows it. */
  view: SettingsView | null;
  form: SettingsForm;
  saving: boolean;
  saveError: IpcError | null;
  /** A field found wrong before anything was sent. */
  localError: { field: string; message: string } | null;
  warnings: FormatWarning[];
  saved: boolean;
  test: Test;
  switchError: IpcError | null;
};

type Action =
  | { type: "loaded"; view: SettingsView }
  | { type: "loadFailed"; error: IpcError }
  | ({ type: "field" } & FieldChange)
  | { type: "saveStart" }
  | { type: "invalid"; field: string; message: string }
  | { type: "saving" }
  | { type: "saved"; view: SettingsView; warnings: FormatWarning[] }
  | { type: "saveFailed"; error: IpcError }
  | { type: "test"; test: Test }
  | { type: "switchStart" }
  | { type: "switched"; view: SettingsView }
  | { type: "switchFailed"; error: IpcError }
  | { type: "forgot"; view: SettingsView }
  | { type: "forgetFailed"; error: IpcError };

/** The form filled from what was saved (the SecretKey, token and "clear token" are kept). */
function fill(form: SettingsForm, v: SettingsView): SettingsForm {
  return {
    ...form,
    site: v.site,
    customUrl: v.customUrl ?? "",
    secretId: v.secretId ?? "",
    defaults: defaultsToForm(v.defaults),
    proxyMode: v.proxyMode,
    proxyUrl: v.proxyUrl ?? "",
  };
}

function reducer(state: SettingsState, action: Action): SettingsState {
  switch (action.type) {
    case "loaded":
      return {
        ...state,
        view: action.view,
        form: fill(state.form, action.view),
        load: { status: "ready" },
      };
    case "loadFailed":
      return { ...state, load: { status: "error", error: action.error } };
    case "field":
      return { ...state, form: { ...state.form, [action.field]: action.value } };
    case "saveStart":
      return { ...state, saveError: null, localError: null, saved: false };
    case "invalid":
      return { ...state, localError: { field: action.field, message: action.message } };
    case "saving":
      return { ...state, saving: true };
    case "saved":
      return {
        ...state,
        view: action.view,
        form: { ...fill(state.form, action.view), secretKey: "", token: "", clearToken: false },
        warnings: action.warnings,
        saved: true,
        saving: false,
      };
    case "saveFailed":
      return { ...state, saveError: action.error, saving: false };
    case "test":
      return { ...state, test: action.test };
    case "switchStart":
      return { ...state, switchError: null };
    case "switched":
      return { ...state, view: action.view };
    case "switchFailed":
      return { ...state, switchError: action.error };
    case "forgot":
      return {
        ...state,
        view: action.view,
        form: { ...fill(state.form, action.view), secretKey: "", token: "" },
      };
    case "forgetFailed":
      return { ...state, saveError: action.error };
  }
}

const INITIAL: SettingsState = {
  load: { status: "loading" },
  view: null,
  form: {
    site: "international",
    customUrl: "",
    secretId: "",
    secretKey: "",
    token: "",
    clearToken: false,
    defaults: defaultsToForm(null),
    proxyMode: "system",
    proxyUrl: "",
  },
  saving: false,
  saveError: null,
  localError: null,
  warnings: [],
  saved: false,
  test: { status: "idle" },
  switchError: null,
};

/**
 * The Settings screen's state in one reducer — what was saved, the form as typed, and how the
 * last save, test and switch went — with the commands that change it. `onEndpointChanged` runs
 * after whatever may have changed where requests go.
 */
export function useSettings(onEndpointChanged: () => void) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const { form } = state;

  useEffect(() => {
    let current = true;
    settingsGet().then(
      (v) => {
        if (current) dispatch({ type: "loaded", view: v });
      },
      (e: unknown) => {
        if (current) dispatch({ type: "loadFailed", error: toIpcError(e) });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  function change(c: FieldChange): void {
    dispatch({ type: "field", ...c });
  }

  async function save(e: SyntheticEvent): Promise<void> {
    e.preventDefault();
    dispatch({ type: "saveStart" });
    const parsed = formToDefaults(form.defaults, form.site);
    if (!parsed.ok) {
      dispatch({ type: "invalid", field: parsed.field, message: t("settingsScreen.wholeNumber") });
      return;
    }
    dispatch({ type: "saving" });
    try {
      const result = await settingsSave({
        site: form.site,
        customUrl: form.site === "custom" ? form.customUrl : null,
        secretId: form.secretId,
        secretKey: form.secretKey === "" ? null : form.secretKey,
        token: form.token === "" ? null : form.token,
        clearToken: form.clearToken,
        defaults: parsed.defaults,
        proxyMode: form.proxyMode,
        proxyUrl: form.proxyMode === "manual" ? form.proxyUrl : null,
      });
      dispatch({ type: "saved", view: result.settings, warnings: result.warnings });
      onEndpointChanged();
    } catch (err: unknown) {
      dispatch({ type: "saveFailed", error: toIpcError(err) });
    }
  }

  async function runTest(): Promise<void> {
    dispatch({ type: "test", test: { status: "running" } });
    try {
      dispatch({
        type: "test",
        test: { status: "ok", result: await settingsTestConnection("tencent") },
      });
    } catch (err: unknown) {
      dispatch({ type: "test", test: { status: "error", error: toIpcError(err) } });
    }
  }

  async function forgetKey(): Promise<void> {
    dispatch({ type: "switchStart" });
    try {
      dispatch({ type: "forgot", view: await settingsForgetKey() });
      onEndpointChanged();
    } catch (err: unknown) {
      dispatch({ type: "forgetFailed", error: toIpcError(err) });
    }
  }

  async function switchTo(kind: ConnectionKind): Promise<void> {
    dispatch({ type: "switchStart" });
    try {
      dispatch({ type: "switched", view: await connectionUse(kind) });
      onEndpointChanged();
    } catch (err: unknown) {
      dispatch({ type: "switchFailed", error: toIpcError(err) });
    }
  }

  return { state, change, save, runTest, forgetKey, switchTo };
}
