//! The Number Desk desktop shell.
//!
//! Commands (`commands.rs`) are a few lines each: arguments in, a call into `numdesk-commands`,
//! errors out as `{code, message, details}`. Start-up (`setup`) resolves the data directory and
//! opens the app's state; nothing here holds business logic.

mod applications;
mod blocking;
mod commands;
mod files;
mod overview;
mod settings;
mod startup;
mod submit;
mod support;
mod template;
mod updates;
mod watch;
mod wizard;

use std::path::PathBuf;
use std::process::ExitCode;

use numdesk_commands::{AppContext, Secrets, ShellInfo};
use tauri::{Manager, Runtime};

pub use support::LogDir;
pub use updates::PendingUpdate;

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
            files::dialog_open_import,
            files::dialog_save,
            commands::preferences_get,
            commands::preferences_set_language,
            commands::preferences_dismiss_welcome,
            commands::preferences_set_theme,
            overview::overview_get,
            settings::settings_get,
            settings::settings_save,
            settings::settings_test_connection,
            settings::settings_forget_key,
            settings::connection_use_sandbox,
            settings::connection_use_tencent,
            wizard::import_open_path,
            wizard::import_open_text,
            wizard::import_reread,
            wizard::import_columns,
            wizard::import_process,
            wizard::import_rows_page,
            wizard::drafts_list,
            wizard::draft_open,
            wizard::draft_edit_row,
            wizard::draft_bulk_set,
            wizard::draft_write_numbers,
            wizard::draft_delete_rows,
            wizard::draft_export,
            wizard::draft_rename,
            wizard::draft_duplicate,
            wizard::draft_delete,
            applications::applications_list,
            applications::application_detail,
            applications::applications_refresh,
            applications::application_modify,
            applications::application_resolve,
            applications::application_mark_not_created,
            applications::applications_draft_from_failed,
            applications::applications_export,
            template::template_save,
            submit::submit_preview,
            submit::submit_start,
            submit::outbox_pause,
            submit::outbox_resume,
            submit::outbox_cancel,
            submit::outbox_send_queued,
            submit::outbox_resend_unknown,
            submit::outbox_status,
            submit::sandbox_faults_get,
            submit::sandbox_faults_set,
            submit::sandbox_approval_get,
            submit::sandbox_approval_set,
            support::support_bundle_save,
            watch::watch_settings_get,
            watch::watch_settings_set,
            watch::watch_status,
            watch::watch_check_now,
            watch::live_numbers_read,
            watch::live_numbers_list,
            updates::updates_check,
            updates::updates_install,
        ])
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        // `plugins.updater` in tauri.conf.json: the release's latest.json and the public key.
        // Only `updates_check`/`updates_install` use it; the webview has no updater permission.
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(updates::PendingUpdate::default())
        .manage(numdesk_commands::PathGrants::default())
        // Files dropped on the window may be imported (the webview then names one of them).
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                let grants = window.state::<numdesk_commands::PathGrants>();
                for path in paths {
                    grants.grant_open(path);
                }
            }
        })
        .setup(move |app| {
            if let Err(err) = start(app.handle(), data_dir) {
                // Shown in a native dialog (and logged); the app exits when it is closed.
                startup::failed(app.handle(), err.as_ref());
                return Ok(());
            }
            // The approval watch runs while the app is open (tests on the mock runtime call
            // `start` only, and run passes themselves).
            watch::spawn(app.handle());
            Ok(())
        })
}

/// Opens the app's state and hands it to Tauri. Runs once, before the window loads; tests on the
/// mock runtime (where no event loop runs `setup`) call it directly.
pub fn start<R: Runtime>(
    app: &tauri::AppHandle<R>,
    data_dir: Option<PathBuf>,
) -> Result<(), Box<dyn std::error::Error>> {
    let context = open_context(app, data_dir, None)?;
    app.manage(context);
    app.manage(numdesk_commands::WizardState::default());
    app.manage(numdesk_commands::SubmitState::default());
    Ok(())
}

/// [`start`] with a given credential store instead of the OS keychain (tests use
/// [`Secrets::memory`]).
pub fn start_with_secrets<R: Runtime>(
    app: &tauri::AppHandle<R>,
    data_dir: Option<PathBuf>,
    secrets: Secrets,
) -> Result<(), Box<dyn std::error::Error>> {
    let context = open_context(app, data_dir, Some(secrets))?;
    app.manage(context);
    app.manage(numdesk_commands::WizardState::default());
    app.manage(numdesk_commands::SubmitState::default());
    Ok(())
}

fn open_context<R: Runtime>(
    app: &tauri::AppHandle<R>,
    data_dir: Option<PathBuf>,
    secrets: Option<Secrets>,
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
    // Without a given store, `AppContext::start` opens the OS keychain in a blocking task.
    Ok(tauri::async_runtime::block_on(async {
        match secrets {
            Some(secrets) => AppContext::start_with_secrets(&data_dir, shell, secrets).await,
            None => AppContext::start(&data_dir, shell).await,
        }
    })?)
}

/// Runs the app until its last window closes.
pub fn run() -> ExitCode {
    let data_dir = numdesk_commands::data_dir_override();
    // The single-instance plugin first: a second launch hands over before anything else starts.
    let builder = tauri::Builder::default()
        .plugin(startup::single_instance(data_dir.as_deref()))
        .plugin(support::log_plugin(data_dir.clone()));
    let result = build(builder, data_dir).run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Number Desk could not start: {err}");
            ExitCode::FAILURE
        }
    }
}
