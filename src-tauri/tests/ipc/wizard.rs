//! The import wizard, review grid and drafts through Tauri's IPC on the mock runtime, with real
//! files: a GBK-encoded CSV with a Chinese header and bad rows.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{Window, app, invoke, ok};

/// A carrier file as Chinese Excel saves it: GBK, a title row above the header, bad rows.
fn gbk_csv(dir: &Path) -> std::path::PathBuf {
    let text = "号码清单（运营商导出）\r\n\
                号码,呼叫类型,最大并发数,每秒并发数\r\n\
                020-3800-0501,呼出,10,2\r\n\
                2.01235E+10,1,10,2\r\n\
                02038000503,双向,abc,2\r\n\
                020 3800 0501,1,10,2\r\n\
                02038000505,呼入,5,1\r\n";
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "test data must be representable in GBK");
    let path = dir.join("运营商号码.csv");
    std::fs::write(&path, &bytes).unwrap();
    path
}

fn process(webview: &Window, header_row: u32, mapping: &Value) -> Value {
    ok(
        webview,
        "import_process",
        json!({
            "request": { "headerRow": header_row, "mapping": mapping, "country": "CN" },
            "onProgress": "__CHANNEL__:7",
        }),
    )
}

#[test]
fn a_gbk_file_is_read_mapped_processed_paged_fixed_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = gbk_csv(dir.path());
    let draft_id;
    {
        let (first, w) = app(data.path());
        let preview = ok(&w, "import_open_path", json!({ "path": path }));
        assert_eq!(
            preview["encoding"],
            json!({ "name": "gb18030", "detection": "guessed" }),
            "rule: a legacy Chinese file is decoded with a guessed GB encoding, shown as guessed"
        );
        assert_eq!(
            preview["headerRow"], 2,
            "the title row above the header is skipped"
        );
        assert_eq!(
            preview["rows"][1]["cells"][0], "号码",
            "header decoded, not mojibake"
        );
        assert_eq!(
            preview["mapping"]["PhoneNumber"], 0,
            "号码 maps to PhoneNumber"
        );
        assert_eq!(
            preview["mapping"]["MaxCallPSec"], 3,
            "每秒并发数 maps to MaxCallPSec"
        );
        assert_eq!(
            preview["columns"][0]["samples"],
            json!(["020-3800-0501", "2.01235E+10", "02038000503"]),
            "the mapping step shows sample values per column"
        );

        // The encoding override re-reads the file: as UTF-8 the header is no longer 号码.
        let wrong = ok(
            &w,
            "import_reread",
            json!({ "read": { "encoding": "UTF-8" } }),
        );
        assert_eq!(wrong["encoding"]["detection"], "override", "{wrong}");
        assert_ne!(
            wrong["rows"][1]["cells"][0], "号码",
            "the override changes what is read"
        );
        let again = ok(
            &w,
            "import_reread",
            json!({ "read": { "encoding": "gb18030" } }),
        );
        assert_eq!(again["rows"][1]["cells"][0], "号码");

        let summary = process(&w, 2, &preview["mapping"]);
        draft_id = summary["draftId"].as_i64().unwrap();
        assert_eq!(summary["totalRows"], 5, "every data row is kept: {summary}");
        assert_eq!(
            summary["errorRows"], 3,
            "scientific notation, letters in MaxCallCount and a duplicate are errors: {summary}"
        );

        let errors = ok(
            &w,
            "import_rows_page",
            json!({ "offset": 0, "limit": 100, "filter": "errors" }),
        );
        assert_eq!(errors["matching"], 3);
        let lines: Vec<i64> = errors["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["row"]["line"].as_i64().unwrap())
            .collect();
        assert_eq!(
            lines,
            [4, 5, 6],
            "rows named as the user sees them in the file"
        );
        let codes: Vec<&str> = errors["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["row"]["issues"][0]["code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            [
                "scientific_notation",
                "not_positive_integer",
                "duplicate_in_file"
            ]
        );

        // Paging: never more than asked for, offsets into the filtered rows.
        let page = ok(
            &w,
            "import_rows_page",
            json!({ "offset": 1, "limit": 2, "filter": "all" }),
        );
        assert_eq!(
            page["rows"].as_array().unwrap().len(),
            2,
            "a page holds at most `limit` rows"
        );
        assert_eq!(page["rows"][0]["index"], 1);
        assert_eq!(page["matching"], 5);

        // Fix the scientific-notation row: re-validated, error gone, saved.
        let fixed = ok(
            &w,
            "draft_edit_row",
            json!({ "index": 1, "edit": {
                "phoneNumber": "02038000502", "callType": "1",
                "maxCallCount": "10", "maxCallPsec": "2"
            }}),
        );
        assert_eq!(fixed["row"]["phoneNumber"], "02038000502");
        assert!(
            fixed["row"]["issues"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["severity"] != "error"),
            "rule: an edited row is checked again: {fixed}"
        );
        // Editing a row into a duplicate is caught at once.
        let dup = ok(
            &w,
            "draft_edit_row",
            json!({ "index": 4, "edit": {
                "phoneNumber": "02038000502", "callType": "0",
                "maxCallCount": "5", "maxCallPsec": "1"
            }}),
        );
        assert_eq!(
            dup["row"]["issues"][0]["code"], "duplicate_in_file",
            "rule: re-validation includes duplicates: {dup}"
        );
        let dup = ok(
            &w,
            "draft_edit_row",
            json!({ "index": 4, "edit": {
                "phoneNumber": "02038000505", "callType": "0",
                "maxCallCount": "5", "maxCallPsec": "1"
            }}),
        );
        assert_eq!(dup["row"]["issues"], json!([]));

        // Bulk set repairs MaxCallCount on the "abc" row.
        let after = ok(
            &w,
            "draft_bulk_set",
            json!({ "indices": [2], "set": { "maxCallCount": 8 } }),
        );
        assert_eq!(
            after["errorRows"], 1,
            "only the duplicate row is left: {after}"
        );

        let list = ok(&w, "drafts_list", json!({}));
        assert_eq!(list[0]["header"]["name"], "运营商号码.csv");
        assert_eq!(list[0]["rows"], 5);
        assert_eq!(list[0]["errorRows"], 1, "the list counts errors as saved");
        // Quit: the context (and the outbox's one-sender lock) goes with it.
        crate::common::stop(first);
    }
    // Restart: a new app over the same data directory.
    let (_app, w) = app(data.path());
    let opened = ok(&w, "draft_open", json!({ "id": draft_id }));
    assert_eq!(
        opened["totalRows"], 5,
        "rule: drafts persist across restarts"
    );
    assert_eq!(opened["errorRows"], 1);
    let page = ok(
        &w,
        "import_rows_page",
        json!({ "offset": 0, "limit": 10, "filter": "all" }),
    );
    assert_eq!(
        page["rows"][1]["row"]["phoneNumber"], "02038000502",
        "the fix was saved"
    );
    assert_eq!(
        page["rows"][2]["row"]["maxCallCount"], 8,
        "the bulk set was saved"
    );

    // Duplicates still found after a restart (normalised numbers rebuilt on open).
    let dup = ok(
        &w,
        "draft_edit_row",
        json!({ "index": 0, "edit": {
            "phoneNumber": "020-3800-0505", "callType": "1",
            "maxCallCount": "10", "maxCallPsec": "2"
        }}),
    );
    assert_eq!(
        dup["row"]["issues"],
        json!([]),
        "the first occurrence stays clean: {dup}"
    );
    let page = ok(
        &w,
        "import_rows_page",
        json!({ "offset": 0, "limit": 10, "filter": "errors" }),
    );
    let flagged: Vec<(i64, &str)> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["index"].as_i64().unwrap(),
                r["row"]["issues"][0]["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        flagged,
        [(4, "duplicate_in_file")],
        "rule: duplicates are found after a restart too (row 3 is no longer one, row 4 now is)"
    );

    let after = ok(&w, "draft_delete_rows", json!({ "indices": [0, 3] }));
    assert_eq!(after["totalRows"], 3);
    assert_eq!(after["errorRows"], 0, "{after}");

    // Export with findings, to a path the user chose.
    let out = dir.path().join("export.csv");
    crate::common::chose_save(&w, &out);
    let n = ok(&w, "draft_export", json!({ "path": out, "format": "csv" }));
    assert_eq!(n, 3);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with('\u{feff}'), "CSV export is UTF-8 with BOM");
    assert_eq!(text.lines().count(), 4, "header plus three rows: {text}");

    let copy = ok(
        &w,
        "draft_duplicate",
        json!({ "id": draft_id, "name": "副本" }),
    );
    assert_eq!(copy["rows"], 3);
    let renamed = ok(
        &w,
        "draft_rename",
        json!({ "id": draft_id, "name": "  March  " }),
    );
    assert_eq!(renamed["header"]["name"], "March", "names are trimmed");
    ok(&w, "draft_delete", json!({ "id": draft_id }));
    let err = invoke(
        &w,
        "import_rows_page",
        json!({ "offset": 0, "limit": 1, "filter": "all" }),
    )
    .unwrap_err();
    assert_eq!(
        err["code"], "not_found",
        "deleting the open draft closes the grid: {err}"
    );
    let list = ok(&w, "drafts_list", json!({}));
    assert_eq!(list.as_array().unwrap().len(), 1, "only the copy is left");
}

