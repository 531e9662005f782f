// Typed wrappers over the import wizard, review grid and drafts commands. Every rejection is an
// IpcError envelope (see index.ts).
import { Channel } from "@tauri-apps/api/core";
import { call } from ".";
import type { BulkSet } from "../bindings/BulkSet";
import type { ColumnsPreview } from "../bindings/ColumnsPreview";
import type { DraftSummary } from "../bindings/DraftSummary";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { GridRow } from "../bindings/GridRow";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { Language } from "../bindings/Language";
import type { NumberForm } from "../bindings/NumberForm";
import type { ProcessRequest } from "../bindings/ProcessRequest";
import type { ReadOptions } from "../bindings/ReadOptions";
import type { RowEdit } from "../bindings/RowEdit";
import type { RowFilter } from "../bindings/RowFilter";
import type { RowsPage } from "../bindings/RowsPage";
import type { OpenDraftSummary } from "../bindings/OpenDraftSummary";

/** Reads a file by path (from the path field, a drop, or a test hook). */
export function importOpenPath(path: string, read?: ReadOptions): Promise<ImportPreview> {
  return call("import_open_path", { path, read: read ?? null });
}

/** Reads rows pasted from Excel. */
export function importOpenText(text: string): Promise<ImportPreview> {
  return call("import_open_text", { text });
}

/** Reads the same source again with another encoding or sheet. */
export function importReread(read: ReadOptions): Promise<ImportPreview> {
  return call("import_reread", { read });
}

/** Columns and proposed mapping below `headerRow` (null: no header row). */
export function importColumns(headerRow: number | null): Promise<ColumnsPreview> {
  return call("import_columns", { headerRow });
}

/** Checks every row, saves a new draft and opens it; phases arrive on `onProgress`. */
export function importProcess(
  request: ProcessRequest,
  onProgress: (p: ImportProgress) => void,
): Promise<OpenDraftSummary> {
  const channel = new Channel<ImportProgress>();
  channel.onmessage = onProgress;
  return call("import_process", { request, onProgress: channel });
}

/** One page of the open draft's rows. */
export function importRowsPage(
  offset: number,
  limit: number,
  filter: RowFilter,
): Promise<RowsPage> {
  return call("import_rows_page", { offset, limit, filter });
}

export function draftsList(): Promise<DraftSummary[]> {
  return call("drafts_list");
}

/** Opens draft `id` in the grid, its findings in `lang` (default: the saved UI language). */
export function draftOpen(id: number, lang?: Language): Promise<OpenDraftSummary> {
  return call("draft_open", { id, lang: lang ?? null });
}

export function draftEditRow(index: number, edit: RowEdit): Promise<GridRow> {
  return call("draft_edit_row", { index, edit });
}

export function draftBulkSet(indices: number[], set: BulkSet): Promise<OpenDraftSummary> {
  return call("draft_bulk_set", { indices, set });
}

/** "Write all numbers the same way": every valid number of the open draft in `form`. */
export function draftWriteNumbers(form: NumberForm): Promise<OpenDraftSummary> {
  return call("draft_write_numbers", { form });
}

export function draftDeleteRows(indices: number[]): Promise<OpenDraftSummary> {
  return call("draft_delete_rows", { indices });
}

export function draftExport(path: string, format: ExportFormat): Promise<number> {
  return call("draft_export", { path, format });
}

export function draftRename(id: number, name: string): Promise<DraftSummary> {
  return call("draft_rename", { id, name });
}

export function draftDuplicate(id: number, name: string): Promise<DraftSummary> {
  return call("draft_duplicate", { id, name });
}

export function draftDelete(id: number): Promise<null> {
  return call("draft_delete", { id });
}
