import { describe, expect, it } from "vitest";
import { asLanguage, createI18n, detectLanguage } from "./i18n";

describe("detectLanguage (first run, nothing saved)", () => {
  it.each([
    ["zh-CN", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["ZH-tw", "zh-CN"],
    ["en-US", "en"],
    ["fr-FR", "en"],
    ["", "en"],
    [undefined, "en"],
  ] as const)("%s → %s", (input, expected) => {
    expect(detectLanguage(input)).toBe(expected);
  });
});

describe("createI18n", () => {
  it("is ready synchronously in the requested language, with no shared state", () => {
    const zh = createI18n("zh-CN");
    const en = createI18n("en");
    expect(zh.t("nav.settings")).toBe("设置");
    expect(en.t("nav.settings"), "instances must not share the current language").toBe("Settings");
    expect(asLanguage(zh.language)).toBe("zh-CN");
    expect(asLanguage("de")).toBe("en");
  });

  it("interpolates without HTML-escaping (React escapes on render)", () => {
    const en = createI18n("en");
    expect(en.t("endpoint.custom", { host: "a <b> & c" })).toBe("Custom endpoint · a <b> & c");
  });
});
