//! `#[tauri::command]`s: take arguments, call `numdesk-commands`, return its result.
//! Blocking database work runs on Tauri's thread pool (`async` attribute on a sync fn).

use numdesk_commands::{self as core, AppContext, AppInfo, IpcError, Language, Preferences};
use tauri::State;

#[tauri::command(async)]
pub fn app_info(ctx: State<'_, AppContext>) -> Result<AppInfo, IpcError> {
    core::app_info(&ctx)
}

#[tauri::command(async)]
pub fn preferences_get(ctx: State<'_, AppContext>) -> Result<Preferences, IpcError> {
    core::preferences_get(&ctx)
}

#[tauri::command(async)]
pub fn preferences_set_language(
    ctx: State<'_, AppContext>,
    language: Language,
) -> Result<Preferences, IpcError> {
    core::preferences_set_language(&ctx, language)
}

#[tauri::command(async)]
pub fn preferences_dismiss_welcome(ctx: State<'_, AppContext>) -> Result<Preferences, IpcError> {
    core::preferences_dismiss_welcome(&ctx)
}
