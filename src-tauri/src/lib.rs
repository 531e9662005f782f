//! The Number Desk desktop shell.
//!
//! Commands (`commands.rs`) are a few lines each: arguments in, a call into `numdesk-commands`,
//! errors out as `{code, message, details}`. Start-up (`setup`) resolves the data directory and
//! opens the app's state; nothing here holds business logic.

mod commands;

use std::process::ExitCode;

use numdesk_commands::{ActiveEndpoint, AppContext, ShellInfo};
use tauri::{Manager, Runtime};

/// Registers the commands and start-up on any runtime, so tests can use Tauri's mock runtime.
pub fn build<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::preferences_get,
            commands::preferences_set_language,
        ])
        .setup(|app| {
            let context = open_context(app.handle())?;
            app.manage(context);
            Ok(())
        })
}

fn open_context<R: Runtime>(
    app: &tauri::AppHandle<R>,
) -> Result<AppContext, Box<dyn std::error::Error>> {
    let data_dir = match numdesk_commands::data_dir_override() {
        Some(dir) => dir,
        None => app.path().app_data_dir()?,
    };
    let package = app.package_info();
    let shell = ShellInfo {
        app_name: package.name.clone(),
        version: package.version.to_string(),
        tauri_version: tauri::VERSION.to_string(),
    };
    Ok(AppContext::open(&data_dir, shell, ActiveEndpoint::sandbox("http://127.0.0.1"))?)
}

/// Runs the app until its last window closes.
pub fn run() -> ExitCode {
    let result = build(tauri::Builder::default()).run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Number Desk could not start: {err}");
            ExitCode::FAILURE
        }
    }
}
