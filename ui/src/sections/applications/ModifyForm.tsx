import { useEffect, useId, useRef, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationChanges } from "../../bindings/ApplicationChanges";
import type { IpcError } from "../../bindings/IpcError";
import { ErrorNotice } from "../../components/ErrorNotice";
import { FieldLabel } from "../../components/FieldLabel";
import { toIpcError } from "../../ipc";
import { applicationDetail } from "../../ipc/applications";
import { useDialogFocus } from "../../hooks/useDialogFocus";

/** The most numbers the form edits (the backend's largest detail page). */
const MAX_NUMBERS = 1000;

/** A whole number ≥ 1, or `undefined` for "keep"; `null` when the text is not one. */
function count(text: string): number | undefined | null {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && Number.isSafeInteger(n) ? n : null;
}

/**
 * Modify a pending application: the whole new list of numbers (one per line) and, optionally,
 * new values for every number. Tencent's answer (including its refusal) comes back through
 * `onSubmit`'s rejection and is shown here in plain language.
 */
export function ModifyForm({
  id,
  applyId,
  onSubmit,
  onCancel,
  fallback,
}: {
  id: number;
  applyId: number;
  onSubmit: (changes: ApplicationChanges) => Promise<void>;
  onCancel: () => void;
  /** Where focus goes when the Modify button cannot take it back. */
  fallback?: (() => HTMLElement | null) | undefined;
}): ReactElement {
  const { t } = useTranslation();
  const ids = useId();
  const [numbers, setNumbers] = useState<string | null>(null);
  const [callType, setCallType] = useState("");
  const [maxCount, setMaxCount] = useState("");
  const [maxPsec, setMaxPsec] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // Escape closes the form; closed, focus goes back to the Modify button.
  useDialogFocus({ container: form, onEscape: onCancel, fallback });

  useEffect(() => {
    applicationDetail(id, 0, MAX_NUMBERS)
      .then((d) => {
        setNumbers(d.numbers.map((n) => n.detail.phoneNumber).join("\n"));
      })
      .catch((e: unknown) => {
        setError(toIpcError(e));
        setNumbers("");
      });
  }, [id]);

  const loaded = numbers !== null;
  useEffect(() => {
    if (loaded) area.current?.focus();
  }, [loaded]);

  const countValue = count(maxCount);
  const psecValue = count(maxPsec);
  const list = (numbers ?? "")
    .split(/\r?\n/)
    .map((n) => n.trim())
    .filter((n) => n !== "");
  const invalid = countValue === null || psecValue === null || list.length === 0;

  return (
    <form
      ref={form}
      className="apps-modify"
      aria-labelledby={`${ids}-title`}
      data-testid="application-modify-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (invalid) return;
        const changes: ApplicationChanges = { phoneNumbers: list };
        if (callType !== "") changes.callType = Number(callType);
        if (countValue !== undefined) changes.maxCallCount = countValue;
        if (psecValue !== undefined) changes.maxCallPsec = psecValue;
        setSending(true);
        setError(null);
        onSubmit(changes)
          .catch((err: unknown) => {
            setError(toIpcError(err));
          })
          .finally(() => {
            setSending(false);
          });
      }}
    >
      <h3 id={`${ids}-title`}>
        {t("applicationsList.modify.title", { applyId: String(applyId) })}
      </h3>
      <p className="apps-muted">{t("applicationsList.modify.body")}</p>
      <div className="apps-modify__numbers apps-modify__field">
        <FieldLabel
          idea="phoneNumber"
          label={t("applicationsList.modify.numbers")}
          htmlFor={`${ids}-numbers`}
          hintId={`${ids}-numbers-hint`}
        />
        <textarea
          id={`${ids}-numbers`}
          aria-describedby={`${ids}-numbers-hint`}
          ref={area}
          rows={Math.min(12, Math.max(4, list.length + 1))}
          value={numbers ?? ""}
          disabled={numbers === null}
          spellCheck={false}
          data-testid="application-modify-numbers"
          onChange={(e) => {
            setNumbers(e.target.value);
          }}
        />
      </div>
      <div className="apps-modify__fields">
        <div className="apps-modify__field">
          <FieldLabel
            idea="callType"
            label={t("applicationsList.modify.callType")}
            htmlFor={`${ids}-call-type`}
            hintId={`${ids}-call-type-hint`}
          />
          <select
            id={`${ids}-call-type`}
            aria-describedby={`${ids}-call-type-hint`}
            value={callType}
            data-testid="application-modify-call-type"
            onChange={(e) => {
              setCallType(e.target.value);
            }}
          >
            <option value="">{t("applicationsList.modify.keep")}</option>
            <option value="0">{t("applicationsList.callTypes.0")}</option>
            <option value="1">{t("applicationsList.callTypes.1")}</option>
            <option value="2">{t("applicationsList.callTypes.2")}</option>
          </select>
        </div>
        <div className="apps-modify__field">
          <FieldLabel
            idea="maxCallCount"
            label={t("applicationsList.modify.maxCallCount")}
            htmlFor={`${ids}-max-count`}
            hintId={`${ids}-max-count-hint`}
          />
          <input
            id={`${ids}-max-count`}
            value={maxCount}
            inputMode="numeric"
            placeholder={t("applicationsList.modify.keep")}
            aria-invalid={countValue === null}
            aria-describedby={`${ids}-max-count-hint ${ids}-hint`}
            data-testid="application-modify-max-call-count"
            onChange={(e) => {
              setMaxCount(e.target.value);
            }}
          />
        </div>
        <div className="apps-modify__field">
          <FieldLabel
            idea="maxCallPSec"
            label={t("applicationsList.modify.maxCallPSec")}
            htmlFor={`${ids}-max-psec`}
            hintId={`${ids}-max-psec-hint`}
          />
          <input
            id={`${ids}-max-psec`}
            value={maxPsec}
            inputMode="numeric"
            placeholder={t("applicationsList.modify.keep")}
            aria-invalid={psecValue === null}
            aria-describedby={`${ids}-max-psec-hint ${ids}-hint`}
            data-testid="application-modify-max-call-psec"
            onChange={(e) => {
              setMaxPsec(e.target.value);
            }}
          />
        </div>
      </div>
      <p
        id={`${ids}-hint`}
        className={countValue === null || psecValue === null ? "error-text" : "apps-muted"}
      >
        {countValue === null || psecValue === null
          ? t("applicationsList.modify.notANumber")
          : t("applicationsList.modify.keepHint")}
      </p>
      {error !== null && (
        <ErrorNotice
          testId="application-modify-error"
          headline={t("applicationsList.modify.failed")}
          error={error}
        />
      )}
      <div className="apps-actions">
        <button
          type="submit"
          className="button"
          disabled={sending || invalid || numbers === null}
          data-testid="application-modify-save"
        >
          {t("applicationsList.modify.save")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("applicationsList.modify.cancel")}
        </button>
      </div>
    </form>
  );
}
