import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ReviewGrid } from "./ReviewGrid";
import { HeaderStep } from "./wizard/HeaderStep";
import { MappingStep } from "./wizard/MappingStep";
import { SourceStep } from "./wizard/SourceStep";
import { useImportWizard } from "./wizard/useImportWizard";
import { STEPS } from "./wizard/wizardState";
import "./wizard.css";

export { ENCODINGS } from "./wizard/HeaderStep";
export { FIELDS } from "./wizard/wizardState";

/** The import wizard: source → sheet & header row → column mapping → review. */
export function ImportWizard({
  onStartedChange,
}: {
  /** True while a file or pasted list is open (past the first step). */
  onStartedChange?: (started: boolean) => void;
} = {}): ReactElement {
  const { t } = useTranslation();
  const wizard = useImportWizard(onStartedChange);
  const { state, dispatch, change, stepPanel } = wizard;
  const { step, form, preview, review, busy, error } = state;
  const stepIndex = STEPS.indexOf(step);

  return (
    <div className="wizard" data-testid="import-wizard">
      <ol className="wizard__steps" aria-label={t("importWizard.stepsLabel")}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            aria-current={s === step ? "step" : undefined}
            className={i < stepIndex ? "done" : undefined}
          >
            {t(`importWizard.steps.${s}`)}
          </li>
        ))}
      </ol>

      {step === "source" && (
        <SourceStep
          panel={stepPanel}
          path={form.path}
          pasted={form.pasted}
          busy={busy !== null}
          onChange={change}
          onChooseFile={wizard.chooseFile}
          onOpenPath={wizard.openPath}
          onOpenPasted={wizard.openPasted}
        />
      )}

      {step === "header" && preview !== null && (
        <HeaderStep
          panel={stepPanel}
          preview={preview}
          headerRow={form.headerRow}
          busy={busy !== null}
          onReread={wizard.reread}
          onHeaderRow={(line) => {
            change({ field: "headerRow", value: line });
          }}
          onBack={() => {
            dispatch({ type: "step", step: "source" });
          }}
          onNext={wizard.toMapping}
        />
      )}

      {step === "mapping" && (
        <MappingStep
          panel={stepPanel}
          form={form}
          columns={state.columns}
          busy={busy !== null}
          onChange={change}
          onBack={() => {
            dispatch({ type: "step", step: "header" });
          }}
          onProcess={wizard.processRows}
        />
      )}

      {step === "review" && review !== null && (
        <>
          <ReviewGrid initial={review} />
          <div>
            <button
              type="button"
              className="button button--secondary"
              data-testid="import-another"
              onClick={() => {
                dispatch({ type: "another" });
              }}
            >
              {t("importWizard.importAnother")}
            </button>
          </div>
        </>
      )}

      {busy !== null && (
        <p role="status" className="muted" data-testid="wizard-busy">
          {busy}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} testId="wizard-error" />}
    </div>
  );
}
