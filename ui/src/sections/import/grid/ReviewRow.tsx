import type { KeyboardEvent, ReactElement, RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { GridRow } from "../../../bindings/GridRow";
import { FIELD_IDEA, useFieldText } from "../../../components/FieldLabel";
import { ROW_HEIGHT } from "./reviewState";
import { CALL_TYPE_KEYS, EDIT_CELLS, type Edit, type EditKey } from "./useRowEditor";

/**
 * One row of the grid at its position: its checkbox, line, values and findings, and Edit; while
 * it is being edited (`edit`), its values as text boxes with Save and Cancel.
 */
export function ReviewRow({
  position,
  row,
  selected,
  edit,
  firstCell,
  onToggle,
  onEdit,
  onShowFindings,
  onChange,
  onEditKeys,
  onSave,
  onCancel,
}: {
  position: number;
  row: GridRow;
  selected: boolean;
  /** The row's values as typed, while it is being edited. */
  edit: Edit | null;
  /** The first cell of the row being edited (it takes the focus). */
  firstCell: RefObject<HTMLInputElement | null>;
  onToggle: () => void;
  onEdit: () => void;
  onShowFindings: () => void;
  onChange: (key: EditKey, value: string) => void;
  onEditKeys: (e: KeyboardEvent<HTMLElement>) => void;
  onSave: () => void;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const fieldText = useFieldText();
  const style = { top: position * ROW_HEIGHT, height: ROW_HEIGHT };
  const errors = row.row.issues.some((f) => f.severity === "error");
  const warnings = !errors && row.row.issues.length > 0;
  const kind = errors ? "error" : warnings ? "warning" : "ok";
  const messages = row.row.issues.map((f) => f.message).join(" · ");
  return (
    <div
      className={`grid__row grid__row--${kind}`}
      role="row"
      aria-rowindex={position + 2}
      style={style}
      data-testid={`grid-row-${String(row.index)}`}
    >
      <span role="gridcell" className="grid__check">
        <input
          type="checkbox"
          checked={selected}
          aria-label={t("importWizard.grid.selectRow", { line: row.row.line })}
          data-testid={`grid-select-${String(row.index)}`}
          onChange={onToggle}
        />
      </span>
      <span role="gridcell" className="mono">
        {row.row.line}
      </span>
      {edit !== null ? (
        <>
          {EDIT_CELLS.map((cell) => (
            <span role="gridcell" key={cell.key}>
              {cell.key === "callType" ? (
                // A choice, not a text box: only 0, 1 and 2 exist.
                <select
                  className="grid__input"
                  value={edit.callType}
                  aria-label={fieldText(FIELD_IDEA[cell.field])}
                  data-testid={cell.testId}
                  onKeyDown={onEditKeys}
                  onChange={(e) => {
                    onChange("callType", e.target.value);
                  }}
                >
                  {edit.callType === "" && (
                    <option value="">{t("importWizard.grid.chooseCallType")}</option>
                  )}
                  {([0, 1, 2] as const).map((c) => (
                    <option key={c} value={String(c)}>
                      {t(CALL_TYPE_KEYS[c])}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  ref={cell.key === "phone" ? firstCell : undefined}
                  className="grid__input"
                  value={edit[cell.key]}
                  aria-label={fieldText(FIELD_IDEA[cell.field])}
                  data-testid={cell.testId}
                  onKeyDown={onEditKeys}
                  onChange={(e) => {
                    onChange(cell.key, e.target.value);
                  }}
                />
              )}
            </span>
          ))}
          <span role="gridcell" className="grid__findings" title={messages}>
            {messages}
          </span>
          <span role="gridcell" className="grid__actions">
            <button type="button" className="link-button" data-testid="edit-save" onClick={onSave}>
              {t("importWizard.save")}
            </button>
            <button
              type="button"
              className="link-button"
              data-testid="edit-cancel"
              onClick={onCancel}
            >
              {t("importWizard.cancel")}
            </button>
          </span>
        </>
      ) : (
        <>
          <span role="gridcell" className="mono" data-testid="cell-phone">
            {row.row.phoneNumber}
          </span>
          <span role="gridcell">
            {row.row.callType === null ? "" : t(CALL_TYPE_KEYS[row.row.callType])}
          </span>
          <span role="gridcell">{row.row.maxCallCount ?? ""}</span>
          <span role="gridcell">{row.row.maxCallPsec ?? ""}</span>
          <span
            role="gridcell"
            className={`grid__findings finding--${kind}`}
            title={messages}
            data-testid="cell-findings"
          >
            {kind === "ok" ? (
              t("importWizard.grid.ok")
            ) : (
              <button
                type="button"
                className="grid__findings-button"
                data-testid={`grid-findings-${String(row.index)}`}
                onClick={onShowFindings}
              >
                {messages}
              </button>
            )}
          </span>
          <span role="gridcell" className="grid__actions">
            <button
              type="button"
              className="link-button"
              aria-label={t("importWizard.grid.editRow", { line: row.row.line })}
              data-testid={`grid-edit-${String(row.index)}`}
              data-edit-row={row.index}
              onClick={onEdit}
            >
              {t("importWizard.grid.edit")}
            </button>
          </span>
        </>
      )}
    </div>
  );
}
