//! The native open and save dialogs, opened from Rust so that the app knows which paths the user
//! chose (`numdesk_commands::PathGrants`): the webview can ask for a dialog, not name a file.
//! Files dropped on the window are recorded by `lib.rs`'s window-event handler.

use numdesk_commands::{IpcError, PathGrants};
use tauri::{AppHandle, Manager, Runtime, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::blocking::on_blocking_pool;

/// The open dialog for a number list; the chosen path, or `None` when the user cancels.
#[tauri::command]
pub async fn dialog_open_import<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    filter_name: String,
) -> Result<Option<String>, IpcError> {
    on_blocking_pool(app, move |app| {
        let chosen = app
            .dialog()
            .file()
            .set_parent(&window)
            .add_filter(filter_name, &numdesk_commands::IMPORT_EXTENSIONS)
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok());
        Ok(chosen.map(|path| {
            app.state::<PathGrants>().grant_open(&path);
            path.display().to_string()
        }))
    })
    .await
}

/// The save dialog proposing `default_name`; the chosen path, or `None` when the user cancels.
#[tauri::command]
pub async fn dialog_save<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    default_name: String,
    filter_name: String,
    extensions: Vec<String>,
) -> Result<Option<String>, IpcError> {
    on_blocking_pool(app, move |app| {
        let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
        let chosen = app
            .dialog()
            .file()
            .set_parent(&window)
            .set_file_name(default_name)
            .add_filter(filter_name, &extensions)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok());
        Ok(chosen.map(|path| {
            app.state::<PathGrants>().grant_save(&path);
            path.display().to_string()
        }))
    })
    .await
}
