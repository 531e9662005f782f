//! The approval watch in the shell: the task that runs it, OS notifications (and the
//! `watch-changed` event the UI badges Applications with), and thin commands.

use std::sync::Arc;

use numdesk_commands::{
    self as core, AppContext, IpcError, LiveNumbersRead, WatchNotice, WatchNotifier, WatchSettings,
    WatchStatus,
};
use numdesk_store::LiveNumber;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::blocking::with_context;
use tauri_plugin_notification::NotificationExt;

/// The event the UI listens to: a [`WatchNotice`].
pub const WATCH_EVENT: &str = "watch-changed";

/// Tells the user through an OS notification and the window (badge, list).
struct ShellNotifier<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> WatchNotifier for ShellNotifier<R> {
    fn notify(&self, notice: &WatchNotice) {
        if let Err(err) = self
            .app
            .notification()
            .builder()
            .title(&notice.title)
            .body(&notice.body)
            .show()
        {
            // No notification service (e.g. a bare X server): the window still shows it.
            tracing::info!(%err, "approval watch: OS notification not shown");
        }
        if let Err(err) = self.app.emit(WATCH_EVENT, notice) {
            tracing::warn!(%err, "approval watch: could not tell the window");
        }
    }
}

/// Starts the watch task; it runs until the app exits.
pub fn spawn<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let notifier = Arc::new(ShellNotifier { app: app.clone() });
        let ctx = app.state::<AppContext>();
        // The active connection is read (keychain) on the blocking pool before each pass.
        core::watch_loop(ctx.inner(), notifier, || crate::applications::plan(&app)).await;
    });
}

#[tauri::command]
pub async fn watch_settings_get<R: Runtime>(app: AppHandle<R>) -> Result<WatchSettings, IpcError> {
    with_context(app, core::watch_settings_get).await
}

#[tauri::command]
pub async fn watch_settings_set<R: Runtime>(
    app: AppHandle<R>,
    settings: WatchSettings,
) -> Result<WatchSettings, IpcError> {
    with_context(app, move |ctx| core::watch_settings_set(ctx, &settings)).await
}

#[tauri::command]
pub fn watch_status(ctx: State<'_, AppContext>) -> WatchStatus {
    core::watch_status(&ctx)
}

/// "Check now": one pass over every watched SdkAppId.
#[tauri::command]
pub async fn watch_check_now<R: Runtime>(
    app: AppHandle<R>,
    ctx: State<'_, AppContext>,
) -> Result<WatchStatus, IpcError> {
    let notifier = ShellNotifier { app: app.clone() };
    let plan = crate::applications::plan(&app).await?;
    core::watch_once(&ctx, plan, &notifier, true).await?;
    Ok(core::watch_status(&ctx))
}

/// "Bring in the numbers already in this contact centre".
#[tauri::command]
pub async fn live_numbers_read<R: Runtime>(
    app: AppHandle<R>,
    sdk_app_id: u64,
) -> Result<LiveNumbersRead, IpcError> {
    let plan = crate::applications::plan(&app).await?;
    core::live_numbers_read(&app.state::<AppContext>(), plan, sdk_app_id).await
}

#[tauri::command]
pub async fn live_numbers_list<R: Runtime>(app: AppHandle<R>) -> Result<Vec<LiveNumber>, IpcError> {
    with_context(app, core::live_numbers_list).await
}
