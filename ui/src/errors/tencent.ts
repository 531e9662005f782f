import type { TFunction } from "i18next";
import type { ErrorClassName, TencentCode } from "../bindings/TencentCode";

/** What a plain-language error says: what happened, what to do, and the id for support. */
export type ErrorDescription = {
  /** One sentence: what happened, in the user's language. */
  title: string;
  /** What to do next, in the user's language. */
  nextStep: string;
  /** Tencent's RequestId, to quote to Tencent support (null when there is none). */
  requestId: string | null;
};

/** What the caller knows beyond the code; each field sharpens the sentence when present. */
export type TencentContext = {
  requestId?: string | null;
  /** Seconds the server's clock is ahead of this computer's (negative: this one is ahead). */
  clockOffsetSeconds?: number;
  /** The site that accepts the key (the key "belongs to" it), when that was checked. */
  otherSite?: "international" | "china" | null;
  /** Batches still queued after the queue stopped. */
  remainingBatches?: number;
  /** The numbers concerned (e.g. refused as invalid or duplicate). */
  numbers?: string[];
  /** The action answered: codes documented for changing an application mean something else
   * when answered to a new one. */
  action?: "create" | "modify";
};

/** One message (title + next step) under `apiErrors.codes`. */
export type MessageId =
  | "rateLimited"
  | "signatureExpire"
  | "secretIdNotFound"
  | "signatureFailure"
  | "invalidSecretId"
  | "tokenFailure"
  | "authFailed"
  | "unauthorizedOperation"
  | "permissionDenied"
  | "instanceNotExist"
  | "sipTrunkNotFound"
  | "phoneNumInvalid"
  | "duplicatePhoneNumber"
  | "illegalPhoneNumber"
  | "invalidPhoneNumber"
  | "waitingApprovalOverflow"
  | "applyIdNotExist"
  | "errorApplyStatus"
  | "accountNotExist"
  | "internalError"
  | "dbError"
  | "missingParameter"
  | "unknownParameter"
  | "invalidParameter"
  | "notSent"
  | "outcomeUnknown"
  | "unexpectedResponse"
  | "local"
  | "unknown";

// `satisfies Record<TencentCode, …>`: tsc fails when Rust's KNOWN_CODES gains a code without a
// message here (ui/src/bindings/TencentCode.ts is generated from it).
const CODE_MESSAGE = {
  RequestLimitExceeded: "rateLimited",
  "AuthFailure.SignatureExpire": "signatureExpire",
  "AuthFailure.SecretIdNotFound": "secretIdNotFound",
  "AuthFailure.SignatureFailure": "signatureFailure",
  "AuthFailure.InvalidSecretId": "invalidSecretId",
  "AuthFailure.TokenFailure": "tokenFailure",
  "AuthFailure.UnauthorizedOperation": "unauthorizedOperation",
  "FailedOperation.PermissionDenied": "permissionDenied",
  "InvalidParameterValue.InstanceNotExist": "instanceNotExist",
  "InvalidParameter.InstanceNotExist": "instanceNotExist",
  "InvalidParameter.SipTrunkNotFound": "sipTrunkNotFound",
  "InvalidParameterValue.SipTrunkNotFound": "sipTrunkNotFound",
  "InvalidParameterValue.PhoneNumInvalid": "phoneNumInvalid",
  "InvalidParameter.DuplicatePhoneNumber": "duplicatePhoneNumber",
  "InvalidParameter.IllegalPhoneNumber": "illegalPhoneNumber",
  "InvalidParameter.InvalidPhoneNumber": "invalidPhoneNumber",
  "InvalidParameterValue.DuplicatePhoneNumber": "duplicatePhoneNumber",
  "InvalidParameterValue.IllegalPhoneNumber": "illegalPhoneNumber",
  "InvalidParameterValue.InvalidPhoneNumber": "invalidPhoneNumber",
  "InvalidParameterValue.WaitingApprovalOverflow": "waitingApprovalOverflow",
  "InvalidParameterValue.ApplyIDNotExist": "applyIdNotExist",
  "InvalidParameterValue.AccountNotExist": "accountNotExist",
  "InvalidParameterValue.ErrorApplyStatus": "errorApplyStatus",
  InternalError: "internalError",
  "InternalError.DBError": "dbError",
  MissingParameter: "missingParameter",
  UnknownParameter: "unknownParameter",
  InvalidParameter: "invalidParameter",
  InvalidParameterValue: "invalidParameter",
} as const satisfies Record<TencentCode, MessageId>;

/** Codes stored for failures without a Tencent code (the client's error class names). */
const CLASS_MESSAGE = {
  RateLimited: "rateLimited",
  ClockSkew: "signatureExpire",
  Auth: "authFailed",
  Permission: "unauthorizedOperation",
  InstanceNotFound: "instanceNotExist",
  SipTrunkNotFound: "sipTrunkNotFound",
  InvalidPhoneNumber: "invalidPhoneNumber",
  WaitingApprovalOverflow: "waitingApprovalOverflow",
  ApplyNotFound: "applyIdNotExist",
  ApplyNotEditable: "errorApplyStatus",
  ServerFault: "internalError",
  BadRequest: "invalidParameter",
  NotSent: "notSent",
  OutcomeUnknown: "outcomeUnknown",
  UnexpectedResponse: "unexpectedResponse",
  OtherApi: "unknown",
  Local: "local",
} as const satisfies Record<ErrorClassName, MessageId>;

