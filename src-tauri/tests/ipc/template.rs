//! The template download and the native dialogs' permissions through Tauri's IPC on the mock
//! runtime: the webview reaches the dialogs only through the app's own commands.

use crate::common::{app, chose_save, invoke, ok};
use serde_json::json;

#[test]
fn template_save_writes_the_chosen_format_in_the_chosen_language() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());

    let xlsx = out.path().join("号码模板.xlsx");
    chose_save(&w, &xlsx);
    let n = ok(
        &w,
        "template_save",
        json!({ "path": xlsx, "format": "xlsx", "lang": "zh-CN" }),
    );
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(
        n,
        json!(bytes.len()),
        "the command reports the bytes written"
    );
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a ZIP file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&xlsx).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o600,
            "rule: files written for the user are theirs only"
        );
    }

    // Without `lang`, the UI's language (here: the saved preference) decides.
    ok(
        &w,
        "preferences_set_language",
        json!({ "language": "zh-CN" }),
    );
    let csv = out.path().join("template.csv");
    chose_save(&w, &csv);
    ok(&w, "template_save", json!({ "path": csv, "format": "csv" }));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.trim_start_matches('\u{feff}')
            .starts_with("号码（必填）,呼叫类型"),
        "rule: the template follows the UI language by default: {text}"
    );
}

#[test]
fn template_save_rejects_an_unknown_format_and_a_folder() {
    let data = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());
    let err = invoke(
        &w,
        "template_save",
        json!({ "path": data.path().join("t.ods"), "format": "ods" }),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("ods"),
        "an unknown format is refused by argument parsing: {err}"
    );
    chose_save(&w, data.path());
    let err = invoke(
        &w,
        "template_save",
        json!({ "path": data.path(), "format": "csv" }),
    )
    .unwrap_err();
    assert_eq!(
        err["code"], "invalid_input",
        "a folder is not a file name: {err}"
    );
}

#[test]
fn the_webview_has_no_dialog_plugin_permission() {
    let data = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());
    for cmd in [
        // The open and save dialogs are opened by the app's own commands (dialog_open_import,
        // dialog_save), which record the chosen path: the webview cannot open them itself.
        "plugin:dialog|open",
        "plugin:dialog|save",
        "plugin:dialog|message",
        "plugin:dialog|ask",
        "plugin:dialog|confirm",
    ] {
        let err = invoke(&w, cmd, json!({ "message": "hi" })).unwrap_err();
        assert!(
            err.to_string().contains("not allowed"),
            "rule: the webview has no dialog plugin permission; {cmd}: {err}"
        );
    }
}
