import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { AppInfoState } from "../hooks/useAppInfo";
import { endpointName } from "../endpoint";
import { CloudIcon, WarningIcon } from "./icons";

/**
 * Where requests go. The Sandbox gets an unmistakable amber badge; a real Tencent site shows
 * its translated name (the URL is in the tooltip and in Settings → About).
 */
export function EndpointBadge({ state }: { state: AppInfoState }): ReactElement {
  const { t } = useTranslation();

  if (state.status === "loading") {
    return (
      <span className="badge badge--muted" data-testid="endpoint-badge" data-state="loading">
        {t("header.endpointLoading")}
      </span>
    );
  }

  if (state.status === "error") {
    return (
      <span
        className="badge badge--muted"
        data-testid="endpoint-badge"
        data-state="error"
        title={state.error.message}
      >
        {t("header.endpointUnavailable")}
      </span>
    );
  }

  const { endpoint } = state.info;
  const sandbox = endpoint.kind === "sandbox";
  return (
    <span
      className={sandbox ? "badge badge--sandbox" : "badge badge--live"}
      data-testid="endpoint-badge"
      data-state="ready"
      data-endpoint-kind={endpoint.kind}
      title={endpoint.url}
    >
      {sandbox ? <WarningIcon size={16} /> : <CloudIcon size={16} />}
      <span className="visually-hidden">{t("header.endpointPrefix")} </span>
      <span>{endpointName(t, endpoint)}</span>
    </span>
  );
}
