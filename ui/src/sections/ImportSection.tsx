import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { SectionHeader } from "../components/SectionHeader";
import { ImportWizard } from "./import/ImportWizard";

export function ImportSection(): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="section section--wide" aria-labelledby="section-heading-import">
      <SectionHeader id="import" title={t("import.title")} intro={t("import.intro")} />
      <ImportWizard />
    </section>
  );
}
