//! Import wizard, review grid and drafts: thin `#[tauri::command]`s over `numdesk-commands`.
//! Everything here reads files or the database, so each runs on Tauri's thread pool.

use std::path::PathBuf;

use numdesk_commands::{
    self as core, AppContext, BulkSet, ColumnsPreview, ExportFormat, GridRow, ImportPreview,
    ImportProgress, IpcError, Language, ProcessRequest, RowEdit, RowFilter, RowsPage, WizardState,
    WorkbenchSummary,
};
use numdesk_import::{NumberForm, ReadOptions};
use numdesk_store::DraftSummary;
use tauri::State;
use tauri::ipc::Channel;

type Ctx<'a> = State<'a, AppContext>;
type Wiz<'a> = State<'a, WizardState>;

#[tauri::command(async)]
pub fn import_open_path(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    path: PathBuf,
    read: Option<ReadOptions>,
) -> Result<ImportPreview, IpcError> {
    core::import_open_path(&ctx, &wiz, &path, &read.unwrap_or_default())
}

#[tauri::command(async)]
pub fn import_open_text(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    text: String,
) -> Result<ImportPreview, IpcError> {
    core::import_open_text(&ctx, &wiz, &text)
}

#[tauri::command(async)]
pub fn import_reread(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    read: ReadOptions,
) -> Result<ImportPreview, IpcError> {
    core::import_reread(&ctx, &wiz, &read)
}

#[tauri::command(async)]
pub fn import_columns(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    header_row: Option<u32>,
) -> Result<ColumnsPreview, IpcError> {
    core::import_columns(&ctx, &wiz, header_row)
}

#[tauri::command(async)]
pub fn import_process(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    request: ProcessRequest,
    on_progress: Channel<ImportProgress>,
) -> Result<WorkbenchSummary, IpcError> {
    core::import_process(&ctx, &wiz, &request, &mut |p| {
        // A closed window only loses the progress, not the import.
        let _ = on_progress.send(p);
    })
}

#[tauri::command(async)]
pub fn import_rows_page(
    wiz: Wiz<'_>,
    offset: u32,
    limit: u32,
    filter: RowFilter,
) -> Result<RowsPage, IpcError> {
    core::import_rows_page(&wiz, offset, limit, filter)
}

#[tauri::command(async)]
pub fn drafts_list(ctx: Ctx<'_>) -> Result<Vec<DraftSummary>, IpcError> {
    core::drafts_list(&ctx)
}

#[tauri::command(async)]
pub fn draft_open(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    id: i64,
    lang: Option<Language>,
) -> Result<WorkbenchSummary, IpcError> {
    core::draft_open(&ctx, &wiz, id, lang)
}

#[tauri::command(async)]
pub fn draft_edit_row(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    index: u32,
    edit: RowEdit,
) -> Result<GridRow, IpcError> {
    core::draft_edit_row(&ctx, &wiz, index, &edit)
}

#[tauri::command(async)]
pub fn draft_bulk_set(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    indices: Vec<u32>,
    set: BulkSet,
) -> Result<WorkbenchSummary, IpcError> {
    core::draft_bulk_set(&ctx, &wiz, &indices, &set)
}

#[tauri::command(async)]
pub fn draft_write_numbers(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    form: NumberForm,
) -> Result<WorkbenchSummary, IpcError> {
    core::draft_write_numbers(&ctx, &wiz, form)
}

#[tauri::command(async)]
pub fn draft_delete_rows(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    indices: Vec<u32>,
) -> Result<WorkbenchSummary, IpcError> {
    core::draft_delete_rows(&ctx, &wiz, &indices)
}

#[tauri::command(async)]
pub fn draft_export(wiz: Wiz<'_>, path: PathBuf, format: ExportFormat) -> Result<u32, IpcError> {
    core::draft_export(&wiz, &path, format)
}

#[tauri::command(async)]
pub fn draft_rename(
    ctx: Ctx<'_>,
    wiz: Wiz<'_>,
    id: i64,
    name: String,
) -> Result<DraftSummary, IpcError> {
    core::draft_rename(&ctx, &wiz, id, &name)
}

#[tauri::command(async)]
pub fn draft_duplicate(ctx: Ctx<'_>, id: i64, name: String) -> Result<DraftSummary, IpcError> {
    core::draft_duplicate(&ctx, id, &name)
}

#[tauri::command(async)]
pub fn draft_delete(ctx: Ctx<'_>, wiz: Wiz<'_>, id: i64) -> Result<(), IpcError> {
    core::draft_delete(&ctx, &wiz, id)
}
