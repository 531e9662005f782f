//! The Number Desk desktop shell.
//!
//! Commands (`commands.rs`) are a few lines each: arguments in, a call into `numdesk-commands`,
//! errors out as `{code, message, details}`. Start-up (`setup`) resolves the data directory and
//! opens the app's state; nothing here holds business logic.

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use numdesk_commands::{AppContext, ShellInfo};
use tauri::{Manager, Runtime};

/// Registers the commands and start-up on any runtime, so tests can use Tauri's mock runtime.
///
/// `data_dir` replaces the OS app-data directory when given (tests, `NUMDESK_DATA_DIR`).
pub fn build<R: Runtime>(
    builder: tauri::Builder<R>,
    data_dir: Option<PathBuf>,
) -> tauri::Builder<R> {
    builder
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::preferences_get,
            commands::preferences_set_language,
        ])
        .setup(move |app| start(app.handle(), data_dir))
}

/// Opens the app's state and hands it to Tauri. Runs once, before the window loads; tests on the
/// mock runtime (where no event loop runs `setup`) call it directly.
pub fn start<R: Runtime>(
    app: &tauri::AppHandle<R>,
    data_dir: Option<PathBuf>,
) -> Result<(), Box<dyn std::error::Error>> {
    let context = open_context(app, data_dir)?;
    app.manage(context);
    Ok(())
}

fn open_context<R: Runtime>(
    app: &tauri::AppHandle<R>,
    data_dir: Option<PathBuf>,
) -> Result<AppContext, Box<dyn std::error::Error>> {
    let data_dir = match data_dir {
        Some(dir) => dir,
        None => app.path().app_data_dir()?,
    };
    let package = app.package_info();
    let shell = ShellInfo {
        app_name: package.name.clone(),
        version: package.version.to_string(),
        tauri_version: tauri::VERSION.to_string(),
    };
    Ok(tauri::async_runtime::block_on(AppContext::start(
        &data_dir, shell,
    ))?)
}

/// Runs the app until its last window closes.
pub fn run() -> ExitCode {
    let data_dir = numdesk_commands::data_dir_override();
    let result = build(tauri::Builder::default(), data_dir).run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Number Desk could not start: {err}");
            ExitCode::FAILURE
        }
    }
}