#[test]
fn bad_input_gets_specific_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path());
    let err = invoke(
        &w,
        "import_open_path",
        json!({ "path": dir.path().join("missing.csv") }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "io", "a missing file is an io error: {err}");
    let err = invoke(&w, "import_open_text", json!({ "text": "  " })).unwrap_err();
    assert_eq!(err["details"]["field"], "text", "{err}");
    let err = invoke(&w, "import_columns", json!({ "headerRow": 1 })).unwrap_err();
    assert_eq!(err["code"], "not_found", "no session yet: {err}");
    let err = invoke(&w, "draft_open", json!({ "id": 99 })).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
}

#[test]
fn pasted_rows_are_imported_and_paged_within_the_page_limit() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path());
    let mut text = String::from("PhoneNumber\tCallType\tMaxCallCount\tMaxCallPSec\n");
    for i in 0..2500 {
        text.push_str(&format!("+86 20 3800 {i:04}\t1\t10\t2\n"));
    }
    let preview = ok(&w, "import_open_text", json!({ "text": text }));
    assert_eq!(preview["totalRows"], 2501);
    assert_eq!(
        preview["rows"].as_array().unwrap().len(),
        30,
        "the preview is bounded"
    );
    let columns = ok(&w, "import_columns", json!({ "headerRow": 1 }));
    assert_eq!(columns["mapping"]["CallType"], 1);
    let summary = process(&w, 1, &columns["mapping"]);
    assert_eq!(summary["totalRows"], 2500);
    let page = ok(
        &w,
        "import_rows_page",
        json!({ "offset": 0, "limit": 100000, "filter": "all" }),
    );
    assert_eq!(
        page["rows"].as_array().unwrap().len(),
        1000,
        "rule: rows reach the UI in pages, never one giant message"
    );
    assert_eq!(page["rows"][999]["row"]["phoneNumber"], "+862038000999");
}
