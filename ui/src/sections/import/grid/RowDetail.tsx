import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { GridRow } from "../../../bindings/GridRow";
import { useFieldText } from "../../../components/FieldLabel";

/** One row's findings in full, with the values that have no column of their own. */
export function RowDetail({ detail }: { detail: GridRow }): ReactElement {
  const { t } = useTranslation();
  const fieldText = useFieldText();
  return (
    <div className="review__detail" data-testid="row-detail">
      <strong>{t("files.rowFindings", { line: detail.row.line })}</strong>
      <dl className="review__values" data-testid="row-values">
        <div>
          <dt>{fieldText("calleeFormat")}</dt>
          <dd className="mono" data-testid="row-callee-format">
            {detail.row.outboundCalleeFormat ?? t("importWizard.none")}
          </dd>
        </div>
        <div>
          <dt>{fieldText("carrierNumber")}</dt>
          <dd className="mono" data-testid="row-carrier">
            {detail.row.carrierPhoneNumber ?? t("importWizard.none")}
          </dd>
        </div>
      </dl>
      {detail.row.issues.length === 0 ? (
        <p className="muted">{t("importWizard.grid.ok")}</p>
      ) : (
        <ul>
          {detail.row.issues.map((f, i) => (
            <li key={i} className={`finding finding--${f.severity}`}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
