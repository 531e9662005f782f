//! Every command that touches the database, the keychain or a file runs on the blocking pool.
//! `#[tauri::command(async)]` on a plain `fn` would run its body on an async worker, the same few
//! threads that carry Tencent requests and the approval watch: a long import there, or a query
//! waiting for the store's lock behind one, would stall them.

use numdesk_commands::{AppContext, ErrorCode, IpcError};
use tauri::{AppHandle, Manager, Runtime};

/// Runs `f` with the app on Tauri's blocking pool and waits for it without holding a worker.
pub(crate) async fn on_blocking_pool<R: Runtime, T: Send + 'static>(
    app: AppHandle<R>,
    f: impl FnOnce(&AppHandle<R>) -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(move || f(&app))
        .await
        .map_err(|err| {
            IpcError::new(
                ErrorCode::Internal,
                format!("a background task failed: {err}"),
            )
        })?
}

/// [`on_blocking_pool`] for the commands that need only the app's context.
pub(crate) async fn with_context<R: Runtime, T: Send + 'static>(
    app: AppHandle<R>,
    f: impl FnOnce(&AppContext) -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    on_blocking_pool(app, move |app| f(&app.state::<AppContext>())).await
}
