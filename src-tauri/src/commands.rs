//! `#[tauri::command]`s: take arguments, call `numdesk-commands`, return its result.
//! Blocking database work runs on Tauri's thread pool (`async` attribute on a sync fn).

use numdesk_commands::{self as core, AppContext, AppInfo, IpcError, Language, Preferences, Theme};
use tauri::{AppHandle, Manager, Runtime};

use crate::blocking::on_blocking_pool;

#[tauri::command]
pub async fn app_info<R: Runtime>(app: AppHandle<R>) -> Result<AppInfo, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        core::app_info(&ctx)
    })
    .await
}

#[tauri::command]
pub async fn preferences_get<R: Runtime>(app: AppHandle<R>) -> Result<Preferences, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        core::preferences_get(&ctx)
    })
    .await
}

#[tauri::command]
pub async fn preferences_set_language<R: Runtime>(
    app: AppHandle<R>,
    language: Language,
) -> Result<Preferences, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        core::preferences_set_language(&ctx, language)
    })
    .await
}

#[tauri::command]
pub async fn preferences_dismiss_welcome<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Preferences, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        core::preferences_dismiss_welcome(&ctx)
    })
    .await
}

#[tauri::command]
pub async fn preferences_set_theme<R: Runtime>(
    app: AppHandle<R>,
    theme: Theme,
) -> Result<Preferences, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        core::preferences_set_theme(&ctx, theme)
    })
    .await
}
