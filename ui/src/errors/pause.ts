import type { TFunction } from "i18next";
import type { PauseKind } from "../bindings/PauseKind";
import type { PauseReason } from "../bindings/PauseReason";
import { describeNetwork } from "./network";
import { describeTencent, messageIdOf, type ErrorDescription } from "./tencent";

const PAUSE_KEY = {
  waiting_approval_overflow: "waitingApprovalOverflow",
  network: "network",
  credentials: "credentials",
  permission: "permission",
  clock: "clock",
  rate_limited: "rateLimited",
  local: "local",
  storage: "storage",
} as const satisfies Record<PauseKind, string>;

/**
 * Why the outbox stopped by itself, and what to do, in the user's language. Every sentence says
 * the remaining applications are kept and go on Resume ("Tencent has too many of your applications
 * waiting for review — the remaining 12 applications are kept and will go when you press Resume").
 * When the reason carries a Tencent code with its own message (e.g. which key problem), that
 * message is the title.
 */
export function describePause(
  t: TFunction,
  reason: PauseReason,
  remainingBatches: number,
): ErrorDescription {
  const key = PAUSE_KEY[reason.kind];
  const remaining = Math.max(0, Math.floor(remainingBatches));
  let title: string = t(`apiErrors.pause.${key}.title`);
  const nextStep: string = t(`apiErrors.pause.${key}.next`);
  const code = reason.code;
  if (reason.kind === "waiting_approval_overflow") {
    if (remaining > 0) title = t("apiErrors.overflowRemaining", { count: remaining });
    return { title, nextStep, requestId: null };
  }
  let next = nextStep;
  const worded = reason.kind === "network" ? (reason.networkKind ?? null) : null;
  if (worded !== null) {
    // Say which network problem (certificate, proxy, DNS, …), and what fixes that one.
    const network = describeNetwork(t, worded);
    title = t("apiErrors.pause.network.stopped", { problem: network.title });
    next = `${network.nextStep} ${t("apiErrors.pressResume")}`;
  } else if (reason.kind === "clock" && reason.clockOffsetSecs !== undefined) {
    // "Your computer's clock is 7 minutes behind — sync it", from the offset the client measured.
    const clock = describeTencent(t, code ?? "AuthFailure.SignatureExpire", {
      clockOffsetSeconds: reason.clockOffsetSecs,
    });
    title = clock.title;
    next = `${clock.nextStep} ${t("apiErrors.pressResume")}`;
  } else if (code !== null && code !== "" && messageIdOf(code) !== "unknown") {
    title = describeTencent(t, code).title;
  }
  if (remaining > 0) title = `${title} ${t("apiErrors.remaining", { count: remaining })}`;
  return { title, nextStep: next, requestId: null };
}
