//! `support_bundle_save` through Tauri's IPC on the mock runtime, with the app's real
//! capabilities: the bundle holds the log files of the run and no phone numbers unless asked.

use std::io::Read;

use crate::common::{app, invoke, ok};
use numdesk_app_lib::LogDir;
use serde_json::json;
use tauri::Manager;

fn entries(path: &std::path::Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (f.name().unwrap().into_owned(), text)
        })
        .collect()
}

#[test]
fn the_bundle_carries_the_logs_of_the_run_with_numbers_masked() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (app, w) = app(data.path());
    let logs = data.path().join("logs");
    std::fs::create_dir(&logs).unwrap();
    std::fs::write(
        logs.join("numdesk.2026-11-30.log"),
        "{\"message\":\"queued +8613812345678\"}\n",
    )
    .unwrap();
    app.manage(LogDir(Some(logs)));

    let path = out.path().join("support.zip");
    crate::common::chose_save(&w, &path);
    let saved = ok(
        &w,
        "support_bundle_save",
        json!({ "path": path, "includeNumbers": false }),
    );
    assert_eq!(saved["path"], json!(path.display().to_string()));
    let inside = entries(&path);
    let names: Vec<&str> = inside.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "README.txt",
            "app.json",
            "database.json",
            "settings.json",
            "logs/numdesk.2026-11-30.log"
        ]
    );
    assert_eq!(saved["entries"], json!(names));
    assert_eq!(inside[4].1, "{\"message\":\"queued +86*********78\"}\n");
    let app_json: serde_json::Value = serde_json::from_str(&inside[1].1).unwrap();
    assert_eq!(app_json["app"]["tauriVersion"], json!(tauri::VERSION));
}

#[test]
fn a_relative_or_non_zip_path_is_refused_with_the_field_named() {
    let data = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());
    for path in [
        "support.zip".to_owned(),
        data.path().join("support.txt").display().to_string(),
    ] {
        crate::common::chose_save(&w, std::path::Path::new(&path));
        let err = invoke(
            &w,
            "support_bundle_save",
            json!({ "path": path, "includeNumbers": false }),
        )
        .unwrap_err();
        assert_eq!(err["code"], "invalid_input", "{path}: {err}");
        assert_eq!(err["details"], json!({ "field": "path" }));
    }
}
