//! Paths from the webview: files are written only where the user chose in the save dialog, read
//! only when chosen, dropped or typed as a number list, and never from a FIFO or a folder.

use serde_json::{Value, json};

use crate::common::{app, chose_open, chose_save, invoke, ok};

fn refused(err: &Value, problem: &str) {
    assert_eq!(err["code"], "invalid_input", "{err}");
    assert!(
        err["details"]["path"].is_string(),
        "the refused path is named: {err}"
    );
    assert_eq!(err["details"]["problem"], problem, "{err}");
}

#[test]
fn nothing_is_written_to_a_path_the_save_dialog_did_not_return() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());
    let csv = |name: &str| out.path().join(name);
    for (cmd, args) in [
        (
            "template_save",
            json!({ "path": csv("t.csv"), "format": "csv" }),
        ),
        (
            "draft_export",
            json!({ "path": csv("d.csv"), "format": "csv" }),
        ),
        (
            "applications_export",
            json!({ "path": csv("a.csv"), "format": "csv", "query": {} }),
        ),
        (
            "support_bundle_save",
            json!({ "path": out.path().join("s.zip"), "includeNumbers": false }),
        ),
    ] {
        let err = invoke(&w, cmd, args.clone()).unwrap_err();
        refused(&err, "not_chosen");
        assert!(
            err["message"].as_str().unwrap().contains("save dialog"),
            "{cmd}: the message says what to do: {err}"
        );
    }
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "rule: nothing was written"
    );
    // The same path once chosen in the dialog.
    chose_save(&w, &csv("t.csv"));
    ok(
        &w,
        "template_save",
        json!({ "path": csv("t.csv"), "format": "csv" }),
    );
    assert!(csv("t.csv").is_file());
}

#[test]
fn imports_read_only_chosen_or_typed_number_lists_that_are_regular_files() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());
    let open = |path: &std::path::Path| invoke(&w, "import_open_path", json!({ "path": path }));

    // Typed into the wizard's field: a number list is read.
    let typed = files.path().join("march.csv");
    std::fs::write(&typed, "PhoneNumber\n02038000001\n").unwrap();
    assert!(open(&typed).is_ok());
    // Typed, but not a number list (a page gone wrong could ask for any file).
    let other = files.path().join("id_rsa");
    std::fs::write(&other, "PhoneNumber\n02038000001\n").unwrap();
    let err = open(&other).unwrap_err();
    refused(&err, "not_chosen");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("drop it on the window")
    );
    // The same file chosen in the open dialog (or dropped): read, whatever its name.
    chose_open(&w, &other);
    assert!(open(&other).is_ok());

    // A folder, even chosen.
    let folder = files.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    chose_open(&w, &folder);
    let err = open(&folder).unwrap_err();
    refused(&err, "not_a_file");
    assert!(
        err["message"].as_str().unwrap().contains("a folder"),
        "{err}"
    );
}

/// A FIFO would hold the import (and a worker) until something writes to it: refused at once.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let (_app, w) = app(data.path());
    let fifo = files.path().join("numbers.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    chose_open(&w, &fifo);
    let (tx, rx) = std::sync::mpsc::channel();
    let caller = w.clone();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(invoke(&caller, "import_open_path", json!({ "path": path })));
    });
    let Ok(result) = rx.recv_timeout(std::time::Duration::from_secs(10)) else {
        // Unblock the import so the test process can end, then fail.
        std::fs::write(&fifo, b"PhoneNumber\n").unwrap();
        panic!("rule: the import waited on the FIFO");
    };
    let err = result.unwrap_err();
    refused(&err, "not_a_file");
    assert!(
        err["message"].as_str().unwrap().contains("named pipe"),
        "{err}"
    );
    // A save to a FIFO chosen in the dialog is refused too.
    chose_save(&w, &fifo);
    let err = invoke(
        &w,
        "template_save",
        json!({ "path": fifo, "format": "csv" }),
    )
    .unwrap_err();
    refused(&err, "not_a_file");
}
