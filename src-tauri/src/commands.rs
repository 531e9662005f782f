//! `#[tauri::command]`s: take arguments, call `numdesk-commands`, return its result.
//! Each runs on the blocking pool (`with_context`), never on the async workers.

use numdesk_commands::{self as core, AppInfo, IpcError, Language, Preferences, Theme};
use tauri::{AppHandle, Runtime};

use crate::blocking::with_context;

#[tauri::command]
pub async fn app_info<R: Runtime>(app: AppHandle<R>) -> Result<AppInfo, IpcError> {
    with_context(app, core::app_info).await
}

#[tauri::command]
pub async fn preferences_get<R: Runtime>(app: AppHandle<R>) -> Result<Preferences, IpcError> {
    with_context(app, core::preferences_get).await
}

#[tauri::command]
pub async fn preferences_set_language<R: Runtime>(
    app: AppHandle<R>,
    language: Language,
) -> Result<Preferences, IpcError> {
    with_context(app, move |ctx| {
        core::preferences_set_language(ctx, language)
    })
    .await
}

#[tauri::command]
pub async fn preferences_dismiss_welcome<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Preferences, IpcError> {
    with_context(app, core::preferences_dismiss_welcome).await
}

#[tauri::command]
pub async fn preferences_set_theme<R: Runtime>(
    app: AppHandle<R>,
    theme: Theme,
) -> Result<Preferences, IpcError> {
    with_context(app, move |ctx| core::preferences_set_theme(ctx, theme)).await
}
