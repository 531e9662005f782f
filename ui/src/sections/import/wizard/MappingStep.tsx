import { useId, type ReactElement, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { ColumnInfo } from "../../../bindings/ColumnInfo";
import { FIELD_IDEA, FieldLabel } from "../../../components/FieldLabel";
import { CallFields } from "../CallFields";
import { FIELDS, mapField, type FormChange, type WizardForm } from "./wizardState";
import { StepPanel } from "./StepPanel";

/**
 * Step 3: which column holds each field (with samples), the values for rows that leave a field
 * empty, the country numbers are checked for, and the new draft's name.
 */
export function MappingStep({
  panel,
  form,
  columns,
  busy,
  onChange,
  onBack,
  onProcess,
}: {
  panel: RefObject<HTMLDivElement | null>;
  form: WizardForm;
  columns: ColumnInfo[];
  busy: boolean;
  onChange: (change: FormChange) => void;
  onBack: () => void;
  onProcess: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const ids = useId();
  const { mapping } = form;
  return (
    <StepPanel panel={panel} step="mapping">
      <table className="mapping-table">
        <thead>
          <tr>
            <th scope="col">{t("importWizard.field")}</th>
            <th scope="col">{t("importWizard.column")}</th>
            <th scope="col">{t("importWizard.samples")}</th>
          </tr>
        </thead>
        <tbody>
          {FIELDS.map((field) => {
            const col = mapping[field];
            const info = col === undefined ? undefined : columns[col];
            return (
              <tr key={field}>
                <th scope="row">
                  <FieldLabel
                    idea={FIELD_IDEA[field]}
                    htmlFor={`${ids}-map-${field}`}
                    hintId={`${ids}-map-${field}-hint`}
                  />
                </th>
                <td>
                  <select
                    id={`${ids}-map-${field}`}
                    aria-describedby={`${ids}-map-${field}-hint`}
                    value={col === undefined ? "" : String(col)}
                    data-testid={`map-${field}`}
                    onChange={(e) => {
                      onChange({
                        field: "mapping",
                        value: mapField(mapping, field, e.target.value),
                      });
                    }}
                  >
                    <option value="">{t("importWizard.notInFile")}</option>
                    {columns.map((c) => (
                      <option key={c.index} value={String(c.index)}>
                        {c.header === "" ? c.letter : `${c.letter} — ${c.header}`}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="mono muted" data-testid={`samples-${field}`}>
                  {info?.samples.join(", ") ?? ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <fieldset className="wizard__fieldset">
        <legend>{t("importWizard.defaultsLegend")}</legend>
        <div className="wizard__defaults">
          <CallFields
            value={form.defaults}
            onChange={(value) => {
              onChange({ field: "defaults", value });
            }}
            emptyLabel={t("importWizard.none")}
            testIdPrefix="default"
          />
          <div className="field call-field">
            <FieldLabel idea="country" htmlFor={`${ids}-country`} hintId={`${ids}-country-hint`} />
            <input
              id={`${ids}-country`}
              aria-describedby={`${ids}-country-hint`}
              size={4}
              value={form.country}
              data-testid="country-input"
              onChange={(e) => {
                onChange({ field: "country", value: e.target.value });
              }}
            />
          </div>
        </div>
        <div className="wizard__row">
          <label>
            {t("importWizard.draftName")}{" "}
            <input
              value={form.name}
              data-testid="draft-name-input"
              onChange={(e) => {
                onChange({ field: "name", value: e.target.value });
              }}
            />
          </label>
        </div>
      </fieldset>
      <div className="wizard__row">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t("importWizard.back")}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || mapping.PhoneNumber === undefined}
          data-testid="mapping-process"
          onClick={onProcess}
        >
          {t("importWizard.process")}
        </button>
      </div>
    </StepPanel>
  );
}
