import type { ReactElement, ReactNode, RefObject } from "react";
import { useTranslation } from "react-i18next";

/**
 * One step of the import wizard: a labelled group the wizard moves the focus to (`panel`) when
 * the step opens.
 */
export function StepPanel({
  panel,
  step,
  children,
}: {
  panel: RefObject<HTMLDivElement | null>;
  step: "source" | "header" | "mapping";
  children: ReactNode;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div
      ref={panel}
      className="panel"
      tabIndex={-1}
      role="group"
      aria-label={t(`importWizard.steps.${step}`)}
      data-testid={`step-${step}`}
    >
      {children}
    </div>
  );
}
