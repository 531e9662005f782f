import type { InvokeArgs } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { App } from "../App";
import { createI18n } from "../i18n";
import type { AppInfo } from "../bindings/AppInfo";
import type { ApplicationsListPage } from "../bindings/ApplicationsListPage";
import type { IpcError } from "../bindings/IpcError";
import type { Language } from "../bindings/Language";
import type { SettingsView } from "../bindings/SettingsView";
import { NO_HISTORY } from "./overviewFixtures";

export const SANDBOX_INFO: AppInfo = {
  name: "Number Desk",
  version: "0.1.0",
  dataDir: "/home/admin/.local/share/com.numberdesk.desktop",
  databasePath: "/home/admin/.local/share/com.numberdesk.desktop/number-desk.sqlite3",
  sqliteVersion: "3.46.0 (schema 1)",
  tauriVersion: "2.9.3",
  os: "linux",
  arch: "x86_64",
  endpoint: {
    kind: "sandbox",
    label: "Sandbox — nothing is sent to Tencent",
    url: "http://127.0.0.1:48123/",
  },
};

export const INTERNATIONAL_INFO: AppInfo = {
  ...SANDBOX_INFO,
  endpoint: {
    kind: "international",
    label: "intl",
    url: "https://ccc.intl.tencentcloudapi.com/",
  },
};

/** What `settings_get` returns on first run: Sandbox, nothing saved, no OS keychain. */
export const FIRST_RUN_SETTINGS: SettingsView = {
  active: "sandbox",
  endpoint: SANDBOX_INFO.endpoint,
  site: "international",
  customUrl: null,
  secretId: null,
  keySaved: false,
  tokenSaved: false,
  keyStore: "secretService",
  keyStoreNote: null,
  keyError: null,
  defaults: {
    sdkAppId: null,
    sipTrunkId: null,
    prefix: null,
    mobileNddPrefix: null,
    localNumberTrimAc: null,
    calleeFormatPassthrough: null,
    callerFormatPassthrough: null,
    internationalNumberPrefix: null,
    callType: null,
    maxCallCount: null,
    maxCallPSec: null,
    country: null,
    numbersPerApplication: null,
  },
  proxyMode: "system",
  proxyUrl: null,
  proxyCredentialsSaved: false,
};

/** What `applications_list` returns before anything was submitted. */
export const NO_APPLICATIONS: ApplicationsListPage = {
  scope: "sandbox",
  activeScope: "sandbox",
  page: {
    total: 0,
    offset: 0,
    rows: [],
    counts: [],
    scopeTotal: 0,
  },
};

export function ipcError(code: IpcError["code"], message: string): IpcError {
  return { code, message, details: null };
}

export type Call = { cmd: string; args: InvokeArgs | undefined };
export type Handler = (args: InvokeArgs | undefined) => unknown;

/** Routes IPC to `handlers` and records every call; an unexpected command rejects loudly. */
export function mockCommands(handlers: Partial<Record<string, Handler>>): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (handler === undefined) throw new Error(`test did not expect IPC command "${cmd}"`);
    return handler(args);
  });
  return calls;
}

export function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
} {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Renders the whole app against mocked commands. Defaults: a Sandbox app_info, no saved
 * language, and a preferences_set_language that echoes what it was given.
 */
export function renderApp(
  options: { initialLanguage?: Language; handlers?: Partial<Record<string, Handler>> } = {},
) {
  const calls = mockCommands({
    app_info: () => SANDBOX_INFO,
    preferences_get: () => ({ language: null, welcomeDismissed: false, theme: "system" }),
    preferences_dismiss_welcome: () => ({
      language: null,
      welcomeDismissed: true,
      theme: "system",
    }),
    preferences_set_theme: (args) => ({
      language: null,
      welcomeDismissed: false,
      theme: (args as { theme: string }).theme,
    }),
    drafts_list: () => [],
    applications_list: () => NO_APPLICATIONS,
    overview_get: () => NO_HISTORY,
    settings_get: () => FIRST_RUN_SETTINGS,
    preferences_set_language: (args) => ({
      language: args === undefined ? null : (args as { language: unknown }).language,
    }),
    ...options.handlers,
  });
  const i18n = createI18n(options.initialLanguage ?? "en");
  const user = userEvent.setup();
  const view = render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  );
  return { user, calls, i18n, ...view };
}

export function callsOf(calls: Call[], cmd: string): Call[] {
  return calls.filter((c) => c.cmd === cmd);
}

/**
 * A command rejection as Tauri delivers it: the serialised value itself (the IpcError envelope,
 * typed so fixtures follow the bindings, or a plain string for runtime errors); an Error object
 * only to test that the UI copes with one.
 */
export function rejectWith(value: IpcError | string | Error): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
  return Promise.reject(value);
}
