//! The commands through Tauri's real IPC layer on the mock runtime: argument names, JSON shapes
//! and state wiring, without a window.

use crate::common::{app, invoke, stop, window};
use serde_json::json;

#[test]
fn app_info_crosses_ipc_in_camel_case_with_the_real_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app(dir.path());
    let info = invoke(&webview, "app_info", json!({})).expect("app_info succeeds");
    assert_eq!(info["dataDir"], json!(dir.path().display().to_string()));
    assert_eq!(
        info["version"],
        json!(env!("CARGO_PKG_VERSION")),
        "one version for the whole app"
    );
    assert!(
        info["sqliteVersion"].as_str().unwrap().starts_with("3."),
        "{info}"
    );
    assert_eq!(info["tauriVersion"], json!(tauri::VERSION));
    assert_eq!(
        info["endpoint"]["kind"],
        json!("sandbox"),
        "first run talks to the sandbox"
    );
}

#[test]
fn language_round_trips_through_ipc_and_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let (first, webview) = app(dir.path());
    assert_eq!(
        invoke(&webview, "preferences_get", json!({})).unwrap(),
        json!({ "language": null, "welcomeDismissed": false, "theme": "system" })
    );
    let saved = invoke(
        &webview,
        "preferences_set_language",
        json!({ "language": "zh-CN" }),
    );
    assert_eq!(
        saved.unwrap(),
        json!({ "language": "zh-CN", "welcomeDismissed": false, "theme": "system" })
    );
    invoke(&webview, "preferences_dismiss_welcome", json!({})).unwrap();
    let dark = invoke(
        &webview,
        "preferences_set_theme",
        json!({ "theme": "dark" }),
    )
    .unwrap();
    assert_eq!(dark["theme"], "dark");
    drop(webview);
    // Quit, then launch again over the same data directory.
    stop(first);
    let (_app, webview) = app(dir.path());
    assert_eq!(
        invoke(&webview, "preferences_get", json!({})).unwrap(),
        json!({ "language": "zh-CN", "welcomeDismissed": true, "theme": "dark" }),
        "rule: the chosen language, theme and the dismissed welcome survive a restart (in the database)"
    );
}

#[test]
fn an_unknown_language_is_rejected_by_argument_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app(dir.path());
    let err = invoke(
        &webview,
        "preferences_set_language",
        json!({ "language": "fr" }),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("unknown variant"),
        "only en and zh-CN are accepted: {err}"
    );
    assert_eq!(
        invoke(&webview, "preferences_get", json!({})).unwrap(),
        json!({ "language": null, "welcomeDismissed": false, "theme": "system" })
    );
}

#[test]
fn a_window_without_a_capability_cannot_call_commands() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _main) = app(dir.path());
    let other = window(&app, "other");
    let err = invoke(&other, "app_info", json!({})).unwrap_err();
    assert!(
        err.to_string().contains("not allowed"),
        "rule: commands are granted per window by capabilities/main.json: {err}"
    );
}
