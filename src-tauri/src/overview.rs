//! The Overview: a thin command over `numdesk_commands::overview`.

use numdesk_commands::{self as core, AppContext, IpcError, Overview, SubmitState};
use tauri::State;

/// Counts per status, what went live this week and what needs the user (the sidebar's count).
#[tauri::command(async)]
pub fn overview_get(
    ctx: State<'_, AppContext>,
    state: State<'_, SubmitState>,
) -> Result<Overview, IpcError> {
    core::overview_get(&ctx, &state)
}
