//! A support bundle written from real log files, unzipped and read back.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::io::Read;

use numdesk_support::Redactor;
use numdesk_support::bundle::{BundleInput, write_bundle};

const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

fn unzip(path: &std::path::Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().into_owned(), s)
        })
        .collect()
}

fn input<'a>(logs: &'a std::path::Path, include_numbers: bool) -> BundleInput<'a> {
    BundleInput {
        app: serde_json::json!({ "version": "0.1.0" }),
        database: serde_json::json!({ "tables": { "applications": 2 } }),
        settings: serde_json::json!({ "secretId": "AKIDEXAMPLE", "SecretKey": SECRET_KEY }),
        numbers: Some(serde_json::json!(["+8613812345678"])),
        log_dir: Some(logs),
        include_numbers,
    }
}

#[test]
fn numbers_are_masked_unless_asked_for_and_secrets_never_included() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    std::fs::create_dir(&logs).unwrap();
    std::fs::write(
        logs.join("numdesk.2026-11-29.log"),
        format!("{{\"message\":\"queued +8613812345678\",\"k\":\"{SECRET_KEY}\"}}\n"),
    )
    .unwrap();
    std::fs::write(
        logs.join("numdesk.2026-11-30.log"),
        "{\"message\":\"ok\"}\n",
    )
    .unwrap();
    std::fs::write(logs.join("other.txt"), "not a log").unwrap();
    let redactor = Redactor::new();
    redactor.register(SECRET_KEY);

    let path = dir.path().join("bundle.zip");
    let report = write_bundle(&path, &input(&logs, false), &redactor).unwrap();
    assert_eq!(
        report.entries,
        [
            "README.txt",
            "app.json",
            "database.json",
            "settings.json",
            "logs/numdesk.2026-11-29.log",
            "logs/numdesk.2026-11-30.log"
        ],
        "rule: no numbers.json unless the user ticked the box"
    );
    assert_eq!(report.bytes, std::fs::metadata(&path).unwrap().len());
    let entries = unzip(&path);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, report.entries);
    for (name, text) in &entries {
        assert!(
            !text.contains(SECRET_KEY),
            "rule: no SecretKey in the bundle ({name})"
        );
        assert!(
            !text.contains("8613812345678"),
            "rule: no phone numbers unless asked for ({name})"
        );
    }
    assert!(
        entries[4].1.contains("queued +86*********78"),
        "{}",
        entries[4].1
    );
    assert!(entries[0].1.contains("Phone numbers are NOT included"));
    assert!(
        !dir.path().join(".bundle.zip.partial").exists(),
        "the temporary file is renamed into place"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "rule: the bundle is written user-only");
    }

    let with = dir.path().join("with-numbers.zip");
    let report = write_bundle(&with, &input(&logs, true), &redactor).unwrap();
    assert!(report.entries.contains(&"numbers.json".to_owned()));
    let entries = unzip(&with);
    let log = &entries
        .iter()
        .find(|(n, _)| n == "logs/numdesk.2026-11-29.log")
        .unwrap()
        .1;
    assert!(
        log.contains("+8613812345678"),
        "ticked: numbers stay in the logs"
    );
    assert!(
        !log.contains(SECRET_KEY),
        "rule: secrets are redacted even then"
    );
}
