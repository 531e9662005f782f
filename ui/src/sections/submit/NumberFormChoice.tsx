// The one form a draft's numbers are sent in, shown and changeable before sending: Tencent
// publishes no rule, so the choice is visible, never silent. The draft keeps it.
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { NumberForm } from "../../bindings/NumberForm";
import type { SubmitPreview } from "../../bindings/SubmitPreview";

const FORMS: NumberForm[] = ["national", "international"];

export function NumberFormChoice({
  preview,
  busy,
  onChange,
}: {
  preview: SubmitPreview;
  busy: boolean;
  onChange: (form: NumberForm) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <fieldset className="submit-number-form" data-testid="submit-number-form">
      <legend>{t("submit.numberForm.title")}</legend>
      {FORMS.map((f) => (
        <label key={f} className="submit-check">
          <input
            type="radio"
            name="submit-number-form"
            value={f}
            checked={preview.numberForm === f}
            disabled={busy}
            data-testid={`submit-number-form-${f}`}
            onChange={() => {
              onChange(f);
            }}
          />
          {t(`submit.numberForm.${f}`)}
        </label>
      ))}
      {preview.exampleNumber !== null && (
        <p className="mono" data-testid="submit-number-example">
          {t("submit.numberForm.example", { number: preview.exampleNumber })}
        </p>
      )}
      <p className="muted">{t("submit.numberForm.hint")}</p>
    </fieldset>
  );
}
