import type { KeyboardEvent, ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { FieldLabel } from "../../../components/FieldLabel";
import { CALLEE_FORMATS } from "../CallFields";
import type { Edit, EditKey } from "./useRowEditor";

/**
 * The fields of the row being edited that have no column of their own: the callee format and
 * the carrier number, edited with the row (Enter saves here too).
 */
export function EditMore({
  edit,
  line,
  onChange,
  onEditKeys,
}: {
  edit: Edit;
  /** The row's line in the file ("" while not known). */
  line: number | string;
  onChange: (key: EditKey, value: string) => void;
  onEditKeys: (e: KeyboardEvent<HTMLElement>) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <fieldset className="wizard__fieldset" data-testid="edit-more">
      <legend>{t("importWizard.grid.moreFields", { line })}</legend>
      <div className="review__more">
        <div className="field call-field">
          <FieldLabel
            idea="calleeFormat"
            htmlFor={`edit-callee-${String(edit.index)}`}
            hintId={`edit-callee-${String(edit.index)}-hint`}
          />
          <select
            id={`edit-callee-${String(edit.index)}`}
            aria-describedby={`edit-callee-${String(edit.index)}-hint`}
            value={edit.calleeFormat}
            data-testid="edit-callee-format"
            onKeyDown={onEditKeys}
            onChange={(e) => {
              onChange("calleeFormat", e.target.value);
            }}
          >
            <option value="">{t("importWizard.none")}</option>
            {CALLEE_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
            {edit.calleeFormat !== "" &&
              !(CALLEE_FORMATS as readonly string[]).includes(edit.calleeFormat) && (
                <option value={edit.calleeFormat}>{edit.calleeFormat}</option>
              )}
          </select>
        </div>
        <div className="field call-field">
          <FieldLabel
            idea="carrierNumber"
            htmlFor={`edit-carrier-${String(edit.index)}`}
            hintId={`edit-carrier-${String(edit.index)}-hint`}
          />
          <input
            id={`edit-carrier-${String(edit.index)}`}
            aria-describedby={`edit-carrier-${String(edit.index)}-hint`}
            inputMode="tel"
            value={edit.carrier}
            data-testid="edit-carrier"
            onKeyDown={onEditKeys}
            onChange={(e) => {
              onChange("carrier", e.target.value);
            }}
          />
        </div>
      </div>
    </fieldset>
  );
}
