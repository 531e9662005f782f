//! Settings commands: the Tencent connection, the Sandbox ↔ Tencent switch, test connection.
//! Thin wrappers over `numdesk_commands::settings`; keychain and database work runs off the
//! async threads.

use numdesk_commands::{
    self as core, AppContext, ConnectionKind, ErrorCode, IpcError, SaveResult, SettingsInput,
    SettingsView, TestConnectionResult,
};
use tauri::{AppHandle, Manager, Runtime, State};

#[tauri::command(async)]
pub fn settings_get(ctx: State<'_, AppContext>) -> Result<SettingsView, IpcError> {
    core::settings_get(&ctx)
}

#[tauri::command(async)]
pub fn settings_save(
    ctx: State<'_, AppContext>,
    input: SettingsInput,
) -> Result<SaveResult, IpcError> {
    core::settings_save(&ctx, &input)
}

#[tauri::command(async)]
pub fn settings_forget_key(ctx: State<'_, AppContext>) -> Result<SettingsView, IpcError> {
    core::settings_forget_key(&ctx)
}

#[tauri::command(async)]
pub fn connection_use_sandbox(ctx: State<'_, AppContext>) -> Result<SettingsView, IpcError> {
    core::connection_use_sandbox(&ctx)
}

#[tauri::command(async)]
pub fn connection_use_tencent(ctx: State<'_, AppContext>) -> Result<SettingsView, IpcError> {
    core::connection_use_tencent(&ctx)
}

/// Reads the key in a blocking task, then calls `DescribeCCCBuyInfoList` on the async runtime.
#[tauri::command]
pub async fn settings_test_connection<R: Runtime>(
    app: AppHandle<R>,
    connection: ConnectionKind,
) -> Result<TestConnectionResult, IpcError> {
    let plan = tauri::async_runtime::spawn_blocking(move || {
        core::prepare_test_connection(&app.state::<AppContext>(), connection)
    })
    .await
    .map_err(|err| IpcError::new(ErrorCode::Internal, format!("test connection: {err}")))??;
    core::run_test_connection(plan).await
}
