import type { TFunction } from "i18next";
import type { ActiveEndpoint } from "./bindings/ActiveEndpoint";

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * The endpoint's name in the UI language, chosen by `kind` (Rust's `label` is English, for
 * logs). A custom endpoint is named by its host so the admin can tell which one it is.
 */
export function endpointName(t: TFunction, endpoint: ActiveEndpoint): string {
  switch (endpoint.kind) {
    case "sandbox":
      return t("endpoint.sandbox");
    case "international":
      return t("endpoint.international");
    case "china":
      return t("endpoint.china");
    case "custom":
      return t("endpoint.custom", { host: hostOf(endpoint.url) });
  }
}
