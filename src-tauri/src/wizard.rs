//! Import wizard, review grid and drafts: thin `#[tauri::command]`s over `numdesk-commands`.
//! Everything here reads files or the database, so every command runs on the blocking pool
//! ([`on_blocking_pool`]).

use std::path::PathBuf;

use numdesk_commands::{
    self as core, AppContext, BulkSet, ColumnsPreview, ExportFormat, GridRow, ImportPreview,
    ImportProgress, IpcError, Language, OpenDraftSummary, ProcessRequest, RowEdit, RowFilter,
    RowsPage, WizardState,
};
use numdesk_import::{NumberForm, ReadOptions};
use numdesk_store::DraftSummary;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::blocking::{on_blocking_pool, with_context};

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
) -> Result<OpenDraftSummary, IpcError> {
    on_blocking_pool(app, move |app| {
        let (ctx, wiz) = states(app);
        core::import_process(&ctx, &wiz, &request, &mut |p| {
            // A closed window only loses the progress, not the import.
            let _ = on_progress.send(p);
        })
    })
    .await
}

#[tauri::command]
pub async fn import_rows_page<R: Runtime>(
    app: AppHandle<R>,
    offset: u32,
    limit: u32,
    filter: RowFilter,
) -> Result<RowsPage, IpcError> {
    on_blocking_pool(app, move |app| {
        let wiz = app.state::<WizardState>();
        core::import_rows_page(&wiz, offset, limit, filter)
    })
    .await
}

#[tauri::command]
pub async fn drafts_list<R: Runtime>(app: AppHandle<R>) -> Result<Vec<DraftSummary>, IpcError> {
    with_context(app, core::drafts_list).await
}

#[tauri::command]
pub async fn draft_open<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    lang: Option<Language>,
) -> Result<OpenDraftSummary, IpcError> {
    on_blocking_pool(app, move |app| {
        let (ctx, wiz) = states(app);
        core::draft_open(&ctx, &wiz, id, lang)
    })
    .await
}

#[tauri::command]
pub async fn draft_edit_row<R: Runtime>(
    app: AppHandle<R>,
    index: u32,
    edit: RowEdit,
) -> Result<GridRow, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        let wiz = app.state::<WizardState>();
        core::draft_edit_row(&ctx, &wiz, index, &edit)
    })
    .await
}

#[tauri::command]
pub async fn draft_bulk_set<R: Runtime>(
    app: AppHandle<R>,
    indices: Vec<u32>,
    set: BulkSet,
) -> Result<OpenDraftSummary, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        let wiz = app.state::<WizardState>();
        core::draft_bulk_set(&ctx, &wiz, &indices, &set)
    })
    .await
}

#[tauri::command]
pub async fn draft_write_numbers<R: Runtime>(
    app: AppHandle<R>,
    form: NumberForm,
) -> Result<OpenDraftSummary, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        let wiz = app.state::<WizardState>();
        core::draft_write_numbers(&ctx, &wiz, form)
    })
    .await
}

#[tauri::command]
pub async fn draft_delete_rows<R: Runtime>(
    app: AppHandle<R>,
    indices: Vec<u32>,
) -> Result<OpenDraftSummary, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        let wiz = app.state::<WizardState>();
        core::draft_delete_rows(&ctx, &wiz, &indices)
    })
    .await
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

#[tauri::command]
pub async fn draft_rename<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    name: String,
) -> Result<DraftSummary, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        let wiz = app.state::<WizardState>();
        core::draft_rename(&ctx, &wiz, id, &name)
    })
    .await
}

#[tauri::command]
pub async fn draft_duplicate<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    name: String,
) -> Result<DraftSummary, IpcError> {
    with_context(app, move |ctx| core::draft_duplicate(ctx, id, &name)).await
}

#[tauri::command]
pub async fn draft_delete<R: Runtime>(app: AppHandle<R>, id: i64) -> Result<(), IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        let wiz = app.state::<WizardState>();
        core::draft_delete(&ctx, &wiz, id)
    })
    .await
}
