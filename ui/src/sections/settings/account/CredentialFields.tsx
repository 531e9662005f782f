import type { ClipboardEvent, ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { SettingsView } from "../../../bindings/SettingsView";
import { FieldLabel } from "../../../components/FieldLabel";
import type { FieldChange, SettingsForm } from "../useSettings";
import type { FieldErrors } from "./fieldErrors";

/** Trims whitespace pasted with a key (the backend trims too, and explains what it cannot). */
function pasteTrimmed(set: (v: string) => void) {
  return (e: ClipboardEvent<HTMLInputElement>) => {
    e.preventDefault();
    set(e.clipboardData.getData("text").trim());
  };
}

/**
 * The SecretId, SecretKey and session token. The key and token are never shown: a saved one is
 * only said to be there.
 */
export function CredentialFields({
  form,
  view,
  onChange,
  errors,
}: {
  form: SettingsForm;
  view: SettingsView;
  onChange: (change: FieldChange) => void;
  errors: FieldErrors;
}): ReactElement {
  const { t } = useTranslation();
  const set =
    (field: "secretId" | "secretKey" | "token") =>
    (value: string): void => {
      onChange({ field, value });
    };
  return (
    <>
      <div className="settings-grid">
        <div className="field">
          <FieldLabel
            idea="secretId"
            htmlFor="settings-secret-id"
            hintId="hint-settings-secret-id"
          />
          <input
            id="settings-secret-id"
            autoComplete="off"
            spellCheck={false}
            value={form.secretId}
            onChange={(e) => {
              set("secretId")(e.target.value);
            }}
            onPaste={pasteTrimmed(set("secretId"))}
            aria-invalid={errors.invalid("secretId")}
            aria-describedby="hint-settings-secret-id err-secretId"
            data-testid="settings-secret-id"
          />
          {errors.fieldError("secretId")}
          {errors.warnings("secretId")}
        </div>
        <div className="field">
          <FieldLabel
            idea="secretKey"
            htmlFor="settings-secret-key"
            hintId="hint-settings-secret-key"
          />
          <input
            id="settings-secret-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={form.secretKey}
            placeholder={view.keySaved ? t("settingsScreen.account.keySavedPlaceholder") : ""}
            onChange={(e) => {
              set("secretKey")(e.target.value);
            }}
            onPaste={pasteTrimmed(set("secretKey"))}
            aria-invalid={errors.invalid("secretKey")}
            aria-describedby="hint-settings-secret-key err-secretKey settings-key-store"
            data-testid="settings-secret-key"
          />
          {errors.fieldError("secretKey")}
          {errors.warnings("secretKey")}
        </div>
        <div className="field">
          <FieldLabel idea="token" htmlFor="settings-token" hintId="hint-settings-token" />
          <input
            id="settings-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={form.token}
            placeholder={view.tokenSaved ? t("settingsScreen.account.keySavedPlaceholder") : ""}
            onChange={(e) => {
              set("token")(e.target.value);
            }}
            onPaste={pasteTrimmed(set("token"))}
            aria-invalid={errors.invalid("token")}
            aria-describedby="hint-settings-token err-token"
            data-testid="settings-token"
          />
          {errors.fieldError("token")}
        </div>
      </div>
      {errors.warnings("unusual")}
    </>
  );
}
