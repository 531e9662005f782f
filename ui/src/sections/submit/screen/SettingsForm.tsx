import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { SubmitPreview } from "../../../bindings/SubmitPreview";
import { FieldLabel } from "../../../components/FieldLabel";
import type { SettingsFields } from "./useSubmitPreview";

/**
 * The SdkAppId (chosen from the account's, when they could be read), the SipTrunkId and the
 * batch size this submission uses; applied with Apply (a chosen SdkAppId at once).
 */
export function SettingsForm({
  preview: p,
  fields,
  onFields,
  onApplyFields,
}: {
  preview: SubmitPreview;
  fields: SettingsFields;
  onFields: (f: SettingsFields) => void;
  onApplyFields: (f: SettingsFields) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <form
      className="submit-settings"
      onSubmit={(e) => {
        e.preventDefault();
        onApplyFields(fields);
      }}
    >
      <div className="submit-settings__field">
        <FieldLabel idea="sdkAppId" htmlFor="submit-sdk-app-id" hintId="submit-sdk-app-id-hint" />
        {p.apps.length > 0 ? (
          <select
            id="submit-sdk-app-id"
            aria-describedby="submit-sdk-app-id-hint"
            value={fields.sdkAppId}
            data-testid="submit-sdk-app-id"
            onChange={(e) => {
              const next = { ...fields, sdkAppId: e.target.value };
              onFields(next);
              onApplyFields(next);
            }}
          >
            {!p.apps.some((a) => String(a.sdkAppId) === fields.sdkAppId) && (
              <option value={fields.sdkAppId}>{fields.sdkAppId}</option>
            )}
            {p.apps.map((a) => (
              <option key={a.sdkAppId} value={String(a.sdkAppId)}>
                {t("submit.summary.appWithName", {
                  id: a.sdkAppId,
                  name: a.name ?? t("submit.summary.unnamed"),
                })}
              </option>
            ))}
          </select>
        ) : (
          <input
            id="submit-sdk-app-id"
            aria-describedby="submit-sdk-app-id-hint"
            inputMode="numeric"
            value={fields.sdkAppId}
            data-testid="submit-sdk-app-id"
            onChange={(e) => {
              onFields({ ...fields, sdkAppId: e.target.value });
            }}
          />
        )}
      </div>
      <div className="submit-settings__field">
        <FieldLabel
          idea="sipTrunkId"
          htmlFor="submit-sip-trunk-id"
          hintId="submit-sip-trunk-id-hint"
        />
        <input
          id="submit-sip-trunk-id"
          aria-describedby="submit-sip-trunk-id-hint"
          inputMode="numeric"
          value={fields.sipTrunkId}
          data-testid="submit-sip-trunk-id"
          onChange={(e) => {
            onFields({ ...fields, sipTrunkId: e.target.value });
          }}
        />
      </div>
      <div className="submit-settings__field">
        <FieldLabel
          idea="numbersPerApplication"
          htmlFor="submit-batch-size"
          hintId="submit-batch-size-hint"
        />
        <input
          id="submit-batch-size"
          aria-describedby="submit-batch-size-hint"
          inputMode="numeric"
          value={fields.numbersPerApplication}
          data-testid="submit-batch-size"
          onChange={(e) => {
            onFields({ ...fields, numbersPerApplication: e.target.value });
          }}
        />
      </div>
      <button type="submit" className="button button--secondary" data-testid="submit-apply">
        {t("submit.summary.apply")}
      </button>
    </form>
  );
}
