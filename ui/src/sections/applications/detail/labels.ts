import type { TFunction } from "i18next";

type T = TFunction;

/** An attempt's result: OK, Tencent's code as is (for support), or what a client class means. */
export function attemptResult(code: string | null, errorClass: string | null, t: T): string {
  if (code !== null) return code;
  switch (errorClass) {
    case null:
      return t("applicationsList.detail.ok");
    case "OutcomeUnknown":
      return t("applicationsList.detail.classes.outcomeUnknown");
    case "NotSent":
      return t("applicationsList.detail.classes.notSent");
    default:
      return errorClass;
  }
}

/** What the client did after an attempt. */
export function nextStepLabel(step: string, t: T): string {
  switch (step) {
    case "done":
      return t("applicationsList.detail.steps.done");
    case "retry_after_backoff":
      return t("applicationsList.detail.steps.retry");
    case "retry_with_clock_correction":
      return t("applicationsList.detail.steps.clock");
    default:
      return step;
  }
}

export function callTypeLabel(code: number, t: T): string {
  switch (code) {
    case 0:
      return t("applicationsList.callTypes.0");
    case 1:
      return t("applicationsList.callTypes.1");
    case 2:
      return t("applicationsList.callTypes.2");
    default:
      return String(code);
  }
}
