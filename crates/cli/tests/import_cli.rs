//! `numdesk import` and `numdesk template` as processes, on the import crate's real corpus files.
#![allow(clippy::expect_used)] // test helpers: a panic is a failure

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::numdesk;
use serde_json::Value;

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/corpus")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    numdesk().args(args).output().expect("numdesk runs")
}

fn json_of(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "rule: exit 0 when the file was read; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("rule: --json prints one JSON object")
}

fn import_json(file: &str, extra: &[&str]) -> Value {
    let path = corpus(file);
    let mut args = vec!["import", path.to_str().expect("utf-8 path"), "--json"];
    args.extend_from_slice(extra);
    json_of(&run(&args))
}

fn codes(row: &Value) -> Vec<&str> {
    row["issues"]
        .as_array()
        .expect("issues list")
        .iter()
        .map(|i| i["code"].as_str().unwrap_or(""))
        .collect()
}

fn row(v: &Value, line: u64) -> &Value {
    v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["line"] == line)
        .expect("row present")
}

#[test]
fn json_shape_and_findings_on_a_trap_file() {
    let v = import_json("excel_traps.csv", &["--country", "CN"]);
    let mut keys: Vec<&String> = v.as_object().expect("object").keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["detected", "file_issues", "rows"],
        "rule: exact top-level keys"
    );
    assert_eq!(
        v["rows"].as_array().map(Vec::len),
        Some(22),
        "every data row reported"
    );
    let first = row(&v, 2);
    assert_eq!(
        codes(first),
        ["scientific_notation"],
        "row 2: scientific notation"
    );
    let issue = &first["issues"][0];
    assert_eq!(issue["severity"], "error", "severity error|warning");
    assert_eq!(issue["field"], "PhoneNumber", "field named as in the API");
    assert!(
        issue["message"]
            .as_str()
            .is_some_and(|m| m.contains("Row 2")),
        "message in English"
    );
    assert_eq!(
        codes(row(&v, 3)),
        ["leading_zero_lost"],
        "row 3: lost zero (with --country CN)"
    );
    let clean = row(&v, 21);
    assert_eq!(
        clean["phone_number"], "02038000090",
        "the value that would be sent"
    );
    assert_eq!(clean["call_type"], 0, "inbound is 0");
    assert_eq!(
        clean["outbound_callee_format"], "{+E.164}",
        "optional field present when set"
    );
    assert_eq!(
        clean["carrier_phone_number"], "02038000091",
        "carrier cleaned"
    );
    assert!(
        row(&v, 10).get("outbound_callee_format").is_none(),
        "optional field omitted when unset"
    );
    let d = &v["detected"];
    assert_eq!(d["encoding"], "UTF-8", "detected encoding");
    assert_eq!(d["delimiter"], ",", "detected delimiter");
    assert_eq!(d["header_row"], 1, "detected header row, 1-based");
    assert_eq!(
        d["mapping"]["PhoneNumber"]["column"], "A",
        "mapping: field → column"
    );
    assert_eq!(
        d["mapping"]["PhoneNumber"]["header"], "号码",
        "mapping: header text"
    );
}

