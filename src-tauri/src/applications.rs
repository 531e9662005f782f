//! Applications screen: thin `#[tauri::command]`s over `numdesk_commands::applications`. Database
//! and file work runs on Tauri's thread pool; refresh and modify read the active connection (the
//! keychain) in a blocking task, then call Tencent (or the sandbox) on the async runtime.

use std::path::PathBuf;

use numdesk_commands::{
    self as core, AppContext, ApplicationChanges, ApplicationDetail, ApplicationsListPage,
    ConnectionPlan, ErrorCode, ExportFormat, IpcError, ModifyReport, RefreshReport,
};
use numdesk_store::{ApplicationQuery, ApplicationSummary};
use tauri::{AppHandle, Manager, Runtime};

use crate::blocking::with_context;

#[tauri::command]
pub async fn applications_list<R: Runtime>(
    app: AppHandle<R>,
    query: ApplicationQuery,
) -> Result<ApplicationsListPage, IpcError> {
    with_context(app, move |ctx| core::applications_list(ctx, &query)).await
}

#[tauri::command]
pub async fn application_detail<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    numbers_offset: Option<u32>,
    numbers_limit: Option<u32>,
) -> Result<ApplicationDetail, IpcError> {
    with_context(app, move |ctx| {
        core::application_detail(
            ctx,
            id,
            numbers_offset.unwrap_or(0),
            numbers_limit.unwrap_or(0),
        )
    })
    .await
}

/// The active connection's client settings, read off the async threads (keychain).
pub(crate) async fn plan<R: Runtime>(app: &AppHandle<R>) -> Result<ConnectionPlan, IpcError> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        core::active_connection_plan(&app.state::<AppContext>())
    })
    .await
    .map_err(|err| {
        IpcError::new(
            ErrorCode::Internal,
            format!("reading the connection: {err}"),
        )
    })?
}

#[tauri::command]
pub async fn applications_refresh<R: Runtime>(
    app: AppHandle<R>,
    ids: Option<Vec<i64>>,
) -> Result<RefreshReport, IpcError> {
    let plan = plan(&app).await?;
    core::applications_refresh(&app.state::<AppContext>(), plan, ids).await
}

#[tauri::command]
pub async fn application_modify<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    changes: ApplicationChanges,
) -> Result<ModifyReport, IpcError> {
    let plan = plan(&app).await?;
    core::application_modify(&app.state::<AppContext>(), plan, id, &changes).await
}

#[tauri::command]
pub async fn application_resolve<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
    apply_id: String,
) -> Result<ApplicationSummary, IpcError> {
    with_context(app, move |ctx| {
        core::application_resolve(ctx, id, &apply_id)
    })
    .await
}

#[tauri::command]
pub async fn application_mark_not_created<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
) -> Result<ApplicationSummary, IpcError> {
    with_context(app, move |ctx| core::application_mark_not_created(ctx, id)).await
}

#[tauri::command]
pub async fn applications_draft_from_failed<R: Runtime>(
    app: AppHandle<R>,
    ids: Vec<i64>,
) -> Result<i64, IpcError> {
    with_context(app, move |ctx| {
        core::applications_draft_from_failed(ctx, &ids)
    })
    .await
}

/// Writing the export is heavy: it runs on the blocking pool.
#[tauri::command]
pub async fn applications_export<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    format: ExportFormat,
    query: ApplicationQuery,
) -> Result<u32, IpcError> {
    crate::blocking::on_blocking_pool(app, move |app| {
        app.state::<numdesk_commands::PathGrants>()
            .check_save(&path)?;
        core::applications_export(&app.state::<AppContext>(), &path, format, &query)
    })
    .await
}
