//! Settings commands: the Tencent connection, the Sandbox ↔ Tencent switch, test connection.
//! Thin wrappers over `numdesk_commands::settings`; keychain and database work runs off the
//! async threads.

use numdesk_commands::{
    self as core, AppContext, ConnectionKind, ErrorCode, IpcError, SaveResult, SettingsInput,
    SettingsView, TestConnectionResult,
};
use tauri::{AppHandle, Manager, Runtime};

use crate::blocking::with_context;

#[tauri::command]
pub async fn settings_get<R: Runtime>(app: AppHandle<R>) -> Result<SettingsView, IpcError> {
    with_context(app, core::settings_get).await
}

#[tauri::command]
pub async fn settings_save<R: Runtime>(
    app: AppHandle<R>,
    input: SettingsInput,
) -> Result<SaveResult, IpcError> {
    with_context(app, move |ctx| core::settings_save(ctx, &input)).await
}

#[tauri::command]
pub async fn settings_forget_key<R: Runtime>(app: AppHandle<R>) -> Result<SettingsView, IpcError> {
    with_context(app, core::settings_forget_key).await
}

#[tauri::command]
pub async fn connection_use_sandbox<R: Runtime>(
    app: AppHandle<R>,
) -> Result<SettingsView, IpcError> {
    with_context(app, core::connection_use_sandbox).await
}

#[tauri::command]
pub async fn connection_use_tencent<R: Runtime>(
    app: AppHandle<R>,
) -> Result<SettingsView, IpcError> {
    with_context(app, core::connection_use_tencent).await
}

/// Reads the key in a blocking task, then calls `DescribeCCCBuyInfoList` on the async runtime.
#[tauri::command]
pub async fn settings_test_connection<R: Runtime>(
    app: AppHandle<R>,
    connection: ConnectionKind,
) -> Result<TestConnectionResult, IpcError> {
    let plan = tauri::async_runtime::spawn_blocking(move || {
        core::connection_plan(&app.state::<AppContext>(), connection)
    })
    .await
    .map_err(|err| IpcError::new(ErrorCode::Internal, format!("test connection: {err}")))??;
    core::run_test_connection(plan).await
}