#[test]
fn unreadable_files_exit_2_with_a_message() {
    for (file, en) in [
        ("empty.csv", "empty"),
        ("unterminated_quote.csv", "never closed"),
    ] {
        let out = run(&["import", corpus(file).to_str().unwrap_or(""), "--json"]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "rule: exit 2 when {file} cannot be read"
        );
        assert!(out.stdout.is_empty(), "nothing on stdout for {file}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(en), "stderr explains ({file}): {err}");
    }
    let out = run(&[
        "import",
        corpus("empty.csv").to_str().unwrap_or(""),
        "--lang",
        "zh",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("文件是空的"),
        "rule: --lang zh gives Chinese messages: {err}"
    );
    let out = run(&["import", "/nonexistent/numbers.csv", "--json"]);
    assert_eq!(out.status.code(), Some(2), "a missing file is exit 2");
}

#[test]
fn hostile_workbooks_exit_2_naming_the_limit() {
    // Made by crates/import/tests/support/hostile.rs: every cell points at one 32,000-character
    // shared string (96 MB of text from a few KB), and a ZIP part larger than it declares.
    for (file, lang, said) in [
        (
            "hostile/shared_string_bomb.xlsx",
            "en",
            "more than 64 MB of text",
        ),
        (
            "hostile/shared_string_bomb.xls",
            "en",
            "more than 64 MB of text",
        ),
        ("hostile/shared_string_bomb.xlsx", "zh", "超过 64 MB"),
        (
            "hostile/part_larger_than_declared.xlsx",
            "en",
            "more than the 1000 bytes it declares",
        ),
    ] {
        let path = corpus(file);
        let out = run(&[
            "import",
            path.to_str().unwrap_or(""),
            "--json",
            "--lang",
            lang,
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "rule: a hostile workbook ({file}) is exit 2 with a message, not an abort: {err}"
        );
        assert!(out.stdout.is_empty(), "nothing on stdout for {file}");
        assert!(
            err.contains(said),
            "rule: the message names the limit ({file}, {lang}): {err}"
        );
    }
}

#[test]
fn options_change_the_reading() {
    let v = import_json("gbk_carrier.csv", &["--encoding", "windows-1252"]);
    assert_eq!(
        v["detected"]["encoding"], "windows-1252",
        "--encoding overrides detection"
    );
    let v = import_json("gbk_carrier.csv", &["--header-row", "2"]);
    assert_eq!(
        v["detected"]["header_row"], 2,
        "--header-row chooses the header"
    );
    assert_eq!(
        row(&v, 3)["phone_number"],
        "02038000001",
        "rows below it read"
    );
    let v = import_json("legacy.xls", &["--sheet", "Notes"]);
    assert!(
        v["file_issues"]
            .as_array()
            .is_some_and(|f| f.iter().any(|i| i["code"] == "no_phone_column")),
        "--sheet Notes reads the sheet without numbers: {v}"
    );
    let v = import_json(
        "headerless_paste.txt",
        &[
            "--call-type",
            "outbound",
            "--max-call-count",
            "10",
            "--max-call-psec",
            "2",
        ],
    );
    for r in v["rows"].as_array().expect("rows") {
        assert_eq!(r["call_type"], 1, "--call-type applies to rows without one");
        assert_eq!(r["max_call_count"], 10, "--max-call-count applies");
        assert_eq!(r["max_call_psec"], 2, "--max-call-psec applies");
    }
    for bad in [
        ["--call-type", "sideways"],
        ["--country", "XX"],
        ["--header-row", "0"],
        ["--max-call-count", "0"],
    ] {
        let path = corpus("utf8_bom.csv");
        let mut args = vec!["import", path.to_str().unwrap_or(""), "--json"];
        args.extend_from_slice(&bad);
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "rule: invalid {bad:?} is exit 2"
        );
        assert!(!out.stderr.is_empty(), "{bad:?} explained on stderr");
    }
}

#[test]
fn templates_are_written_and_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    for format in ["xlsx", "csv"] {
        for lang in ["en", "zh"] {
            let path = dir.path().join(format!("t-{lang}.{format}"));
            let p = path.to_str().unwrap_or("");
            let out = run(&[
                "template", "--format", format, "--lang", lang, "--output", p,
            ]);
            assert_eq!(
                out.status.code(),
                Some(0),
                "template {format} {lang} written"
            );
            let v = json_of(&run(&["import", p, "--json"]));
            let mapped = v["detected"]["mapping"].as_object().map(|m| m.len());
            assert_eq!(
                mapped,
                Some(6),
                "every template column maps ({format}, {lang}): {v}"
            );
            assert!(
                v["file_issues"]
                    .as_array()
                    .is_some_and(|f| f.iter().any(|i| i["code"] == "no_data_rows")),
                "an empty template has no rows yet"
            );
            let again = run(&[
                "template", "--format", format, "--lang", lang, "--output", p,
            ]);
            assert_eq!(
                again.status.code(),
                Some(2),
                "an existing file is never overwritten"
            );
        }
    }
    let bytes = std::fs::read(dir.path().join("t-zh.csv")).unwrap_or_default();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "CSV template is UTF-8 with BOM"
    );
}
