//! The import template, saved where the user chose in the save dialog (the dialog runs in the
//! webview through tauri-plugin-dialog; only the chosen path reaches this command).

use std::path::PathBuf;

use numdesk_commands::{self as core, AppContext, IpcError, Language, TemplateFormat};
use tauri::State;

#[tauri::command(async)]
pub fn template_save(
    ctx: State<'_, AppContext>,
    path: PathBuf,
    format: TemplateFormat,
    lang: Option<Language>,
) -> Result<u64, IpcError> {
    core::template_save(&ctx, &path, format, lang)
}
