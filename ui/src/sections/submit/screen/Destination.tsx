import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { ActiveEndpoint } from "../../../bindings/ActiveEndpoint";

/** "Tencent Cloud (International site)", "the built-in Sandbox", … */
export function destinationName(t: TFunction, endpoint: ActiveEndpoint): string {
  switch (endpoint.kind) {
    case "sandbox":
      return t("submit.destination.sandbox");
    case "international":
      return t("submit.destination.international");
    case "china":
      return t("submit.destination.china");
    case "custom":
      return t("submit.destination.custom", { url: endpoint.url });
  }
}

/** Where the numbers will go, and whether that is only the Sandbox. */
export function Destination({ endpoint }: { endpoint: ActiveEndpoint }): ReactElement {
  const { t } = useTranslation();
  const sandbox = endpoint.kind === "sandbox";
  return (
    <div
      className={`submit-destination submit-destination--${sandbox ? "sandbox" : "live"}`}
      data-testid="submit-destination"
      data-kind={endpoint.kind}
    >
      <span className="submit-destination__badge">
        {sandbox ? t("submit.destination.sandboxBadge") : t("submit.destination.liveBadge")}
      </span>
      <div>
        <p>
          <span className="muted">{t("submit.destination.label")}</span>{" "}
          <strong data-testid="submit-destination-name">{destinationName(t, endpoint)}</strong>
        </p>
        <p className="muted">
          {sandbox ? t("submit.destination.sandboxNote") : t("submit.destination.liveNote")}
        </p>
      </div>
    </div>
  );
}
