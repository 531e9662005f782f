import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionKind } from "../../bindings/ConnectionKind";
import type { IpcError } from "../../bindings/IpcError";
import type { SettingsView } from "../../bindings/SettingsView";
import { ErrorNotice } from "../../components/ErrorNotice";
import { SandboxApprovalControl } from "../submit/SandboxApprovalControl";
import { SandboxFaultsControl } from "../submit/SandboxFaultsControl";
import { WatchSettingsControl } from "./WatchSettingsControl";
import { RadioChoices } from "../../components/RadioChoices";

/**
 * Where requests go: the built-in Sandbox or Tencent Cloud, switched explicitly; the approval
 * watch; and, on the Sandbox, how it answers.
 */
export function ConnectionPanel({
  view,
  switchError,
  onSwitch,
}: {
  view: SettingsView;
  switchError: IpcError | null;
  onSwitch: (kind: ConnectionKind) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section
      className="panel"
      aria-labelledby="settings-connection-title"
      data-testid="settings-connection"
    >
      <div className="panel__header">
        <h2 id="settings-connection-title">{t("settingsScreen.connection.title")}</h2>
      </div>
      <fieldset className="choice-row" aria-describedby="settings-connection-hint">
        <legend className="visually-hidden">{t("settingsScreen.connection.title")}</legend>
        <RadioChoices
          name="connection"
          choices={["sandbox", "tencent"] as const}
          value={view.active}
          label={(c) =>
            c === "sandbox"
              ? t("settingsScreen.connection.sandbox")
              : t("settingsScreen.connection.tencent")
          }
          testId={(c) => `connection-${c}`}
          onChoose={onSwitch}
        />
      </fieldset>
      <p className="panel__text" id="settings-connection-hint" data-testid="connection-hint">
        {view.active === "sandbox"
          ? t("settingsScreen.connection.sandboxHint")
          : t("settingsScreen.connection.tencentHint")}
      </p>
      {switchError && <ErrorNotice error={switchError} testId="connection-switch-error" />}
      <WatchSettingsControl />
      {view.active === "sandbox" && <SandboxApprovalControl />}
      {view.active === "sandbox" && <SandboxFaultsControl />}
    </section>
  );
}
