import type { TFunction } from "i18next";
import type { NetworkKind } from "../bindings/NetworkKind";
import { NETWORK_KINDS } from "../bindings/TencentCode";
import type { ErrorDescription } from "./tencent";

/**
 * Which network failure (generated from Rust's `NetworkKind`): `details.kind` of a network error,
 * `errorKind` of an application, `networkKind` of a pause. Why nothing was sent (Dns … Other),
 * why the outcome is unknown (Timeout, ConnectionDropped, ResponseTooLarge), or a non-Tencent
 * answer (HttpStatus, BadResponse).
 */
export type { NetworkKind };
export { NETWORK_KINDS };

/** A network failure's sentence and next step. */
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
