//! Logs and the support bundle. The logging set-up and the redaction live in `numdesk-support`;
//! here the shell only picks the directory (Tauri's app log directory, or `<data dir>/logs` when
//! `NUMDESK_DATA_DIR` is set) and starts it before anything else runs.

use std::path::PathBuf;

use numdesk_commands::{self as core, AppContext, IpcError, SupportBundleSaved};
use numdesk_support::logging::{self, LogConfig};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};

/// Where this run's log files are (`None` when logging could not start).
#[derive(Debug, Clone, Default)]
pub struct LogDir(pub Option<PathBuf>);

/// A plugin whose set-up starts logging; plugins are set up before the app's own `setup`, so the
/// start-up of the app's state is logged too.
pub fn log_plugin<R: Runtime>(data_dir: Option<PathBuf>) -> TauriPlugin<R> {
    tauri::plugin::Builder::new("numdesk-logs")
        .setup(move |app, _api| {
            let dir = match &data_dir {
                Some(dir) => dir.join("logs"),
                None => app.path().app_log_dir()?,
            };
            let dir = match logging::init(&LogConfig::new(&dir)) {
                Ok(handle) => Some(handle.dir().to_path_buf()),
                Err(err) => {
                    // The app works without a log file; say why on stderr.
                    eprintln!("Number Desk runs without a log file: {err}");
                    None
                }
            };
            app.manage(LogDir(dir));
            Ok(())
        })
        .build()
}

/// Reads the logs and writes the zip on the blocking pool.
#[tauri::command]
pub async fn support_bundle_save<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    include_numbers: bool,
) -> Result<SupportBundleSaved, IpcError> {
    crate::blocking::on_blocking_pool(app, move |app| {
        app.state::<numdesk_commands::PathGrants>()
            .check_save(std::path::Path::new(&path))?;
        let logs = app.try_state::<LogDir>().and_then(|l| l.0.clone());
        let ctx = app.state::<AppContext>();
        core::support_bundle_save(&ctx, path.as_ref(), include_numbers, logs.as_deref())
    })
    .await
}
