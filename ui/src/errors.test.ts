import { describe, expect, it } from "vitest";
import type { ErrorCode } from "./bindings/ErrorCode";
import { describeError } from "./errors";
import { createI18n } from "./i18n";

const CODES: ErrorCode[] = ["internal", "database", "io", "invalid_input", "not_found"];

describe("describeError", () => {
  it("gives every code its own translated sentence in both languages", () => {
    for (const lang of ["en", "zh-CN"] as const) {
      const { t } = createI18n(lang);
      const sentences = CODES.map((code) =>
        describeError(t, { code, message: "m", details: null }),
      );
      expect(new Set(sentences).size, `${lang}: one distinct sentence per code`).toBe(CODES.length);
      for (const s of sentences) expect(s, `${lang}: no raw key leaks`).not.toMatch(/^errors\./);
    }
  });

  it("uses details.found/supported for a database from a newer version", () => {
    const { t } = createI18n("en");
    const text = describeError(t, {
      code: "database",
      message: "newer",
      details: { found: 9, supported: 1 },
    });
    expect(text).toContain("schema 9");
    expect(text).toContain("up to 1");
  });

  it("falls back to the code's sentence when details are not the expected numbers", () => {
    const { t } = createI18n("en");
    expect(
      describeError(t, { code: "database", message: "x", details: { found: "9", supported: 1 } }),
    ).toBe("Number Desk couldn't use its local database.");
  });
});
