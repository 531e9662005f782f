// Type guards over an IpcError's `details` (the generated `ErrorDetails` union): each shape is
// told apart by a key only it has, so callers read typed fields instead of string-keyed JSON.
import type { ErrorDetails } from "../bindings/ErrorDetails";
import type { FieldDetails } from "../bindings/FieldDetails";
import type { NetworkDetails } from "../bindings/NetworkDetails";
import type { Refusal } from "../bindings/Refusal";
import type { TencentDetails } from "../bindings/TencentDetails";
import type { UpdateDetails } from "../bindings/UpdateDetails";
import type { VersionDetails } from "../bindings/VersionDetails";

type Details = ErrorDetails | null;

/** Tencent Cloud's answer: `apiCode`, its RequestId and what sharpens the message. */
export function isTencentDetails(d: Details): d is TencentDetails {
  return d !== null && "apiCode" in d;
}

/** A network failure: `kind` names it. */
export function isNetworkDetails(d: Details): d is NetworkDetails {
  return d !== null && "kind" in d;
}

/** The argument or setting at fault (`field`), and what is wrong with it. */
export function isFieldDetails(d: Details): d is FieldDetails {
  return d !== null && "field" in d;
}

/** The database's schema version and the newest this app reads. */
export function isVersionDetails(d: Details): d is VersionDetails {
  return d !== null && "found" in d && "supported" in d;
}

/**
 * A refusal or an update failure: both say `reason` (their values never overlap); callers tell
 * them apart by the value.
 */
export function hasReason(d: Details): d is Refusal | UpdateDetails {
  return d !== null && "reason" in d;
}

/** The RequestId a Tencent answer or a network failure carries (null when none or empty). */
export function requestIdOf(d: Details): string | null {
  const id = isTencentDetails(d) || isNetworkDetails(d) ? d.requestId : undefined;
  return id === undefined || id === "" ? null : id;
}
