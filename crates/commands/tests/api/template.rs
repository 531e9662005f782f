//! The import template saved by `template_save`: a real XLSX that calamine opens, a CSV with BOM,
//! headers in the UI's language unless another is asked for, readable by the user only.

use crate::common::open;

use calamine::{Data, Reader, Xlsx, open_workbook};
use numdesk_commands::{
    ErrorCode, Language, TemplateFormat, preferences_set_language, template_save,
};

fn first_row(path: &std::path::Path) -> (Vec<String>, Vec<String>) {
    let mut book: Xlsx<_> = open_workbook(path).expect("the template opens with calamine");
    let sheets = book.sheet_names();
    let range = book.worksheet_range(&sheets[0]).unwrap();
    let header = range
        .rows()
        .next()
        .expect("the first sheet has a header row")
        .iter()
        .map(|c| match c {
            Data::String(s) => s.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    (sheets, header)
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_xlsx_template_opens_with_calamine_with_english_headers() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let path = out.path().join("template.xlsx");
    let written =
        template_save(&ctx, &path, TemplateFormat::Xlsx, Some(Language::English)).unwrap();
    assert_eq!(written, std::fs::metadata(&path).unwrap().len());
    let (sheets, header) = first_row(&path);
    assert_eq!(
        header,
        [
            "PhoneNumber (required)",
            "CallType",
            "MaxCallCount",
            "MaxCallPSec",
            "OutboundCalleeFormat",
            "CarrierPhoneNumber"
        ],
        "rule: the template's headers are the ones the importer maps"
    );
    assert_eq!(
        sheets.get(1).map(String::as_str),
        Some("Instructions"),
        "the template explains how to fill it in"
    );
    #[cfg(unix)]
    assert_eq!(
        mode(&path),
        0o600,
        "rule: files written for the user are readable by the user only"
    );
}

#[test]
fn the_template_follows_the_ui_language_unless_told_otherwise() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    preferences_set_language(&ctx, Language::SimplifiedChinese).unwrap();

    let path = out.path().join("模板.xlsx");
    template_save(&ctx, &path, TemplateFormat::Xlsx, None).unwrap();
    let (sheets, header) = first_row(&path);
    assert_eq!(
        header[0], "号码（必填）",
        "rule: by default the template is in the UI's language"
    );
    assert_eq!(sheets[1], "填写说明");

    let csv = out.path().join("template.csv");
    template_save(&ctx, &csv, TemplateFormat::Csv, Some(Language::English)).unwrap();
    let bytes = std::fs::read(&csv).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "rule: the CSV template has a BOM so Excel reads it as UTF-8"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(
        text.trim_start_matches('\u{feff}').lines().next(),
        Some(
            "PhoneNumber (required),CallType,MaxCallCount,MaxCallPSec,OutboundCalleeFormat,\
             CarrierPhoneNumber"
        ),
        "an explicit language wins over the UI's"
    );
}

#[cfg(unix)]
#[test]
fn an_existing_file_is_replaced_and_narrowed_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let ctx = open(data.path());
    let path = out.path().join("old.csv");
    std::fs::write(&path, "x".repeat(10_000)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let n = template_save(&ctx, &path, TemplateFormat::Csv, Some(Language::English)).unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        n,
        "the old content is gone, not partly overwritten"
    );
    assert_eq!(
        mode(&path),
        0o600,
        "rule: a file replaced for the user is readable by the user only"
    );
}

#[test]
fn bad_paths_get_specific_errors() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let ctx = open(data.path());

    let err = template_save(&ctx, out.path(), TemplateFormat::Xlsx, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("is a folder"),
        "rule: a folder is refused with a message that says so: {}",
        err.message
    );

    let err = template_save(&ctx, std::path::Path::new(""), TemplateFormat::Csv, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput, "an empty path: {err:?}");

    let missing = out.path().join("no-such-folder").join("t.xlsx");
    let err = template_save(&ctx, &missing, TemplateFormat::Xlsx, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::Io);
    assert!(
        err.message.contains("no-such-folder"),
        "rule: an I/O error names the path: {}",
        err.message
    );
}
