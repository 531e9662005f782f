import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { NumberForm } from "../../../bindings/NumberForm";
import type { SubmitPreview } from "../../../bindings/SubmitPreview";
import { FieldLabel } from "../../../components/FieldLabel";
import { describeError } from "../../../errors";
import { NumberFormChoice } from "../NumberFormChoice";
import { RequestPreviewBox } from "../RequestPreviewBox";
import { BlockedRows } from "./BlockedRows";
import { DuplicatesPanel } from "./DuplicatesPanel";
import { SettingsForm } from "./SettingsForm";
import type { SettingsFields } from "./useSubmitPreview";

/**
 * What will be sent: the rows that block it, the summary with its settings, the numbers left
 * out, the exact first request, and Send.
 */
export function PreviewBody({
  preview,
  anotherRun,
  fields,
  busy,
  onFields,
  onApplyFields,
  onIncludeDuplicates,
  onNumberForm,
  onFixRows,
  onSend,
}: {
  preview: SubmitPreview;
  /** Another run is going on: one at a time, so Send waits. */
  anotherRun: boolean;
  fields: SettingsFields;
  busy: boolean;
  onFields: (f: SettingsFields) => void;
  onApplyFields: (f: SettingsFields) => void;
  onIncludeDuplicates: (include: boolean) => void;
  onNumberForm: (form: NumberForm) => void;
  onFixRows: () => void;
  onSend: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const p = preview;
  const appName = p.sdkAppName ?? t("submit.summary.unnamed");
  return (
    <>
      {p.blockedCount > 0 && <BlockedRows preview={p} onFixRows={onFixRows} />}

      <section
        className="panel"
        data-testid="submit-summary"
        aria-labelledby="submit-summary-title"
        aria-busy={busy}
      >
        <div className="panel__header">
          <h2 id="submit-summary-title">{t("submit.summary.title")}</h2>
        </div>
        <dl className="submit-facts">
          <div>
            <dt>{t("submit.summary.numbers")}</dt>
            <dd data-testid="submit-numbers">{p.numbersToSend.toLocaleString()}</dd>
          </div>
          <div>
            <dt>{t("submit.summary.applications")}</dt>
            <dd data-testid="submit-batches">{p.applicationCount.toLocaleString()}</dd>
          </div>
          <div>
            <dt>
              <FieldLabel idea="sdkAppId" compact />
            </dt>
            <dd data-testid="submit-sdk-app">
              {t("submit.summary.appWithName", { id: p.sdkAppId, name: appName })}
            </dd>
          </div>
          <div>
            <dt>
              <FieldLabel idea="sipTrunkId" compact />
            </dt>
            <dd className="mono" data-testid="submit-sip-trunk">
              {p.sipTrunkId}
            </dd>
          </div>
          <div>
            <dt>{t("submit.summary.rows")}</dt>
            <dd>{p.rows.toLocaleString()}</dd>
          </div>
        </dl>
        {p.appsError !== null && (
          <p className="muted" data-testid="submit-apps-error">
            {t("submit.summary.namesFailed", { reason: describeError(t, p.appsError) })}
          </p>
        )}
        <SettingsForm
          preview={p}
          fields={fields}
          onFields={onFields}
          onApplyFields={onApplyFields}
        />
        <NumberFormChoice preview={p} busy={busy} onChange={onNumberForm} />
        {p.queuedBefore > 0 && (
          <p className="muted">{t("submit.summary.queuedBefore", { count: p.queuedBefore })}</p>
        )}
      </section>

      {(p.takenCount > 0 || p.repeatedCount > 0) && (
        <DuplicatesPanel preview={p} onIncludeDuplicates={onIncludeDuplicates} />
      )}

      <RequestPreviewBox request={p.request} />

      <div className="submit-actions">
        <button
          type="button"
          className="button"
          data-testid="submit-send"
          disabled={!p.canSend || busy || anotherRun}
          onClick={onSend}
        >
          {t("submit.send")}
        </button>
        {p.blockedCount === 0 && p.numbersToSend === 0 && (
          <span className="muted">{t("submit.nothingToSend")}</span>
        )}
      </div>
    </>
  );
}
