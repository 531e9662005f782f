import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";

/** CallType, MaxCallCount and MaxCallPSec as typed: "" means "not set". */
export type CallFieldValues = { callType: string; maxCount: string; maxPsec: string };

/**
 * The three per-number fields as labelled controls: the wizard's defaults for rows that leave them
 * empty, and the grid's bulk set for selected rows. `emptyLabel` names what "" means there;
 * test ids are `<testIdPrefix>-call-type`, `-max-count` and `-max-psec`.
 */
export function CallFields({
  value,
  onChange,
  emptyLabel,
  testIdPrefix,
}: {
  value: CallFieldValues;
  onChange: (next: CallFieldValues) => void;
  emptyLabel: string;
  testIdPrefix: string;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t("importWizard.fields.CallType")}{" "}
        <select
          value={value.callType}
          data-testid={`${testIdPrefix}-call-type`}
          onChange={(e) => {
            onChange({ ...value, callType: e.target.value });
          }}
        >
          <option value="">{emptyLabel}</option>
          <option value="0">{t("importWizard.callTypes.0")}</option>
          <option value="1">{t("importWizard.callTypes.1")}</option>
          <option value="2">{t("importWizard.callTypes.2")}</option>
        </select>
      </label>
      <label>
        {t("importWizard.fields.MaxCallCount")}{" "}
        <input
          size={5}
          inputMode="numeric"
          value={value.maxCount}
          data-testid={`${testIdPrefix}-max-count`}
          onChange={(e) => {
            onChange({ ...value, maxCount: e.target.value });
          }}
        />
      </label>
      <label>
        {t("importWizard.fields.MaxCallPSec")}{" "}
        <input
          size={5}
          inputMode="numeric"
          value={value.maxPsec}
          data-testid={`${testIdPrefix}-max-psec`}
          onChange={(e) => {
            onChange({ ...value, maxPsec: e.target.value });
          }}
        />
      </label>
    </>
  );
}
