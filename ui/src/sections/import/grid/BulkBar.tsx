import { useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { BulkSet } from "../../../bindings/BulkSet";
import { CallFields, EMPTY_CALL_FIELDS, calleeFormatToSend } from "../CallFields";

function optionalNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * What can be done to the selected rows: set values on all of them (a field left on "keep" is
 * left alone), or delete them after a confirmation.
 */
export function BulkBar({
  selectedCount,
  confirmDelete,
  onConfirmDelete,
  onApply,
  onDelete,
}: {
  selectedCount: number;
  /** The deletion waits for its confirmation. */
  confirmDelete: boolean;
  onConfirmDelete: (open: boolean) => void;
  onApply: (set: BulkSet) => void;
  onDelete: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const [bulk, setBulk] = useState(EMPTY_CALL_FIELDS);

  function applyBulk(): void {
    const callType = bulk.callType === "" ? undefined : bulk.callType;
    const maxCount = optionalNumber(bulk.maxCount);
    const maxPsec = optionalNumber(bulk.maxPsec);
    const carrier = bulk.carrier.trim();
    onApply({
      ...(callType === undefined ? {} : { callType }),
      ...(maxCount === undefined ? {} : { maxCallCount: maxCount }),
      ...(maxPsec === undefined ? {} : { maxCallPsec: maxPsec }),
      ...(bulk.calleeFormat === ""
        ? {}
        : { outboundCalleeFormat: calleeFormatToSend(bulk.calleeFormat) }),
      ...(carrier === "" ? {} : { carrierPhoneNumber: carrier }),
    });
  }

  return (
    <div className="review__tools">
      <span className="muted" data-testid="selected-count">
        {t("importWizard.grid.selected", { count: selectedCount })}
      </span>
      <CallFields
        value={bulk}
        onChange={setBulk}
        emptyLabel={t("importWizard.grid.keep")}
        clearLabel={t("importWizard.grid.clear")}
        testIdPrefix="bulk"
        compact
      />
      <button
        type="button"
        className="button button--secondary"
        disabled={selectedCount === 0}
        data-testid="bulk-apply"
        onClick={applyBulk}
      >
        {t("importWizard.grid.applyToSelected")}
      </button>
      {confirmDelete ? (
        <>
          <button
            type="button"
            className="button button--danger"
            data-testid="delete-confirm"
            onClick={onDelete}
          >
            {t("importWizard.grid.confirmDelete", { count: selectedCount })}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              onConfirmDelete(false);
            }}
          >
            {t("importWizard.cancel")}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          disabled={selectedCount === 0}
          data-testid="delete-selected"
          onClick={() => {
            onConfirmDelete(true);
          }}
        >
          {t("importWizard.grid.deleteSelected")}
        </button>
      )}
    </div>
  );
}
