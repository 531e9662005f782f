import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { FormatWarning } from "../../../bindings/FormatWarning";
import type { IpcError } from "../../../bindings/IpcError";
import { isFieldDetails } from "../../../errors";

export type FieldErrors = {
  /** The field the save error names (null: it names none, and shows as a notice). */
  fieldOf: string | null;
  /** What is wrong with `field`, in words, or null. */
  errorFor: (field: string) => string | null;
  invalid: (field: string) => boolean;
  /** The message under `field` (id `err-<field>`, which the field's aria-describedby names). */
  fieldError: (field: string) => ReactElement | null;
  /** The warnings about a SecretId, a SecretKey, or an unusual character in either. */
  warnings: (prefix: "secretId" | "secretKey" | "unusual") => ReactElement[];
};

/**
 * What is wrong with which field of the account form: found before sending (`localError`), or
 * named by the backend's refusal (`saveError`); and the format warnings a save came back with.
 */
export function useFieldErrors({
  saveError,
  localError,
  warnings,
}: {
  saveError: IpcError | null;
  localError: { field: string; message: string } | null;
  warnings: FormatWarning[];
}): FieldErrors {
  const { t } = useTranslation();
  const named = saveError !== null && isFieldDetails(saveError.details) ? saveError.details : null;
  const fieldOf = named?.field ?? null;
  const errorFor = (field: string): string | null => {
    if (localError?.field === field) return localError.message;
    if (saveError === null || fieldOf !== field) return null;
    const problem = named?.problem;
    return problem !== undefined
      ? t(`settingsScreen.problem.${problem}`, { defaultValue: saveError.message })
      : saveError.message;
  };
  const warningText = (w: FormatWarning): string =>
    t(`settingsScreen.warning.${w.code}`, {
      length: "length" in w ? w.length : 0,
      position: "position" in w ? w.position : 0,
    });
  return {
    fieldOf,
    errorFor,
    invalid: (field) => errorFor(field) !== null,
    fieldError: (field) => {
      const msg = errorFor(field);
      return msg === null ? null : (
        <span className="field__error" id={`err-${field}`} data-testid={`settings-error-${field}`}>
          {msg}
        </span>
      );
    },
    warnings: (prefix) =>
      warnings
        .filter((w) =>
          prefix === "unusual" ? w.code === "unusualCharacter" : w.code.startsWith(prefix),
        )
        .map((w, i) => (
          <span
            key={prefix === "unusual" ? i : w.code}
            className="field__warning"
            data-testid="settings-warning"
          >
            {warningText(w)}
          </span>
        )),
  };
}
