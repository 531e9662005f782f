// A draft whose numbers are written in more than one way (020…, +86…, 0086…) says so, and
// offers to write them all the same way: Tencent receives each number in one form, and the
// choice is kept with the draft (the submit screen shows it too).
import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { NumberForm } from "../../bindings/NumberForm";
import type { OpenDraftSummary } from "../../bindings/OpenDraftSummary";
import { draftWriteNumbers } from "../../ipc/wizard";

const FORMS: NumberForm[] = ["national", "international"];

export function NumberFormsNotice({
  summary,
  onWritten,
  onError,
}: {
  summary: OpenDraftSummary;
  onWritten: (next: OpenDraftSummary, message: string) => void;
  onError: (e: unknown) => void;
}): ReactElement | null {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<NumberForm>(summary.numberForm ?? "national");
  const [busy, setBusy] = useState(false);
  if (summary.numberForms.length < 2) return null;
  const list = summary.numberForms
    .map((f) => t(`importWizard.grid.numberForms.forms.${f.form}`, { count: f.rows }))
    .join(i18n.language.startsWith("zh") ? "；" : "; ");

  function write(): void {
    setBusy(true);
    draftWriteNumbers(form)
      .then((next) => {
        onWritten(next, t("importWizard.grid.numberForms.done"));
      })
      .catch(onError)
      .finally(() => {
        setBusy(false);
      });
  }

  return (
    <section
      className="notice notice--warning number-forms"
      data-testid="number-forms"
      role="status"
    >
      <p data-testid="number-forms-text">{t("importWizard.grid.numberForms.mixed", { list })}</p>
      <div className="number-forms__choice">
        <label>
          {t("importWizard.grid.numberForms.writeAs")}{" "}
          <select
            value={form}
            data-testid="number-forms-form"
            onChange={(e) => {
              setForm(e.target.value as NumberForm);
            }}
          >
            {FORMS.map((f) => (
              <option key={f} value={f}>
                {t(`importWizard.grid.numberForms.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          data-testid="number-forms-write"
          disabled={busy}
          onClick={write}
        >
          {t("importWizard.grid.numberForms.button")}
        </button>
      </div>
    </section>
  );
}
