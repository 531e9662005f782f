import { describe, expect, it } from "vitest";
import en from "./en.json";
import glossary from "./glossary.json";
import zhCN from "./zh-CN.json";

/**
 * One term per idea: for every idea of glossary.json, each locale uses its term and none of the
 * variants the glossary forbids (the same file is read by crates/import/tests/glossary.rs for the
 * import template and the findings).
 */

type Tree = { [key: string]: string | Tree };
type Lang = "en" | "zh-CN";
type Idea = {
  en: string;
  "zh-CN": string;
  forbidden: Record<Lang, string[]>;
  allowed: Record<Lang, string[]>;
};

function flatten(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] => {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    return typeof value === "string" ? [[path, value]] : flatten(value, path);
  });
}

const IDEAS: [string, Idea][] = Object.entries(glossary.ideas);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The text without the phrases the glossary allows although they contain a variant. */
function withoutAllowed(text: string, allowed: string[]): string {
  return allowed.reduce((t, phrase) => t.replace(new RegExp(escape(phrase), "giu"), " "), text);
}
const LOCALES: [Lang, [string, string][]][] = [
  ["en", flatten(en)],
  ["zh-CN", flatten(zhCN)],
];

describe("glossary", () => {
  it("names every idea in both languages", () => {
    expect(IDEAS.length).toBeGreaterThan(10);
    for (const [idea, entry] of IDEAS) {
      expect(entry.en.trim(), `${idea}: en`).not.toBe("");
      expect(/\p{Script=Han}/u.test(entry["zh-CN"]), `${idea}: zh-CN is Chinese`).toBe(true);
      for (const lang of ["en", "zh-CN"] as const) {
        for (const v of entry.forbidden[lang]) {
          expect(
            new RegExp(v, "iu").test(withoutAllowed(entry[lang], entry.allowed[lang])),
            `${idea}: the ${lang} term matches its own forbidden variant ${v}`,
          ).toBe(false);
        }
      }
    }
  });

  it.each(LOCALES)("%s uses no forbidden variant of a glossary term", (lang, strings) => {
    const found: string[] = [];
    for (const [idea, entry] of IDEAS) {
      for (const variant of entry.forbidden[lang]) {
        const re = new RegExp(variant, "iu");
        for (const [key, text] of strings) {
          if (re.test(withoutAllowed(text, entry.allowed[lang])))
            found.push(`${key}: "${text}" says /${variant}/ for ${idea}`);
        }
      }
    }
    expect(found, `use the glossary term instead`).toEqual([]);
  });

  it.each(LOCALES)("%s uses the glossary term of every idea", (lang, strings) => {
    const unused = IDEAS.filter(([, entry]) => {
      const term = entry[lang].toLowerCase();
      return !strings.some(([, text]) => text.toLowerCase().includes(term));
    }).map(([idea]) => idea);
    expect(unused, "ideas whose term no string uses").toEqual([]);
  });
});
