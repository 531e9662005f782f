//! The Overview: a thin command over `numdesk_commands::overview`.

use numdesk_commands::{self as core, AppContext, IpcError, Overview, SubmitState};
use tauri::{AppHandle, Manager, Runtime};

use crate::blocking::on_blocking_pool;

/// Counts per status, what went live this week and what needs the user (the sidebar's count).
#[tauri::command]
pub async fn overview_get<R: Runtime>(app: AppHandle<R>) -> Result<Overview, IpcError> {
    on_blocking_pool(app, move |app| {
        let ctx = app.state::<AppContext>();
        let state = app.state::<SubmitState>();
        core::overview_get(&ctx, &state)
    })
    .await
}
