import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionDefaults } from "../../bindings/ConnectionDefaults";
import type { Site } from "../../bindings/Site";
import { FieldLabel } from "../../components/FieldLabel";

/** The defaults as the form edits them: text for every input, "" meaning "not set". */
export type DefaultsForm = {
  sdkAppId: string;
  sipTrunkId: string;
  prefix: string;
  mobileNddPrefix: string;
  localNumberTrimAc: string;
  calleeFormatPassthrough: string;
  callerFormatPassthrough: string;
  internationalNumberPrefix: string;
  callType: string;
  maxCallCount: string;
  maxCallPSec: string;
  country: string;
  numbersPerApplication: string;
};

const NUMBER_FIELDS = [
  "sdkAppId",
  "sipTrunkId",
  "maxCallCount",
  "maxCallPSec",
  "numbersPerApplication",
] as const;
const CHINA_ONLY = [
  "calleeFormatPassthrough",
  "callerFormatPassthrough",
  "internationalNumberPrefix",
] as const;

const str = (v: number | string | null | undefined): string => (v == null ? "" : String(v));
const bool = (v: boolean | null | undefined): string => (v == null ? "" : v ? "true" : "false");

export function defaultsToForm(d: ConnectionDefaults | null): DefaultsForm {
  return {
    sdkAppId: str(d?.sdkAppId),
    sipTrunkId: str(d?.sipTrunkId),
    prefix: str(d?.prefix),
    mobileNddPrefix: str(d?.mobileNddPrefix),
    localNumberTrimAc: bool(d?.localNumberTrimAc),
    calleeFormatPassthrough: bool(d?.calleeFormatPassthrough),
    callerFormatPassthrough: bool(d?.callerFormatPassthrough),
    internationalNumberPrefix: str(d?.internationalNumberPrefix),
    callType: str(d?.callType),
    maxCallCount: str(d?.maxCallCount),
    maxCallPSec: str(d?.maxCallPSec),
    country: str(d?.country),
    numbersPerApplication: str(d?.numbersPerApplication),
  };
}

/**
 * The form as the command takes it. Fields the chosen site does not support are sent as null
 * (the backend refuses China-site-only fields on the International site).
 */
export function formToDefaults(
  f: DefaultsForm,
  site: Site,
): { ok: true; defaults: ConnectionDefaults } | { ok: false; field: string } {
  const numbers: Partial<Record<(typeof NUMBER_FIELDS)[number], number | null>> = {};
  for (const field of NUMBER_FIELDS) {
    const text = f[field].trim();
    if (text === "") numbers[field] = null;
    else if (/^\d+$/.test(text)) numbers[field] = Number(text);
    else return { ok: false, field };
  }
  const china = site !== "international";
  const opt = (v: string): string | null => (v.trim() === "" ? null : v.trim());
  const optBool = (v: string): boolean | null => (v === "" ? null : v === "true");
  return {
    ok: true,
    defaults: {
      sdkAppId: numbers.sdkAppId ?? null,
      sipTrunkId: numbers.sipTrunkId ?? null,
      prefix: opt(f.prefix),
      mobileNddPrefix: opt(f.mobileNddPrefix),
      localNumberTrimAc: optBool(f.localNumberTrimAc),
      calleeFormatPassthrough: china ? optBool(f.calleeFormatPassthrough) : null,
      callerFormatPassthrough: china ? optBool(f.callerFormatPassthrough) : null,
      internationalNumberPrefix: china ? opt(f.internationalNumberPrefix) : null,
      callType: f.callType === "" ? null : Number(f.callType),
      maxCallCount: numbers.maxCallCount ?? null,
      maxCallPSec: numbers.maxCallPSec ?? null,
      country: opt(f.country),
      numbersPerApplication: numbers.numbersPerApplication ?? null,
    },
  };
}

type Key = keyof DefaultsForm;

export function DefaultsFields({
  site,
  value,
  onChange,
  errorFor,
}: {
  site: Site;
  value: DefaultsForm;
  onChange: (v: DefaultsForm) => void;
  errorFor: (field: string) => string | null;
}): ReactElement {
  const { t } = useTranslation();
  const set = (key: Key, v: string) => {
    onChange({ ...value, [key]: v });
  };
  const chinaFields = site !== "international";

  function text(key: Key, inputMode: "numeric" | "text" = "text"): ReactElement {
    const error = errorFor(key);
    return (
      <div className="field" key={key}>
        <FieldLabel idea={key} htmlFor={`default-${key}`} hintId={`hint-default-${key}`} />
        <input
          id={`default-${key}`}
          inputMode={inputMode}
          value={value[key]}
          onChange={(e) => {
            set(key, e.target.value);
          }}
          aria-invalid={error !== null}
          aria-describedby={`hint-default-${key} err-${key}`}
          data-testid={`default-${key}`}
        />
        {error !== null && (
          <span className="field__error" id={`err-${key}`} data-testid={`settings-error-${key}`}>
            {error}
          </span>
        )}
      </div>
    );
  }

  function yesNo(key: Key): ReactElement {
    return (
      <div className="field" key={key}>
        <FieldLabel idea={key} htmlFor={`default-${key}`} hintId={`hint-default-${key}`} />
        <select
          id={`default-${key}`}
          aria-describedby={`hint-default-${key}`}
          value={value[key]}
          onChange={(e) => {
            set(key, e.target.value);
          }}
          data-testid={`default-${key}`}
        >
          <option value="">{t("settingsScreen.defaults.notSet")}</option>
          <option value="true">{t("settingsScreen.defaults.yes")}</option>
          <option value="false">{t("settingsScreen.defaults.no")}</option>
        </select>
      </div>
    );
  }

  return (
    <div className="settings-grid" data-testid="settings-defaults">
      {text("sdkAppId", "numeric")}
      {text("sipTrunkId", "numeric")}
      <div className="field">
        <FieldLabel idea="callType" htmlFor="default-callType" hintId="hint-default-callType" />
        <select
          id="default-callType"
          aria-describedby="hint-default-callType"
          value={value.callType}
          onChange={(e) => {
            set("callType", e.target.value);
          }}
          data-testid="default-callType"
        >
          <option value="">{t("settingsScreen.defaults.notSet")}</option>
          <option value="0">{t("settingsScreen.callType.0")}</option>
          <option value="1">{t("settingsScreen.callType.1")}</option>
          <option value="2">{t("settingsScreen.callType.2")}</option>
        </select>
      </div>
      {text("maxCallCount", "numeric")}
      {text("maxCallPSec", "numeric")}
      {text("country")}
      {text("numbersPerApplication", "numeric")}
      {text("prefix")}
      {text("mobileNddPrefix")}
      {yesNo("localNumberTrimAc")}
      {chinaFields &&
        CHINA_ONLY.map((k) => (k === "internationalNumberPrefix" ? text(k) : yesNo(k)))}
    </div>
  );
}
