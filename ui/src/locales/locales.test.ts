import { describe, expect, it } from "vitest";
import en from "./en.json";
import zhCN from "./zh-CN.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? "").sort();
}

const EN = flatten(en);
const ZH = flatten(zhCN);

describe("locale files", () => {
  it("en.json and zh-CN.json have identical key sets", () => {
    const onlyEn = [...EN.keys()].filter((k) => !ZH.has(k));
    const onlyZh = [...ZH.keys()].filter((k) => !EN.has(k));
    expect(onlyEn, "keys missing from zh-CN.json").toEqual([]);
    expect(onlyZh, "keys missing from en.json").toEqual([]);
    expect(EN.size).toBeGreaterThan(40);
  });

  it("no translation is empty", () => {
    for (const [lang, map] of [
      ["en", EN],
      ["zh-CN", ZH],
    ] as const) {
      for (const [key, value] of map) {
        expect(value.trim(), `${lang}: ${key} is empty`).not.toBe("");
      }
    }
  });

  it("each key uses the same {{placeholders}} in both languages", () => {
    for (const [key, value] of EN) {
      expect(placeholders(ZH.get(key) ?? ""), `placeholders of ${key}`).toEqual(
        placeholders(value),
      );
    }
  });

  it("the Chinese file is actually Chinese where the English is prose", () => {
    const han = /\p{Script=Han}/u;
    // Names that stay the same in both languages: the product, and each language's own name.
    const sameInBoth = new Set(["app.name", "language.names.en", "language.names.zhCN"]);
    for (const [key, value] of ZH) {
      if (sameInBoth.has(key)) continue;
      expect(han.test(value), `zh-CN: ${key} has no Chinese text: "${value}"`).toBe(true);
    }
  });
});
