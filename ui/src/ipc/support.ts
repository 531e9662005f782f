// Support: the support bundle command.
import { call } from ".";
import type { SupportBundleSaved } from "../bindings/SupportBundleSaved";

/**
 * `support_bundle_save`: writes logs, database statistics, versions and settings (never the
 * SecretKey or token) to the zip at `path`; phone numbers only when `includeNumbers`.
 */
export function supportBundleSave(
  path: string,
  includeNumbers: boolean,
): Promise<SupportBundleSaved> {
  return call<SupportBundleSaved>("support_bundle_save", { path, includeNumbers });
}
