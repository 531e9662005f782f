import { describe, expect, it } from "vitest";
import en from "./en.json";

/**
 * Every key of the locale files is used somewhere in ui/src, so a screen that goes away takes its
 * words with it (no "coming in the next version" left behind). A key is used when its full name
 * appears as a string literal in a source file, or when it lies under one of the dynamic prefixes
 * below (keys built at run time from a value).
 */

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    return typeof value === "string" ? [path] : keysOf(value, path);
  });
}

/** i18next plural forms: `testOk_one` and `testOk_other` are used through `testOk`. */
const PLURAL = /_(zero|one|two|few|many|other)$/;

// The app's own sources (tests and generated bindings are not uses of a key).
const SOURCES = Object.entries(
  import.meta.glob<string>(["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}", "!../bindings/**"], {
    query: "?raw",
    import: "default",
    eager: true,
  }),
);

/**
 * Keys built at run time: `t(\`<prefix>${value}…\`)`. Each prefix is listed with the value that
 * completes it; every key under a listed prefix counts as used. The list must match the
 * template literals in the sources exactly (both directions are tested below), so a new dynamic
 * key is a decision, and a stale entry is noticed.
 */
const DYNAMIC_PREFIXES: readonly string[] = [
  "apiErrors.codes.", // errors/tencent.ts, ErrorFacts: the advice key of a Tencent code
  "apiErrors.network.", // errors/network.ts: the network kind (Dns, Timeout, …)
  "apiErrors.pause.", // errors/pause.ts, RunProgress: why a run paused
  "apiErrors.sites.", // the other site a key belongs to (international / china)
  "applicationsList.columns.", // ApplicationsList: the sort column's name
  "applicationsList.formats.", // ApplicationsList export: csv / xlsx
  "applicationsList.scope.", // ApplicationsList: sandbox / tencent
  "applicationsList.status.", // the application state shown as a badge
  "fields.", // FieldLabel: fields.<idea>.label / .hint / .where
  "files.templateFormats.", // TemplateDownload: xlsx / csv
  "importWizard.detection.", // ImportWizard: how the encoding was found
  "importWizard.grid.filters.", // ReviewGrid: all / errors / warnings
  "importWizard.grid.formats.", // ReviewGrid export: xlsx / csv
  "importWizard.grid.numberForms.", // NumberFormsNotice: national / international
  "importWizard.grid.numberForms.forms.", // NumberFormsNotice: how numbers are written
  "importWizard.progress.", // ImportWizard: validating / saving / done
  "importWizard.steps.", // ImportWizard: the step names
  "settingsScreen.problem.", // SettingsScreen: the credential problem kind
  "settingsScreen.proxy.", // SettingsScreen: system / none / manual
  "settingsScreen.site.", // SettingsScreen: international / china / custom
  "settingsScreen.store.", // SettingsScreen: where the key is kept
  "settingsScreen.theme.", // ThemeChoice: system / light / dark
  "settingsScreen.warning.", // SettingsScreen: the credential warning kind
  "submit.numberForm.", // NumberFormChoice: national / international
];

/** Every full key written as a string literal: "a.b", 'a.b' or `a.b` without `${`. */
function literalKeys(source: string): string[] {
  return [...source.matchAll(/["'`]([A-Za-z]\w*(?:\.\w+)+)["'`]/g)].map((m) => m[1] ?? "");
}

/** The constant start of every template literal that builds a key: `a.b.${…}` → "a.b.". */
function templatePrefixes(source: string): string[] {
  return [...source.matchAll(/`([A-Za-z]\w*\.(?:\w+\.)*)\$\{/g)].map((m) => m[1] ?? "");
}

const LITERALS = new Set(SOURCES.flatMap(([, text]) => literalKeys(text)));
const TEMPLATES = new Set(SOURCES.flatMap(([, text]) => templatePrefixes(text)));
const KEYS = keysOf(en);

describe("locale keys are used", () => {
  it("reads the app's sources", () => {
    expect(SOURCES.length).toBeGreaterThan(20);
    expect(LITERALS.has("nav.settings")).toBe(true);
  });

  it("every key is used in ui/src (literally or under a listed dynamic prefix)", () => {
    const unused = KEYS.filter((key) => {
      const base = key.replace(PLURAL, "");
      if (LITERALS.has(key) || LITERALS.has(base)) return false;
      return !DYNAMIC_PREFIXES.some((p) => key.startsWith(p));
    });
    expect(unused, "keys no source uses: remove them from en.json and zh-CN.json").toEqual([]);
  });

  it("every dynamic prefix listed is still built somewhere", () => {
    const stale = DYNAMIC_PREFIXES.filter((p) => !TEMPLATES.has(p));
    expect(stale, "listed prefixes no template literal builds").toEqual([]);
  });

  it("every key built at run time is listed with a comment", () => {
    const known = KEYS.map((k) => k.split(".")[0] ?? "");
    const unlisted = [...TEMPLATES].filter(
      (p) => known.includes(p.split(".")[0] ?? "") && !DYNAMIC_PREFIXES.includes(p),
    );
    expect(unlisted, "template literals that build keys: add them to DYNAMIC_PREFIXES").toEqual([]);
  });
});