/** Families matched by prefix (`Family` or `Family.Anything`), most specific first. */
const FAMILY_MESSAGE: readonly (readonly [string, MessageId])[] = [
  ["RequestLimitExceeded", "rateLimited"],
  ["AuthFailure", "authFailed"],
  ["UnauthorizedOperation", "unauthorizedOperation"],
  ["InternalError", "internalError"],
  ["MissingParameter", "missingParameter"],
  ["UnknownParameter", "unknownParameter"],
  ["InvalidParameterValue", "invalidParameter"],
  ["InvalidParameter", "invalidParameter"],
];

const AUTH_MESSAGES: ReadonlySet<MessageId> = new Set<MessageId>([
  "secretIdNotFound",
  "signatureFailure",
  "invalidSecretId",
  "authFailed",
]);

function hasKey<K extends string>(table: Record<K, unknown>, key: string): key is K {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/**
 * Which message a code gets: its own for every known code and stored class name, the family's
 * for `RequestLimitExceeded.*`, `AuthFailure.*`, `InternalError.*`, `InvalidParameter.*`, …,
 * and "unknown" (which shows the code) for anything else.
 */
export function messageIdOf(code: string): MessageId {
  const trimmed = code.trim();
  if (hasKey(CODE_MESSAGE, trimmed)) return CODE_MESSAGE[trimmed];
  if (hasKey(CLASS_MESSAGE, trimmed)) return CLASS_MESSAGE[trimmed];
  for (const [family, id] of FAMILY_MESSAGE) {
    if (trimmed === family || trimmed.startsWith(`${family}.`)) return id;
  }
  return "unknown";
}

const MAX_NUMBERS_SHOWN = 10;

function numbersSentence(t: TFunction, numbers: readonly string[]): string {
  const shown = numbers.slice(0, MAX_NUMBERS_SHOWN).join(", ");
  const more = numbers.length - MAX_NUMBERS_SHOWN;
  return more > 0
    ? t("apiErrors.numbersMore", { numbers: shown, more })
    : t("apiErrors.numbers", { numbers: shown });
}

/** Whole minutes of a clock offset, or null when it is under a minute or not a number. */
export function offsetMinutes(seconds: number | undefined): number | null {
  if (seconds === undefined || !Number.isFinite(seconds)) return null;
  const minutes = Math.round(Math.abs(seconds) / 60);
  return minutes >= 1 ? minutes : null;
}

/**
 * The plain-language message for any Tencent error code (or stored error class name), with
 * the next step and the RequestId for support. `context` sharpens it: the clock offset in
 * minutes for `AuthFailure.SignatureExpire`, the site the key belongs to for a rejected key, the
 * applications kept for `WaitingApprovalOverflow`, the numbers concerned.
 */
export function describeTencent(
  t: TFunction,
  code: string,
  context: TencentContext = {},
): ErrorDescription {
  const id = messageIdOf(code);
  const requestId =
    context.requestId !== undefined && context.requestId !== null && context.requestId !== ""
      ? context.requestId
      : null;
  let title: string = t(`apiErrors.codes.${id}.title`, { code: code.trim() });
  let nextStep: string = t(`apiErrors.codes.${id}.next`);

  if (id === "signatureExpire") {
    const minutes = offsetMinutes(context.clockOffsetSeconds);
    if (minutes !== null && context.clockOffsetSeconds !== undefined) {
      // Positive offset: the server is ahead, so this computer's clock is behind.
      title =
        context.clockOffsetSeconds > 0
          ? t("apiErrors.clock.behind", { count: minutes })
          : t("apiErrors.clock.ahead", { count: minutes });
      nextStep = t("apiErrors.clock.next");
    }
  } else if (AUTH_MESSAGES.has(id) && context.otherSite) {
    const site = t(`apiErrors.sites.${context.otherSite}`);
    title = t("apiErrors.otherSite.title", { site });
    nextStep = t("apiErrors.otherSite.next", { site });
  } else if (
    context.action === "create" &&
    (id === "applyIdNotExist" || id === "errorApplyStatus")
  ) {
    // Documented for ModifyOwnNumberApply only: answered to a new application it proves
    // nothing, so the application's outcome is unknown.
    title = t("apiErrors.modifyCodeOnCreate.title", { code: code.trim() });
    nextStep = t("apiErrors.modifyCodeOnCreate.next");
  } else if (
    id === "waitingApprovalOverflow" &&
    context.remainingBatches !== undefined &&
    context.remainingBatches > 0
  ) {
    title = t("apiErrors.overflowRemaining", { count: context.remainingBatches });
    nextStep = t("apiErrors.pause.waitingApprovalOverflow.next");
  }

  if (context.numbers !== undefined && context.numbers.length > 0) {
    title = `${title} ${numbersSentence(t, context.numbers)}`;
  }
  return { title, nextStep, requestId };
}
