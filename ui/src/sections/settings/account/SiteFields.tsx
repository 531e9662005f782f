import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { Site } from "../../../bindings/Site";
import type { FieldChange } from "../useSettings";
import type { FieldErrors } from "./fieldErrors";
import { RadioChoices } from "../../../components/RadioChoices";

/** Which Tencent Cloud site the account is on: International, China, or a custom URL. */
export function SiteFields({
  site,
  customUrl,
  onChange,
  errors,
}: {
  site: Site;
  customUrl: string;
  onChange: (change: FieldChange) => void;
  errors: FieldErrors;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="field">
        <legend>{t("settingsScreen.account.site")}</legend>
        <div className="choice-row">
          <RadioChoices
            name="site"
            choices={["international", "china", "custom"] as const}
            value={site}
            label={(s) => t(`settingsScreen.site.${s}`)}
            testId={(s) => `site-${s}`}
            onChoose={(s) => {
              onChange({ field: "site", value: s });
            }}
          />
        </div>
      </fieldset>
      {site === "custom" && (
        <div className="field">
          <label htmlFor="settings-custom-url">{t("settingsScreen.account.customUrl")}</label>
          <input
            id="settings-custom-url"
            value={customUrl}
            onChange={(e) => {
              onChange({ field: "customUrl", value: e.target.value });
            }}
            aria-invalid={errors.invalid("customUrl")}
            aria-describedby="err-customUrl"
            data-testid="settings-custom-url"
          />
          {errors.fieldError("customUrl")}
        </div>
      )}
    </>
  );
}
