import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type en from "../locales/en.json";
import "./fieldLabel.css";

/** A field shown to the user: its words are `fields.<idea>` in the locale files. */
export type FieldIdea = keyof (typeof en)["fields"];

/** The fields whose value is copied from the Tencent Cloud console: they say where. */
type WithWhere = {
  [K in FieldIdea]: "where" extends keyof (typeof en)["fields"][K] ? K : never;
}[FieldIdea];

const WHERE: Readonly<Record<WithWhere, true>> = {
  sdkAppId: true,
  sipTrunkId: true,
  secretId: true,
  secretKey: true,
};

/**
 * The API's name for each field, shown small and muted after the plain label (the same in every
 * language; null when the field is Number Desk's own).
 */
export const API_NAME: Readonly<Record<FieldIdea, string | null>> = {
  phoneNumber: "PhoneNumber",
  callType: "CallType",
  maxCallCount: "MaxCallCount",
  maxCallPSec: "MaxCallPSec",
  calleeFormat: "OutboundCalleeFormat",
  carrierNumber: "CarrierPhoneNumber",
  sdkAppId: "SdkAppId",
  sipTrunkId: "SipTrunkId",
  secretId: null,
  secretKey: null,
  token: null,
  prefix: "Prefix",
  mobileNddPrefix: "MobileNddPrefix",
  localNumberTrimAc: "LocalNumberTrimAC",
  calleeFormatPassthrough: "CalleeFormatPassthrough",
  callerFormatPassthrough: "CallerFormatPassthrough",
  internationalNumberPrefix: "InternationalNumberPrefix",
  country: null,
  numbersPerApplication: null,
  applyId: "ApplyId",
  requestId: "RequestId",
};

/** The import's field names (the API's) mapped to the idea that labels them. */
export const FIELD_IDEA = {
  PhoneNumber: "phoneNumber",
  CallType: "callType",
  MaxCallCount: "maxCallCount",
  MaxCallPSec: "maxCallPSec",
  OutboundCalleeFormat: "calleeFormat",
  CarrierPhoneNumber: "carrierNumber",
} as const satisfies Record<string, FieldIdea>;

function hasWhere(idea: FieldIdea): idea is WithWhere {
  return idea in WHERE;
}

/** The plain label of a field, for places that need the text alone (aria-label, title). */
export function useFieldText(): (idea: FieldIdea) => string {
  const { t } = useTranslation();
  return (idea) => t(`fields.${idea}.label`);
}

/**
 * A field's label as the user reads it: the plain name (a `<label>` when `htmlFor` is given),
 * the API name small and muted after it, then a one-line hint and, for values copied from the
 * Tencent Cloud console, where to find them there. Give the control `aria-describedby={hintId}`.
 *
 * `compact` (column headers): the plain name and the API name only; the hint is the tooltip.
 * `label` replaces the plain name where the context adds to it ("… for every number").
 */
export function FieldLabel({
  idea,
  htmlFor,
  hintId,
  compact = false,
  label,
}: {
  idea: FieldIdea;
  htmlFor?: string;
  hintId?: string;
  compact?: boolean;
  label?: string;
}): ReactElement {
  const { t } = useTranslation();
  const name = label ?? t(`fields.${idea}.label`);
  const api = API_NAME[idea];
  const hint = t(`fields.${idea}.hint`);
  const where = hasWhere(idea) ? t(`fields.${idea}.where`) : null;
  const apiName =
    api === null ? null : (
      <span className="field-label__api" lang="en" data-testid={`api-name-${idea}`}>
        {api}
      </span>
    );
  if (compact) {
    return (
      <span className="field-label field-label--compact" title={hint}>
        <span className="field-label__name">{name}</span> {apiName}
      </span>
    );
  }
  return (
    <span className="field-label">
      <span className="field-label__head">
        {htmlFor === undefined ? (
          <span className="field-label__name">{name}</span>
        ) : (
          <label className="field-label__name" htmlFor={htmlFor}>
            {name}
          </label>
        )}{" "}
        {apiName}
      </span>
      <span className="field-label__hint" id={hintId} data-testid={`hint-${idea}`}>
        {hint}
        {where !== null && (
          <>
            {" "}
            <span className="field-label__where" data-testid={`where-${idea}`}>
              {where}
            </span>
          </>
        )}
      </span>
    </span>
  );
}
