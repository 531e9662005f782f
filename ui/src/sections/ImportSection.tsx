import { useEffect, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { SectionHeader } from "../components/SectionHeader";
import { ImportWizard } from "./import/ImportWizard";

/** Marked once, when the first screen is on display: `make startup-figures` reads it. */
export const IMPORT_SHOWN_MARK = "numdesk:import-shown";

export function ImportSection(): ReactElement {
  const { t } = useTranslation();
  useEffect(() => {
    if (performance.getEntriesByName(IMPORT_SHOWN_MARK).length === 0) {
      performance.mark(IMPORT_SHOWN_MARK);
    }
  }, []);
  return (
    <section className="section section--wide" aria-labelledby="section-heading-import">
      <SectionHeader id="import" title={t("import.title")} intro={t("import.intro")} />
      <ImportWizard />
    </section>
  );
}
