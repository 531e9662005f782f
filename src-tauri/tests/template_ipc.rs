//! The template download and the native dialogs' permissions through Tauri's IPC on the mock
//! runtime: the webview may open the open and save dialogs and nothing else of the dialog plugin.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod common;

use common::{app, invoke, ok};
use serde_json::json;

#[test]
fn template_save_writes_the_chosen_format_in_the_chosen_language() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());

    let xlsx = out.path().join("号码模板.xlsx");
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
fn the_webview_may_use_only_the_open_and_save_dialogs() {
    let data = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());
    for cmd in [
        "plugin:dialog|message",
        "plugin:dialog|ask",
        "plugin:dialog|confirm",
    ] {
        let err = invoke(&w, cmd, json!({ "message": "hi" })).unwrap_err();
        assert!(
            err.to_string().contains("not allowed"),
            "rule: capabilities grant only the dialogs the screens use; {cmd}: {err}"
        );
    }
}
