import { useId, type ReactElement, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FieldLabel, type FieldIdea } from "../../components/FieldLabel";

/**
 * The per-number fields as typed: "" means "not set" (the wizard) or "keep" (the grid's bulk set).
 * `calleeFormat` is "", "{+E.164}", "{E.164}" or CLEAR (bulk only: remove it from the rows).
 */
export type CallFieldValues = {
  callType: string;
  maxCount: string;
  maxPsec: string;
  calleeFormat: string;
  carrier: string;
};

export const EMPTY_CALL_FIELDS: CallFieldValues = {
  callType: "",
  maxCount: "",
  maxPsec: "",
  calleeFormat: "",
  carrier: "",
};

/** The two values Tencent accepts for OutboundCalleeFormat, as sent. */
export const CALLEE_FORMATS = ["{+E.164}", "{E.164}"] as const;

/** The bulk set's choice that removes the callee format from the selected rows. */
export const CLEAR = "clear";

/** The callee format as the row edit and the bulk set send it ("" clears). */
export function calleeFormatToSend(value: string): string {
  return value === CLEAR ? "" : value;
}

/**
 * The per-number fields as labelled controls: the wizard's defaults for rows that leave them
 * empty, and the grid's bulk set for selected rows. `emptyLabel` names what "" means there;
 * `clearLabel` (bulk) adds a choice that removes the callee format. `compact` (the grid's
 * toolbar) shows each name with its API name and keeps the hint as a tooltip. Test ids are
 * `<testIdPrefix>-call-type`, `-max-count`, `-max-psec`, `-callee-format` and `-carrier`.
 */
export function CallFields({
  value,
  onChange,
  emptyLabel,
  clearLabel,
  testIdPrefix,
  compact = false,
}: {
  value: CallFieldValues;
  onChange: (next: CallFieldValues) => void;
  emptyLabel: string;
  clearLabel?: string;
  testIdPrefix: string;
  compact?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const id = useId();

  function field(idea: FieldIdea, control: (props: ControlProps) => ReactNode): ReactElement {
    const controlId = `${id}-${idea}`;
    const hintId = `${id}-${idea}-hint`;
    if (compact) {
      return (
        <label key={idea} className="call-field call-field--compact">
          <FieldLabel idea={idea} compact />
          {control({})}
        </label>
      );
    }
    return (
      <div key={idea} className="field call-field">
        <FieldLabel idea={idea} htmlFor={controlId} hintId={hintId} />
        {control({ id: controlId, "aria-describedby": hintId })}
      </div>
    );
  }

  return (
    <>
      {field("callType", (props) => (
        <select
          {...props}
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
      ))}
      {field("maxCallCount", (props) => (
        <input
          {...props}
          size={5}
          inputMode="numeric"
          value={value.maxCount}
          data-testid={`${testIdPrefix}-max-count`}
          onChange={(e) => {
            onChange({ ...value, maxCount: e.target.value });
          }}
        />
      ))}
      {field("maxCallPSec", (props) => (
        <input
          {...props}
          size={5}
          inputMode="numeric"
          value={value.maxPsec}
          data-testid={`${testIdPrefix}-max-psec`}
          onChange={(e) => {
            onChange({ ...value, maxPsec: e.target.value });
          }}
        />
      ))}
      {field("calleeFormat", (props) => (
        <select
          {...props}
          value={value.calleeFormat}
          data-testid={`${testIdPrefix}-callee-format`}
          onChange={(e) => {
            onChange({ ...value, calleeFormat: e.target.value });
          }}
        >
          <option value="">{emptyLabel}</option>
          {CALLEE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
          {clearLabel !== undefined && <option value={CLEAR}>{clearLabel}</option>}
        </select>
      ))}
      {field("carrierNumber", (props) => (
        <input
          {...props}
          size={14}
          inputMode="tel"
          value={value.carrier}
          data-testid={`${testIdPrefix}-carrier`}
          onChange={(e) => {
            onChange({ ...value, carrier: e.target.value });
          }}
        />
      ))}
    </>
  );
}

type ControlProps = { id?: string; "aria-describedby"?: string };
