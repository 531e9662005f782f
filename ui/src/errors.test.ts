import { describe, expect, it } from "vitest";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { IpcError } from "./bindings/IpcError";
import type { NetworkKind } from "./bindings/NetworkKind";
import type { PauseKind } from "./bindings/PauseKind";
import type { PauseReason } from "./bindings/PauseReason";
import { ERROR_CLASS_NAMES, KNOWN_TENCENT_CODES, NETWORK_KINDS } from "./bindings/TencentCode";
import type { TencentDetails } from "./bindings/TencentDetails";
import {
  describeError,
  describePause,
  describeStoredError,
  describeTencent,
  explainError,
  messageIdOf,
  type ErrorDescription,
} from "./errors";
import { createI18n } from "./i18n";

const LANGS = ["en", "zh-CN"] as const;
const HAN = /\p{Script=Han}/u;

const ALL_CODES: ErrorCode[] = [
  "internal",
  "database",
  "io",
  "invalid_input",
  "not_found",
  "invalid_credentials",
  "auth_failed",
  "permission_denied",
  "clock_skew",
  "network",
  "certificate",
  "proxy",
  "keychain",
  "tencent",
  "not_configured",
  "preview_changed",
];

function expectReadable(d: ErrorDescription, lang: (typeof LANGS)[number], what: string): void {
  for (const text of [d.title, d.nextStep]) {
    expect(text.trim(), `${lang} ${what}: empty text`).not.toBe("");
    expect(text, `${lang} ${what}: a raw locale key leaked`).not.toMatch(/apiErrors\.|errors\./);
    expect(text, `${lang} ${what}: an unfilled placeholder`).not.toMatch(/\{\{/);
    if (lang === "zh-CN")
      expect(HAN.test(text), `${lang} ${what}: not Chinese: ${text}`).toBe(true);
  }
}

describe("describeError", () => {
  it("gives every code its own translated sentence in both languages", () => {
    const codes: ErrorCode[] = ["internal", "database", "io", "invalid_input", "not_found"];
    for (const lang of LANGS) {
      const { t } = createI18n(lang);
      const sentences = codes.map((code) =>
        describeError(t, { code, message: "m", details: null }),
      );
      expect(new Set(sentences).size, `${lang}: one distinct sentence per code`).toBe(codes.length);
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

  it("falls back to the code's sentence when details carry no versions", () => {
    const { t } = createI18n("en");
    for (const details of [null, { path: "/tmp/nd.sqlite3" }]) {
      expect(describeError(t, { code: "database", message: "x", details })).toBe(
        "Number Desk couldn't use its local database.",
      );
    }
  });
});

describe("explainError", () => {
  it("every app error code has a sentence and a next step in both languages", () => {
    for (const lang of LANGS) {
      const { t } = createI18n(lang);
      for (const code of ALL_CODES) {
        expectReadable(explainError(t, { code, message: "m", details: null }), lang, code);
      }
    }
  });

  it("a Tencent answer is described by its apiCode and keeps the RequestId", () => {
    const { t } = createI18n("en");
    const d = explainError(t, {
      code: "tencent",
      message: "InvalidParameter.SipTrunkNotFound: no trunk (RequestId r-42)",
      details: { apiCode: "InvalidParameter.SipTrunkNotFound", requestId: "r-42" },
    });
    expect(d.title).toContain("SipTrunkId");
    expect(d.requestId, "rule: the RequestId is there for support").toBe("r-42");
  });

  it("network, proxy and certificate failures read as such (rule: not a generic failure)", () => {
    const { t } = createI18n("en");
    const of = (code: ErrorCode, kind: NetworkKind, extra: { status?: number } = {}): string => {
      const d = explainError(t, { code, message: "m", details: { kind, ...extra } });
      return `${d.title} ${d.nextStep}`;
    };
    expect(of("certificate", "Certificate")).toMatch(/certificate/i);
    expect(of("certificate", "Certificate")).toMatch(/proxy or antivirus/);
    expect(of("proxy", "Proxy")).toMatch(/proxy/i);
    expect(of("network", "Dns")).toMatch(/DNS/);
    expect(of("network", "ConnectionRefused")).toMatch(/refused/);
    expect(of("network", "ConnectTimeout")).toMatch(/timed out/);
    expect(of("network", "Tls")).toMatch(/TLS/);
    expect(of("network", "HttpStatus", { status: 407 })).toContain("HTTP 407");
    for (const kind of ["Dns", "ConnectionRefused", "Certificate", "Tls", "Proxy"] as const) {
      expect(of("network", kind), `${kind}: says nothing was sent`).toContain(
        "nothing reached Tencent",
      );
    }
    for (const kind of ["Timeout", "ConnectionDropped"] as const) {
      expect(of("network", kind), `${kind}: the outcome is unknown, never "not sent"`).toMatch(
        /may or may not have taken effect[\s\S]*Don't send it again yet/,
      );
    }
    const zh = createI18n("zh-CN").t;
    expect(
      explainError(zh, { code: "certificate", message: "m", details: { kind: "Certificate" } })
        .title,
    ).toContain("证书");
    expect(
      explainError(zh, { code: "proxy", message: "m", details: { kind: "Proxy" } }).title,
    ).toContain("代理");
  });

  it("every network kind has a sentence and a next step in both languages", () => {
    // Every kind Rust can send (generated from NetworkKind::ALL).
    const kinds = NETWORK_KINDS;
    for (const lang of LANGS) {
      const { t } = createI18n(lang);
      const titles = new Set<string>();
      for (const kind of kinds) {
        const d = explainError(t, { code: "network", message: "m", details: { kind } });
        expectReadable(d, lang, kind);
        titles.add(d.title);
      }
      expect(titles.size, `${lang}: each network kind reads differently`).toBe(kinds.length);
    }
  });

  it("a rejected key says which site it belongs to when the other site accepts it", () => {
    const error: IpcError = {
      code: "auth_failed",
      message: "rejected",
      details: {
        apiCode: "AuthFailure.SecretIdNotFound",
        requestId: "r-1",
        otherSite: "china",
        otherSiteAccepts: true,
      },
    };
    expect(explainError(createI18n("en").t, error).title).toBe(
      "This key belongs to the China site.",
    );
    expect(explainError(createI18n("zh-CN").t, error).title).toBe("这个密钥属于中国站。");
    const rejectedToo: IpcError = {
      ...error,
      details: { ...(error.details as TencentDetails), otherSiteAccepts: false },
    };
    expect(
      explainError(createI18n("en").t, rejectedToo).title,
      "rule: only claim the other site when it accepted the key",
    ).not.toContain("This key belongs to");
  });

  it("a clock skew error with the offset says how many minutes", () => {
    const error: IpcError = {
      code: "clock_skew",
      message: "AuthFailure.SignatureExpire",
      details: { apiCode: "AuthFailure.SignatureExpire", requestId: "r", clockOffsetSeconds: 420 },
    };
    const en = explainError(createI18n("en").t, error);
    expect(`${en.title} ${en.nextStep}`).toMatch(
      /^Your computer's clock is 7 minutes behind\. Sync it/,
    );
    expect(explainError(createI18n("zh-CN").t, error).title).toBe("本机时钟慢了 7 分钟。");
  });
});

describe("describeTencent", () => {
  it("every known Tencent code (generated from Rust) has an English and a Chinese message with a next step", () => {
    expect(KNOWN_TENCENT_CODES.length).toBeGreaterThanOrEqual(24);
    for (const code of [...KNOWN_TENCENT_CODES, ...ERROR_CLASS_NAMES]) {
      if (code !== "OtherApi") {
        expect(
          messageIdOf(code),
          `rule: ${code} has its own message, not the generic one`,
        ).not.toBe("unknown");
      }
      for (const lang of LANGS) {
        const d = describeTencent(createI18n(lang).t, code, { requestId: "req-1" });
        expectReadable(d, lang, code);
        expect(d.requestId).toBe("req-1");
      }
    }
  });

  it("the English and Chinese messages differ for every code (no untranslated copies)", () => {
    const en = createI18n("en").t;
    const zh = createI18n("zh-CN").t;
    for (const code of KNOWN_TENCENT_CODES) {
      expect(describeTencent(zh, code).title).not.toBe(describeTencent(en, code).title);
      expect(describeTencent(zh, code).nextStep).not.toBe(describeTencent(en, code).nextStep);
    }
  });

  it("matches families by prefix: RequestLimitExceeded.*, AuthFailure.*, InternalError.*", () => {
    expect(messageIdOf("RequestLimitExceeded.UinLimitExceeded")).toBe("rateLimited");
    expect(messageIdOf("RequestLimitExceeded.GlobalRegionUinLimitExceeded")).toBe("rateLimited");
    expect(messageIdOf("AuthFailure.MFAFailure")).toBe("authFailed");
    expect(messageIdOf("InternalError.Timeout")).toBe("internalError");
    expect(messageIdOf("InvalidParameterValue.Whatever")).toBe("invalidParameter");
    expect(messageIdOf("RequestLimitExceededX"), "prefix must match a whole segment").toBe(
      "unknown",
    );
  });

  it("an unknown code gets an honest generic message that shows the code", () => {
    for (const lang of LANGS) {
      const d = describeTencent(createI18n(lang).t, "ResourceUnavailable.Foo", { requestId: "x" });
      expect(d.title, `${lang}: the code is shown`).toContain("ResourceUnavailable.Foo");
      expectReadable(d, lang, "unknown code");
      expect(d.requestId).toBe("x");
    }
  });

  it("AccountNotExist says the site has no CCC service and suggests the other site", () => {
    for (const lang of LANGS) {
      const d = describeTencent(createI18n(lang).t, "InvalidParameterValue.AccountNotExist");
      expect(messageIdOf("InvalidParameterValue.AccountNotExist")).toBe("accountNotExist");
      expect(d.title).toMatch(lang === "en" ? /no Cloud Contact Center service/ : /没有开通/);
    }
  });

  it("a Modify-only code answered to a new application reads as an unknown outcome", () => {
    const { t } = createI18n("en");
    const onCreate = describeTencent(t, "InvalidParameterValue.ApplyIDNotExist", {
      action: "create",
    });
    expect(onCreate.title).toContain("whether it was created is unknown");
    const onModify = describeTencent(t, "InvalidParameterValue.ApplyIDNotExist", {
      action: "modify",
    });
    expect(onModify.title).toBe("Tencent has no application with this ApplyId for this SdkAppId.");
  });

  it("the clock offset becomes minutes, behind or ahead", () => {
    const { t } = createI18n("en");
    const behind = describeTencent(t, "AuthFailure.SignatureExpire", { clockOffsetSeconds: 437 });
    expect(behind.title).toBe("Your computer's clock is 7 minutes behind.");
    expect(behind.nextStep).toMatch(/^Sync it/);
    expect(
      describeTencent(t, "AuthFailure.SignatureExpire", { clockOffsetSeconds: -60 }).title,
    ).toBe("Your computer's clock is 1 minute ahead.");
    expect(
      describeTencent(t, "AuthFailure.SignatureExpire", {}).title,
      "without an offset the message stays general",
    ).toBe("Your computer's clock is more than 5 minutes off.");
    expect(
      describeTencent(createI18n("zh-CN").t, "ClockSkew", { clockOffsetSeconds: -900 }).title,
    ).toBe("本机时钟快了 15 分钟。");
  });

  it("a rejected key names the site it belongs to", () => {
    const d = describeTencent(createI18n("en").t, "AuthFailure.SignatureFailure", {
      otherSite: "international",
    });
    expect(d.title).toBe("This key belongs to the International site.");
    expect(d.nextStep).toContain("International site in Settings");
    expect(
      describeTencent(createI18n("en").t, "InvalidParameter.SipTrunkNotFound", {
        otherSite: "china",
      }).title,
      "the site hint is only for key errors",
    ).not.toContain("This key belongs to");
  });

  it("the overflow message counts the remaining applications, kept for Resume", () => {
    const code = "InvalidParameterValue.WaitingApprovalOverflow";
    expect(describeTencent(createI18n("en").t, code, { remainingBatches: 12 }).title).toBe(
      "Tencent has too many of your applications waiting for review — the remaining 12 applications are kept and will go when you press Resume.",
    );
    expect(describeTencent(createI18n("en").t, code, { remainingBatches: 1 }).title).toContain(
      "the remaining 1 application is kept",
    );
    expect(describeTencent(createI18n("zh-CN").t, code, { remainingBatches: 12 }).title).toContain(
      "剩下的 12 个申请已保留",
    );
  });

  it("lists the numbers concerned, at most ten then a count", () => {
    const { t } = createI18n("en");
    const few = describeTencent(t, "InvalidParameter.DuplicatePhoneNumber", {
      numbers: ["02012345678", "02012345679"],
    });
    expect(few.title).toContain("Numbers: 02012345678, 02012345679.");
    const many = Array.from({ length: 13 }, (_, i) => `0201234${String(5000 + i)}`);
    const d = describeTencent(t, "InvalidParameterValue.PhoneNumInvalid", { numbers: many });
    expect(d.title).toContain("and 3 more");
    expect(d.title).not.toContain(many[12] ?? "?");
  });
});

describe("describePause", () => {
  const KINDS: PauseKind[] = [
    "waiting_approval_overflow",
    "network",
    "credentials",
    "permission",
    "clock",
    "rate_limited",
    "local",
    "storage",
  ];

  it("every pause kind says what happened, that the rest is kept, and to press Resume", () => {
    for (const lang of LANGS) {
      const { t } = createI18n(lang);
      for (const kind of KINDS) {
        const d = describePause(t, { kind, code: null, message: "m", applicationId: 1 }, 12);
        expectReadable(d, lang, kind);
        expect(d.title, `${lang} ${kind}: the kept applications are counted`).toContain("12");
        expect(d.nextStep, `${lang} ${kind}: the next step names Resume`).toMatch(
          lang === "en" ? /Resume/ : /继续/,
        );
      }
    }
  });

  it("reads the overflow sentence of the brief", () => {
    const d = describePause(
      createI18n("en").t,
      {
        kind: "waiting_approval_overflow",
        code: "InvalidParameterValue.WaitingApprovalOverflow",
        message: "m",
        applicationId: 3,
      },
      12,
    );
    expect(d.title).toBe(
      "Tencent has too many of your applications waiting for review — the remaining 12 applications are kept and will go when you press Resume.",
    );
  });

  it("uses the Tencent code's own message when the pause carries one", () => {
    const d = describePause(
      createI18n("en").t,
      {
        kind: "credentials",
        code: "AuthFailure.SignatureFailure",
        message: "m",
        applicationId: 1,
      },
      2,
    );
    expect(d.title).toMatch(
      /^The SecretKey doesn't match the SecretId\. The remaining 2 applications/,
    );
  });

  it("a clock pause says how many minutes the clock is off, in both languages", () => {
    const reason: PauseReason = {
      kind: "clock",
      code: "AuthFailure.SignatureExpire",
      message: "m",
      applicationId: 5,
      clockOffsetSecs: 7 * 60 + 10,
    };
    const en = describePause(createI18n("en").t, reason, 3);
    expect(en.title, "rule: the measured offset is named in minutes").toMatch(/7 minutes/);
    expect(en.title, "the kept applications are still counted").toContain("3");
    expect(en.nextStep).toMatch(/Resume/);
    const zh = describePause(createI18n("zh-CN").t, reason, 3);
    expect(zh.title).toMatch(/7 分钟/);
  });
});

// The client's own English messages (ClientError's Display), as the outbox stores them.
const CERT_NOT_SENT =
  "the request was not sent: the server's certificate was not accepted (invalid peer certificate: UnknownIssuer)";
const PROXY_NOT_SENT =
  "the request was not sent: the proxy could not be used (error sending request for url)";
const DROPPED =
  "the outcome is unknown: the connection was dropped before the response arrived (eof); the request may have been processed — check the Tencent Cloud console before sending it again";

describe("stored errors (code, English message and the network failure's kind)", () => {
  it("the stored kind names the problem, whatever the message says", () => {
    const { t } = createI18n("en");
    // The words are never read: a message that names a certificate but a stored Proxy kind reads
    // as the proxy, and the same message without a kind reads by its code.
    expect(
      describeStoredError(t, { code: "NotSent", message: CERT_NOT_SENT, kind: "Proxy" }).title,
    ).toMatch(/proxy couldn't be used/);
    expect(describeStoredError(t, { code: "NotSent", message: CERT_NOT_SENT }).title).not.toMatch(
      /certificate/,
    );
  });

  it("a certificate or proxy failure stored as NotSent reads as such (rule)", () => {
    const { t } = createI18n("en");
    const cert = { code: "NotSent", message: CERT_NOT_SENT, kind: "Certificate" } as const;
    expect(describeStoredError(t, cert).title).toMatch(/security certificate was not accepted/);
    expect(
      describeStoredError(t, { code: "NotSent", message: PROXY_NOT_SENT, kind: "Proxy" }).title,
    ).toMatch(/proxy couldn't be used/);
    const dropped = describeStoredError(t, {
      code: "OutcomeUnknown",
      message: DROPPED,
      requestId: null,
      kind: "ConnectionDropped",
    });
    expect(dropped.title).toMatch(/connection broke after the request was sent/);
    expect(dropped.nextStep).toMatch(/Don't send it again yet/);
    expect(describeStoredError(createI18n("zh-CN").t, cert).title).toContain("证书");
  });

  it("a Tencent code keeps its own message and RequestId", () => {
    const d = describeStoredError(createI18n("en").t, {
      code: "InvalidParameter.DuplicatePhoneNumber",
      message: "the number is in use",
      requestId: "r-7",
    });
    expect(d.title).toMatch(/already in use or appears twice/);
    expect(d.requestId).toBe("r-7");
  });

  it("a network pause names the problem (certificate) and still says Resume", () => {
    for (const lang of LANGS) {
      const d = describePause(
        createI18n(lang).t,
        {
          kind: "network",
          code: null,
          message: `Requests could not be sent (no connection, DNS, proxy or certificate problem). Nothing reached Tencent; resume when the connection works. (${CERT_NOT_SENT})`,
          applicationId: 4,
          networkKind: "Certificate",
        },
        3,
      );
      expectReadable(d, lang, "network pause");
      if (lang === "en") {
        expect(d.title).toMatch(
          /^Sending stopped: The server's security certificate was not accepted.* The remaining 3 applications are kept/,
        );
        expect(d.nextStep).toMatch(/root certificate.*Then press Resume\.$/);
      } else {
        expect(d.title).toMatch(/^发送已暂停：服务器的安全证书/);
        expect(d.nextStep).toContain("继续");
      }
    }
  });
});
