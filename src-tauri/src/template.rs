//! The import template, saved where the user chose in the save dialog (`dialog_save`; any other
//! path is refused).

use std::path::PathBuf;

use numdesk_commands::{self as core, AppContext, IpcError, Language, PathGrants, TemplateFormat};
use tauri::{AppHandle, Manager, Runtime};

/// Writes the file on the blocking pool.
#[tauri::command]
pub async fn template_save<R: Runtime>(
    app: AppHandle<R>,
    path: PathBuf,
    format: TemplateFormat,
    lang: Option<Language>,
) -> Result<u64, IpcError> {
    crate::blocking::on_blocking_pool(app, move |app| {
        app.state::<PathGrants>().check_save(&path)?;
        core::template_save(&app.state::<AppContext>(), &path, format, lang)
    })
    .await
}
