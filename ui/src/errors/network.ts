import type { TFunction } from "i18next";
import { NETWORK_KIND_TEXT } from "../bindings/TencentCode";
import type { ErrorDescription } from "./tencent";

/**
 * `details.kind` of network-side failures, as `client_error` (crates/commands/src/settings.rs)
 * sets it: why nothing was sent (Dns … Other), why the outcome is unknown (Timeout,
 * ConnectionDropped, ResponseTooLarge), or a non-Tencent answer (HttpStatus, BadResponse).
 */
export const NETWORK_KINDS = [
  "Dns",
  "ConnectionRefused",
  "Certificate",
  "Tls",
  "Proxy",
  "ConnectTimeout",
  "Other",
  "Timeout",
  "ConnectionDropped",
  "ResponseTooLarge",
  "HttpStatus",
  "BadResponse",
] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

type WordedKind = keyof typeof NETWORK_KIND_TEXT;
// The catch-all "Other" last, so a specific wording always wins.
const WORDED_KINDS = (Object.keys(NETWORK_KIND_TEXT) as WordedKind[]).sort(
  (a, b) => Number(a === "Other") - Number(b === "Other"),
);

/**
 * The network failure a stored English message names, in the client's own wording
 * (`NETWORK_KIND_TEXT`, generated from Rust), or null. Batches and pauses keep only the code
 * ("NotSent", "OutcomeUnknown") and that message, yet a certificate problem must still read as
 * one.
 */
export function networkKindInMessage(message: string): NetworkKind | null {
  return WORDED_KINDS.find((kind) => message.includes(NETWORK_KIND_TEXT[kind])) ?? null;
}

/** A network failure's sentence and next step (`details.kind` or a kind found in a message). */
export function describeNetwork(
  t: TFunction,
  kind: NetworkKind,
  requestId: string | null = null,
  status: number | null = null,
): ErrorDescription {
  return {
    title: t(`apiErrors.network.${kind}.title`, { status: status ?? "" }),
    nextStep: t(`apiErrors.network.${kind}.next`),
    requestId,
  };
}
