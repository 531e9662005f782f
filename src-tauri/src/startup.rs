//! Start-up: one window per data directory, and a failure the user can see.
//!
//! - A second launch hands over to the running app (`tauri-plugin-single-instance`), which shows
//!   and focuses its window; the second process exits 0 before it touches the database.
//! - A start-up that fails (database too new, outbox lock held by the CLI, unreadable data
//!   directory…) is logged and shown in a native dialog; the app exits 1 when it is closed.

use std::path::Path;

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

use crate::support::LogDir;

/// The single-instance plugin. On Linux the instance is found on D-Bus under the app's
/// identifier, or, when `NUMDESK_DATA_DIR` points elsewhere, under an id of that directory (two
/// data directories are two apps). Without a D-Bus session the app starts normally.
pub fn single_instance<R: Runtime>(data_dir: Option<&Path>) -> TauriPlugin<R> {
    let builder = tauri_plugin_single_instance::Builder::new().callback(|app, _argv, _cwd| {
        tracing::info!("another launch of Number Desk: showing this window instead");
        if let Some(window) = app.webview_windows().into_values().next() {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    });
    match data_dir {
        Some(dir) if cfg!(target_os = "linux") => {
            let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
            builder.dbus_id(format!("{IDENTIFIER}.d{}", short_hash(&dir)))
        }
        _ => builder,
    }
    .build()
}

/// `identifier` in tauri.conf.json.
const IDENTIFIER: &str = "com.numberdesk.desktop";

/// A short, stable, D-Bus-safe id of a path (FNV-1a, hex).
fn short_hash(path: &Path) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.as_os_str().as_encoded_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Logs `err`, hides the window, and shows the failure in a native dialog; the app exits 1 when
/// the dialog is closed.
pub fn failed<R: Runtime>(app: &AppHandle<R>, err: &dyn std::error::Error) {
    tracing::error!(error = %err, "Number Desk could not start");
    eprintln!("Number Desk could not start: {err}");
    for window in app.webview_windows().into_values() {
        let _ = window.hide();
        // The UI would call commands that need the state that failed to open.
        if let Ok(blank) = "about:blank".parse() {
            let _ = window.navigate(blank);
        }
    }
    let logs = app
        .try_state::<LogDir>()
        .and_then(|l| l.0.clone())
        .map(|dir| format!("\n\nThe log is in {}.", dir.display()))
        .unwrap_or_default();
    let handle = app.clone();
    app.dialog()
        .message(format!("{err}{logs}"))
        .title("Number Desk could not start")
        .kind(MessageDialogKind::Error)
        .buttons(MessageDialogButtons::Ok)
        .show(move |_| handle.exit(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identifier_is_the_configured_one() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        assert_eq!(conf["identifier"], IDENTIFIER);
    }

    #[test]
    fn each_data_directory_has_its_own_stable_id() {
        let a = short_hash(Path::new("/tmp/a"));
        assert_eq!(a, short_hash(Path::new("/tmp/a")));
        assert_ne!(a, short_hash(Path::new("/tmp/b")));
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()) && a.len() == 16);
    }
}
