import { useEffect, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../../bindings/IpcError";
import { ErrorNotice } from "../../components/ErrorNotice";
import { toIpcError } from "../../ipc";
import { sandboxApprovalGet, sandboxApprovalSet } from "../../ipc/submit";

/** Seconds offered; "never" is the empty value. */
const CHOICES = [5, 30, 60, 120, 600, 3600];

/**
 * Settings → Sandbox: how long the Sandbox's "review" takes, so a new user sees submit →
 * waiting for review → live before touching Tencent. Saved in the database.
 */
export function SandboxApprovalControl(): ReactElement {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | null>(null);
  const [reject, setReject] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let live = true;
    sandboxApprovalGet()
      .then((a) => {
        if (!live) return;
        setValue(a.approveAfterSecs === null ? "" : String(a.approveAfterSecs));
        setReject(a.reject);
      })
      .catch((e: unknown) => {
        if (live) setError(toIpcError(e));
      });
    return () => {
      live = false;
    };
  }, []);

  function choose(next: string, nextReject = reject): void {
    setValue(next);
    setReject(nextReject);
    setSaved(false);
    setError(null);
    sandboxApprovalSet({ approveAfterSecs: next === "" ? null : Number(next), reject: nextReject })
      .then((a) => {
        setValue(a.approveAfterSecs === null ? "" : String(a.approveAfterSecs));
        setReject(a.reject);
        setSaved(true);
      })
      .catch((e: unknown) => {
        setError(toIpcError(e));
      });
  }

  const label = (secs: number): string =>
    secs >= 60 && secs % 60 === 0
      ? t("submit.approval.afterMinutes", { count: secs / 60 })
      : t("submit.approval.after", { count: secs });
  const current = value ?? "";
  const offered = current === "" || CHOICES.includes(Number(current));

  return (
    <fieldset className="sandbox-faults" data-testid="sandbox-approval">
      <legend>{t("submit.approval.title")}</legend>
      <label htmlFor="sandbox-approval-select">{t("submit.approval.label")}</label>
      <div className="sandbox-faults__row">
        <select
          id="sandbox-approval-select"
          value={current}
          disabled={value === null}
          aria-describedby="sandbox-approval-hint"
          data-testid="sandbox-approval-select"
          onChange={(e) => {
            choose(e.target.value);
          }}
        >
          {!offered && <option value={current}>{label(Number(current))}</option>}
          {CHOICES.map((s) => (
            <option key={s} value={String(s)}>
              {label(s)}
            </option>
          ))}
          <option value="">{t("submit.approval.never")}</option>
        </select>
        <span className="muted" role="status" data-testid="sandbox-approval-status">
          {saved ? t("submit.approval.saved") : ""}
        </span>
      </div>
      <label className="check-row">
        <input
          type="checkbox"
          checked={reject}
          disabled={value === null}
          data-testid="sandbox-approval-reject"
          onChange={(e) => {
            choose(current, e.target.checked);
          }}
        />
        {t("submit.approval.reject")}
      </label>
      <p className="muted" id="sandbox-approval-hint">
        {t("submit.approval.hint")}
      </p>
      {error !== null && <ErrorNotice error={error} testId="sandbox-approval-error" />}
    </fieldset>
  );
}
