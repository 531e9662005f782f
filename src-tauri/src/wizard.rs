//! Import wizard, review grid and drafts: thin `#[tauri::command]`s over `numdesk-commands`.
//! Everything here reads files or the database: opening, reading and processing a file, opening
//! a draft and exporting run on the blocking pool ([`on_blocking_pool`]); the quick ones as
//! `#[tauri::command(async)]`.

use std::path::PathBuf;

use numdesk_commands::{
    self as core, AppContext, BulkSet, ColumnsPreview, ExportFormat, GridRow, ImportPreview,
    ImportProgress, IpcError, Language, ProcessRequest, RowEdit, RowFilter, RowsPage, WizardState,
    WorkbenchSummary,
};
use numdesk_import::{NumberForm, ReadOptions};
use numdesk_store::DraftSummary;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::blocking::on_blocking_pool;

type Ctx<'a> = State<'a, AppContext>;
type Wiz<'a> = State<'a, WizardState>;

/// The app's context and wizard state, for a closure on the blocking pool.
fn states<R: Runtime>(app: &AppHandle<R>) -> (Ctx<'_>, Wiz<'_>) {
    (app.state::<AppContext>(), app.state::<WizardState>())
}

#[tauri::command]
pub async fn import_open_path<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    read: Option<ReadOptions>,
) -> Result<ImportPreview, IpcError> {
    on_blocking_pool(app, move |app| {
        app.state::<numdesk_commands::PathGrants>()
            .check_open(&path)?;
        let (ctx, wiz) = states(app);
        core::import_open_path(&ctx, &wiz, &path, &read.unwrap_or_default())
    })
    .await
}

#[tauri::command]
pub async fn import_open_text<R: Runtime>(
    app: AppHandle<R>,
    text: String,
) -> Result<ImportPreview, IpcError> {
    on_blocking_pool(app, move |app| {
        let (ctx, wiz) = states(app);
        core::import_open_text(&ctx, &wiz, &text)
    })
    .await
}

#[tauri::command]
pub async fn import_reread<R: Runtime>(
    app: AppHandle<R>,
    read: ReadOptions,
) -> Result<ImportPreview, IpcError> {
    on_blocking_pool(app, move |app| {
        let (ctx, wiz) = states(app);
        core::import_reread(&ctx, &wiz, &read)
    })
    .await
}

#[tauri::command]
pub async fn import_columns<R: Runtime>(
    app: AppHandle<R>,
    header_row: Option<u32>,
) -> Result<ColumnsPreview, IpcError> {
    on_blocking_pool(app, move |app| {
        let (ctx, wiz) = states(app);
        core::import_columns(&ctx, &wiz, header_row)
    })
    .await
}

#[tauri::command]
pub async fn import_process<R: Runtime>(
    app: AppHandle<R>,
    request: ProcessRequest,
    on_progress: Channel<ImportProgress>,
) -> Result<WorkbenchSummary, IpcError> {
    on_blocking_pool(app, move |app| {
        let (ctx, wiz) = states(app);
        core::import_process(&ctx, &wiz, &request, &mut |p| {
            // A closed window only loses the progress, not the import.
            let _ = on_progress.send(p);
        })
    })
    .await
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

#[tauri::command]
pub async fn draft_open<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    lang: Option<Language>,
) -> Result<WorkbenchSummary, IpcError> {
    on_blocking_pool(app, move |app| {
        let (ctx, wiz) = states(app);
        core::draft_open(&ctx, &wiz, id, lang)
    })
    .await
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

#[tauri::command]
pub async fn draft_export<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    format: ExportFormat,
) -> Result<u32, IpcError> {
    on_blocking_pool(app, move |app| {
        app.state::<numdesk_commands::PathGrants>()
            .check_save(&path)?;
        core::draft_export(&app.state::<WizardState>(), &path, format)
    })
    .await
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
