import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionKind } from "../../../bindings/ConnectionKind";

/** Sandbox or Tencent: whose applications the list shows. */
export function ScopeSwitch({
  scope,
  onScope,
}: {
  scope: ConnectionKind;
  onScope: (scope: ConnectionKind) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="apps-scope" role="group" aria-label={t("applicationsList.scope.label")}>
      {(["sandbox", "tencent"] as const).map((s) => (
        <button
          key={s}
          type="button"
          className="chip"
          aria-pressed={scope === s}
          data-testid={`applications-scope-${s}`}
          onClick={() => {
            onScope(s);
          }}
        >
          {t(`applicationsList.scope.${s}`)}
        </button>
      ))}
    </div>
  );
}
