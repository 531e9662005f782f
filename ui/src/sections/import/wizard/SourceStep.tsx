import { useId, type ReactElement, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { TemplateDownload } from "../TemplateDownload";
import type { FormChange } from "./wizardState";
import { StepPanel } from "./StepPanel";

/** Step 1: a file (chosen, typed or dropped) or a pasted list; and the template to fill in. */
export function SourceStep({
  panel,
  path,
  pasted,
  busy,
  onChange,
  onChooseFile,
  onOpenPath,
  onOpenPasted,
}: {
  panel: RefObject<HTMLDivElement | null>;
  path: string;
  pasted: string;
  busy: boolean;
  onChange: (change: FormChange) => void;
  onChooseFile: () => void;
  onOpenPath: (path: string) => void;
  onOpenPasted: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const ids = useId();
  return (
    <StepPanel panel={panel} step="source">
      <p>{t("importWizard.dropHint")}</p>
      <div className="wizard__row">
        <button
          type="button"
          className="button"
          disabled={busy}
          data-testid="import-choose-file"
          onClick={onChooseFile}
        >
          {t("files.chooseFile")}
        </button>
      </div>
      <form
        className="wizard__row"
        onSubmit={(e) => {
          e.preventDefault();
          onOpenPath(path.trim());
        }}
      >
        <label htmlFor={`${ids}-path`}>{t("importWizard.pathLabel")}</label>
        <input
          id={`${ids}-path`}
          className="path-input"
          value={path}
          data-testid="import-path-input"
          onChange={(e) => {
            onChange({ field: "path", value: e.target.value });
          }}
        />
        <button
          type="submit"
          className="button button--secondary"
          disabled={path.trim() === "" || busy}
          data-testid="import-open-path"
        >
          {t("importWizard.open")}
        </button>
      </form>
      <label htmlFor={`${ids}-paste`}>{t("importWizard.pasteLabel")}</label>
      <textarea
        id={`${ids}-paste`}
        rows={5}
        value={pasted}
        data-testid="import-paste-input"
        onChange={(e) => {
          onChange({ field: "pasted", value: e.target.value });
        }}
      />
      <div>
        <button
          type="button"
          className="button button--secondary"
          disabled={pasted.trim() === "" || busy}
          data-testid="import-open-text"
          onClick={onOpenPasted}
        >
          {t("importWizard.usePasted")}
        </button>
      </div>
      <TemplateDownload testId="import-template" />
    </StepPanel>
  );
}
