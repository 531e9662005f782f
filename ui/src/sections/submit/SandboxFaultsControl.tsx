import { useEffect, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../../bindings/IpcError";
import type { SandboxFaults } from "../../bindings/SandboxFaults";
import { ErrorNotice } from "../../components/ErrorNotice";
import { toIpcError } from "../../ipc";
import { sandboxFaultsGet, sandboxFaultsSet } from "../../ipc/submit";
import "./submit.css";

/**
 * Settings → Sandbox: "Simulate problems: drop N% of answers after the application is created",
 * so a user (and the end-to-end test) can see what "Outcome unknown" looks like.
 */
export function SandboxFaultsControl(): ReactElement {
  const { t } = useTranslation();
  const [faults, setFaults] = useState<SandboxFaults | null>(null);
  const [drop, setDrop] = useState("0");
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    let live = true;
    sandboxFaultsGet()
      .then((f) => {
        if (!live) return;
        setFaults(f);
        setDrop(String(f.dropPercent));
      })
      // Without the current switches the field starts at 0; saving still works.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  function save(): void {
    setSaved(false);
    setError(null);
    const percent = Number(drop.trim() === "" ? "0" : drop);
    const ok = Number.isInteger(percent) && percent >= 0 && percent <= 100;
    setInvalid(!ok);
    if (!ok) return;
    const base: SandboxFaults = faults ?? {
      dropPercent: 0,
      internalErrorPercent: 0,
      dropNext: 0,
      delayMs: 0,
    };
    sandboxFaultsSet({ ...base, dropPercent: percent })
      .then((f) => {
        setFaults(f);
        setDrop(String(f.dropPercent));
        setSaved(true);
      })
      .catch((e: unknown) => {
        setError(toIpcError(e));
      });
  }

  return (
    <form
      className="sandbox-faults"
      data-testid="sandbox-faults"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <fieldset>
        <legend>{t("submit.faults.title")}</legend>
        <label htmlFor="sandbox-fault-drop">{t("submit.faults.drop")}</label>
        <div className="sandbox-faults__row">
          <input
            id="sandbox-fault-drop"
            type="number"
            min={0}
            max={100}
            step={1}
            value={drop}
            aria-describedby="sandbox-fault-drop-hint"
            aria-invalid={invalid}
            data-testid="sandbox-fault-drop"
            onChange={(e) => {
              setDrop(e.target.value);
              setSaved(false);
            }}
          />
          <button
            type="submit"
            className="button button--secondary"
            data-testid="sandbox-fault-apply"
          >
            {t("submit.faults.apply")}
          </button>
          <span className="muted" role="status" data-testid="sandbox-fault-status">
            {saved ? t("submit.faults.saved") : ""}
          </span>
        </div>
        {invalid && (
          <p className="error-text" role="alert" data-testid="sandbox-fault-invalid">
            {t("submit.faults.invalid")}
          </p>
        )}
        <p className="muted" id="sandbox-fault-drop-hint">
          {t("submit.faults.dropHint")}
        </p>
      </fieldset>
      {error !== null && <ErrorNotice error={error} testId="sandbox-fault-error" />}
    </form>
  );
}
