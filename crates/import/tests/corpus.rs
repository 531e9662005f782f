//! The hostile-file corpus: every file gives the expected findings, or one clear error.
//!
//! Over 500 lines because it states what each file of tests/corpus must give (encodings,
//! delimiters, Excel traps, limits, legacy .xls), one test per kind of hostile file, side by side.

use std::path::PathBuf;

use numdesk_import::{
    Code, Defaults, EncodingDetection, Field, HeaderChoice, HeldNumber, ImportError, ImportResult,
    Lang, ReadOptions, Severity, Source, SourceFormat, ValidationOptions, auto_process, read_bytes,
    read_pasted, read_path,
};
use numdesk_model::CallType;

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn cn() -> ValidationOptions {
    ValidationOptions {
        country: "CN".parse().ok(),
        ..Default::default()
    }
}

fn import(name: &str) -> (Source, ImportResult) {
    let source = read_path(&corpus(name), &ReadOptions::default(), Lang::En)
        .unwrap_or_else(|e| panic!("{name} must be readable: {e}"));
    let result = auto_process(
        &source.table,
        HeaderChoice::Detect,
        &Defaults::default(),
        &cn(),
    )
    .unwrap_or_else(|e| panic!("{name} must process: {e}"));
    (source, result)
}

fn read_err(name: &str) -> ImportError {
    match read_path(&corpus(name), &ReadOptions::default(), Lang::En) {
        Ok(s) => panic!(
            "{name} must be refused, but read {} rows",
            s.table.rows.len()
        ),
        Err(e) => e,
    }
}

/// One finding, reduced to what the corpus asserts.
type Seen = (Code, Option<Field>, Severity);

/// `(code, field, severity)` of the findings on the row the user knows as `line`.
fn at(result: &ImportResult, line: u32) -> Vec<Seen> {
    let row = result.rows.iter().find(|r| r.line == line);
    let row = row.unwrap_or_else(|| panic!("row {line} must be imported"));
    row.issues
        .iter()
        .map(|f| (f.code, f.field, f.severity))
        .collect()
}

fn phones(result: &ImportResult) -> Vec<&str> {
    result
        .rows
        .iter()
        .map(|r| r.phone_number.as_str())
        .collect()
}

#[test]
fn gbk_file_from_chinese_excel() {
    let (source, result) = import("gbk_carrier.csv");
    let enc = source
        .encoding
        .as_ref()
        .map(|e| (e.name.as_str(), e.detection));
    assert_eq!(
        enc,
        Some(("gb18030", EncodingDetection::Guessed)),
        "GBK without BOM is guessed"
    );
    assert!(
        source
            .issues
            .iter()
            .any(|f| f.code == Code::EncodingGuessed),
        "a guessed encoding is reported so the user can check the preview"
    );
    assert_eq!(
        result.header_row,
        Some(2),
        "the title row above the header is skipped"
    );
    assert_eq!(
        phones(&result),
        ["02038000001", "02038000002", "13800138000", "2038000004"],
        "numbers cleaned, Chinese decoded"
    );
    let types: Vec<_> = result.rows.iter().map(|r| r.call_type).collect();
    assert_eq!(
        types,
        [
            Some(CallType::InboundAndOutbound),
            Some(CallType::Inbound),
            Some(CallType::Outbound),
            Some(CallType::InboundAndOutbound)
        ],
        "双向/呼入/呼出/呼入呼出 understood"
    );
    assert_eq!(
        at(&result, 6),
        [(
            Code::LeadingZeroLost,
            Some(Field::PhoneNumber),
            Severity::Warning
        )],
        "a landline without its 0 is a warning, not an error"
    );
    let msg = &result.rows[3].issues[0].message;
    assert!(
        msg.contains("02038000004") && msg.contains("Row 6"),
        "the fix is proposed: {msg}"
    );
    assert!(
        result
            .file_issues
            .iter()
            .any(|f| f.code == Code::UnmappedColumn && f.message.contains("备注")),
        "the unused 备注 column is reported, not silently dropped: {:?}",
        result.file_issues
    );
}

#[test]
fn encoding_override_changes_the_reading() {
    let bytes = std::fs::read(corpus("gbk_carrier.csv")).unwrap_or_default();
    let options = ReadOptions {
        encoding: Some("windows-1252".into()),
        ..Default::default()
    };
    let source = read_bytes(&bytes, &options, Lang::En).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        source.encoding.map(|e| (e.name, e.detection)),
        Some(("windows-1252".to_owned(), EncodingDetection::Override)),
        "the user's encoding is used"
    );
    let header = &source.table.rows[1].cells[1].text;
    assert_ne!(
        header, "呼叫类型",
        "read as windows-1252 the Chinese header is mojibake"
    );
    let options = ReadOptions {
        encoding: Some("no-such-encoding".into()),
        ..Default::default()
    };
    let err = read_bytes(&bytes, &options, Lang::En)
        .err()
        .map(|e| e.code());
    assert_eq!(
        err,
        Some("unknown_encoding"),
        "an unknown label is a clear error"
    );
}

#[test]
fn utf16_files() {
    let (source, result) = import("utf16le_unicode_text.txt");
    assert_eq!(
        source.encoding.map(|e| e.name),
        Some("UTF-16LE".into()),
        "BOM says UTF-16LE"
    );
    assert_eq!(
        source.delimiter,
        Some('\t'),
        "Unicode Text is tab-separated"
    );
    assert_eq!(
        phones(&result),
        ["02038000011", "+8613800138011"],
        "both rows read"
    );
    assert!(
        result.rows.iter().all(|r| r.issues.is_empty()),
        "clean rows: {:?}",
        result.rows
    );

    let (source, result) = import("utf16be_bom.txt");
    assert_eq!(
        source.encoding.map(|e| e.name),
        Some("UTF-16BE".into()),
        "BOM says UTF-16BE"
    );
    assert_eq!(phones(&result), ["02038000021"], "row read");
}

#[test]
fn utf16_without_bom_is_recognised() {
    let text = "PhoneNumber\tCallType\n02038000022\t1\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let source = read_bytes(&bytes, &ReadOptions::default(), Lang::En)
        .unwrap_or_else(|e| panic!("UTF-16LE without BOM must read: {e}"));
    assert_eq!(
        source.encoding.map(|e| (e.name, e.detection)),
        Some(("UTF-16LE".into(), EncodingDetection::ZeroBytes)),
        "zero bytes give UTF-16 away"
    );
    assert_eq!(source.table.rows[1].cells[0].text, "02038000022", "decoded");
}

#[test]
fn utf8_bom_english_headers() {
    let (source, result) = import("utf8_bom.csv");
    assert_eq!(
        source.encoding.map(|e| (e.name, e.detection)),
        Some(("UTF-8".into(), EncodingDetection::Bom)),
        "UTF-8 BOM"
    );
    assert_eq!(
        result.mapping.phone_number,
        Some(0),
        "`*Phone Number` maps to PhoneNumber"
    );
    assert_eq!(
        result
            .rows
            .iter()
            .map(|r| r.outbound_callee_format.as_deref())
            .collect::<Vec<_>>(),
        [Some("{+E.164}"), Some("{E.164}")],
        "callee formats kept"
    );
    assert!(
        result.rows.iter().all(|r| r.issues.is_empty()),
        "clean: {:?}",
        result.rows
    );
    let items = result.items();
    assert_eq!(items.len(), 2, "both rows become OwnNumberApplyDetailItems");
    let json = serde_json::to_value(&items[0]).unwrap_or_default();
    assert_eq!(
        json["PhoneNumber"], "02038000031",
        "the item serialises as the API expects"
    );
    assert_eq!(json["CallType"], 1, "Outbound is 1");
}

#[test]
fn excel_sep_line_and_other_delimiters() {
    let (source, result) = import("sep_semicolon.csv");
    assert_eq!(source.delimiter, Some(';'), "sep=; is obeyed");
    assert_eq!(
        result.header_row,
        Some(1),
        "Excel does not show the sep= line as a row"
    );
    assert_eq!(phones(&result), ["02038000041", "02038000042"], "rows read");

    let (source, result) = import("pipe.txt");
    assert_eq!(source.delimiter, Some('|'), "pipe sniffed");
    assert_eq!(phones(&result), ["02038000051", "02038000052"], "rows read");
}

#[test]
fn quoted_cells_and_mixed_line_endings() {
    let (source, result) = import("mixed_line_endings.csv");
    let lines: Vec<u32> = result.rows.iter().map(|r| r.line).collect();
    assert_eq!(
        lines,
        [2, 3, 4, 6],
        "LF, CR and CRLF each end a row; the blank line is row 5"
    );
    let notes: Vec<&str> = source
        .table
        .rows
        .iter()
        .skip(1)
        .map(|r| r.cells[4].text.as_str())
        .collect();
    assert_eq!(
        notes,
        ["plain", "a, comma", "two\nlines", "say \"hi\""],
        "quoted cells intact"
    );
}

#[test]
fn every_excel_trap_has_its_finding() {
    use Code::*;
    use Field::*;
    use Severity::{Error as E, Warning as W};
    let (_, r) = import("excel_traps.csv");
    let expect: &[(u32, &[Seen])] = &[
        (2, &[(ScientificNotation, Some(PhoneNumber), E)]),
        (3, &[(LeadingZeroLost, Some(PhoneNumber), W)]),
        (4, &[(Formula, Some(PhoneNumber), E)]),
        (5, &[(Formula, Some(PhoneNumber), E)]),
        (6, &[(Formula, Some(PhoneNumber), E)]),
        (7, &[(LettersInNumber, Some(PhoneNumber), E)]),
        (8, &[(MissingValue, Some(PhoneNumber), E)]),
        (9, &[]),
        (10, &[]),
        (11, &[(InvalidCallType, Some(CallType), E)]),
        (12, &[(NotPositiveInteger, Some(MaxCallCount), E)]),
        (13, &[(NotPositiveInteger, Some(MaxCallCount), E)]),
        (14, &[(NotPositiveInteger, Some(MaxCallCount), E)]),
        (15, &[(NotPositiveInteger, Some(MaxCallCount), E)]),
        (16, &[(CpsExceedsConcurrency, Some(MaxCallPSec), W)]),
        (17, &[(InvalidCalleeFormat, Some(OutboundCalleeFormat), E)]),
        (18, &[(DuplicateInFile, Some(PhoneNumber), E)]),
        (19, &[(DuplicateInFile, Some(PhoneNumber), E)]),
        (20, &[(InvalidForCountry, Some(PhoneNumber), W)]),
        (21, &[]),
        (22, &[(LettersInNumber, Some(CarrierPhoneNumber), E)]),
        (
            23,
            &[
                (MissingValue, Some(CallType), E),
                (MissingValue, Some(MaxCallCount), E),
                (MissingValue, Some(MaxCallPSec), E),
            ],
        ),
    ];
    for (line, want) in expect {
        assert_eq!(at(&r, *line), *want, "row {line} of excel_traps.csv");
    }
    assert_eq!(
        r.rows.len(),
        expect.len(),
        "every row reported, none dropped"
    );
    let row = |l: u32| {
        r.rows
            .iter()
            .find(|x| x.line == l)
            .map(|x| x.phone_number.clone())
    };
    assert_eq!(
        row(9).as_deref(),
        Some("02038000079"),
        "full-width digits made ASCII"
    );
    assert_eq!(
        row(10).as_deref(),
        Some("02038000080"),
        "trailing .0 removed"
    );
    assert_eq!(
        r.rows
            .iter()
            .find(|x| x.line == 21)
            .and_then(|x| x.carrier_phone_number.clone()),
        Some("02038000091".into()),
        "carrier number cleaned like a phone number"
    );
    let sci = &r.rows[0].issues[0].message;
    assert!(
        sci.contains("Text") && sci.contains("2.01235E+10"),
        "says how to fix: {sci}"
    );
    let dup = &r
        .rows
        .iter()
        .find(|x| x.line == 19)
        .map(|x| x.issues[0].message.clone());
    assert!(
        dup.as_deref().is_some_and(|m| m.contains("row 10")),
        "a duplicate names the first row: {dup:?}"
    );
    assert_eq!(
        r.rows.iter().filter(|x| x.to_item().is_some()).count(),
        6,
        "only rows without errors become items (rows 3, 9, 10, 16, 20, 21)"
    );
}

#[test]
fn messages_in_chinese() {
    let source = read_path(
        &corpus("excel_traps.csv"),
        &ReadOptions::default(),
        Lang::Zh,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let options = ValidationOptions {
        lang: Lang::Zh,
        ..cn()
    };
    let r = auto_process(
        &source.table,
        HeaderChoice::Detect,
        &Defaults::default(),
        &options,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let msg = &r.rows[0].issues[0].message;
    assert!(
        msg.starts_with("第 2 行") && msg.contains("科学计数法"),
        "Chinese message: {msg}"
    );
    assert!(msg.contains("A 列"), "names the column: {msg}");
}

#[test]
fn defaults_fill_missing_columns() {
    let source = read_pasted("号码\n02038000141\n13800138142\n", &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let defaults = Defaults {
        call_type: Some(CallType::Outbound),
        max_call_count: Some(10),
        max_call_psec: Some(2),
        outbound_callee_format: None,
        carrier_phone_number: None,
    };
    let r = auto_process(&source.table, HeaderChoice::Detect, &defaults, &cn())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        r.rows.iter().all(|x| x.issues.is_empty()),
        "defaults fill: {:?}",
        r.rows
    );
    assert_eq!(r.items().len(), 2, "both rows submit with the defaults");
    let bad = Defaults {
        max_call_count: Some(0),
        ..defaults
    };
    let err = auto_process(&source.table, HeaderChoice::Detect, &bad, &cn()).err();
    assert_eq!(
        err.map(|e| e.code()),
        Some("invalid_option"),
        "a default of 0 is refused"
    );
}

#[test]
fn existing_numbers_are_duplicates() {
    let source = read_pasted("PhoneNumber\tCallType\tMaxCallCount\tMaxCallPSec\n02038000151\t1\t5\t1\n02038000152\t1\t5\t1\n", &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(source.format, SourceFormat::Pasted, "pasted text");
    let options = ValidationOptions {
        held_numbers: vec![HeldNumber {
            number: "0086 20 3800 0152".into(),
            application_id: 12,
            destination: "Tencent International".into(),
            sdk_app_id: 1_400_000_001,
        }],
        ..cn()
    };
    let r = auto_process(
        &source.table,
        HeaderChoice::Detect,
        &Defaults::default(),
        &options,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(at(&r, 2), [], "a new number passes");
    assert_eq!(
        at(&r, 3),
        [(
            Code::DuplicateExisting,
            Some(Field::PhoneNumber),
            Severity::Error
        )],
        "a number already applied for (written differently) is an error"
    );
    let message = &r.rows[1].issues[0].message;
    assert!(
        message.contains("application #12")
            && message.contains("Tencent International, SdkAppId 1400000001"),
        "rule: the message says where the number is held: {message}"
    );
}

#[test]
fn one_number_written_four_ways_is_one_number() {
    let text = "PhoneNumber\tCallType\tMaxCallCount\tMaxCallPSec\n\
                020 3800 1234\t1\t5\t1\n+86 20 3800 1234\t1\t5\t1\n\
                0086 20 38001234\t1\t5\t1\n862038001234\t1\t5\t1\n";
    let source = read_pasted(text, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let r = auto_process(
        &source.table,
        HeaderChoice::Detect,
        &Defaults::default(),
        &cn(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let keys: Vec<_> = r.rows.iter().map(|row| row.normalized.clone()).collect();
    assert!(
        keys.iter().all(|k| k.as_deref() == Some("+862038001234")),
        "rule: one number, one key: {keys:?}"
    );
    for line in 3..=5 {
        assert_eq!(
            at(&r, line),
            [(
                Code::DuplicateInFile,
                Some(Field::PhoneNumber),
                Severity::Error
            )],
            "row {line} repeats row 2"
        );
    }
}

#[test]
fn nothing_to_import() {
    assert_eq!(read_err("empty.csv").code(), "empty_file", "0 bytes");
    assert_eq!(
        read_err("whitespace_only.csv").code(),
        "empty_file",
        "only whitespace"
    );
    let (_, r) = import("header_only.csv");
    assert!(r.rows.is_empty(), "no rows");
    assert_eq!(
        r.file_issues
            .iter()
            .map(|f| (f.code, f.severity))
            .collect::<Vec<_>>(),
        [(Code::NoDataRows, Severity::Error)],
        "header only: one clear error"
    );
    let (_, r) = import("no_phone_column.csv");
    assert!(
        r.file_issues
            .iter()
            .any(|f| f.code == Code::NoPhoneColumn && f.is_error()),
        "no phone column: {:?}",
        r.file_issues
    );
    assert!(r.rows.is_empty(), "no rows without a phone column");
}

#[test]
fn headerless_paste_guesses_the_number_column() {
    let (_, r) = import("headerless_paste.txt");
    assert_eq!(r.header_row, None, "no header");
    assert_eq!(r.rows.len(), 3, "every line is a number");
    assert_eq!(
        r.file_issues.first().map(|f| (f.code, f.severity)),
        Some((Code::HeaderNotFound, Severity::Warning)),
        "the guess is reported, not silent"
    );
}

#[test]
fn broken_and_foreign_files_are_one_clear_error() {
    assert_eq!(
        read_err("unterminated_quote.csv").code(),
        "unterminated_quote",
        "open quote"
    );
    match read_err("unterminated_quote.csv") {
        ImportError::UnterminatedQuote { line } => assert_eq!(line, 3, "names the row"),
        e => panic!("wrong error {e}"),
    }
    assert_eq!(
        read_err("html_as_xls.xls").code(),
        "unsupported_format",
        "HTML as .xls"
    );
    for (name, bytes) in [
        (
            "nul bytes",
            b"PhoneNumber\n0203\x00\x00\x01\x02\x03\x00\x00".to_vec(),
        ),
        ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec()),
    ] {
        let err = read_bytes(&bytes, &ReadOptions::default(), Lang::En)
            .err()
            .map(|e| e.code());
        assert_eq!(err, Some("binary_file"), "{name} is refused as binary");
    }
}

#[test]
fn limits_are_clear_errors() {
    let one_mb_line = format!("PhoneNumber\n{}\n", "1".repeat(1 << 20));
    let err = read_bytes(one_mb_line.as_bytes(), &ReadOptions::default(), Lang::En).err();
    assert!(
        matches!(err, Some(ImportError::CellTooLarge { line: 2, .. })),
        "1 MB single line: cell too large on row 2, got {err:?}"
    );
    let wide = format!("{}\n", vec!["x"; 10_000].join(","));
    let err = read_bytes(wide.as_bytes(), &ReadOptions::default(), Lang::En).err();
    assert!(
        matches!(err, Some(ImportError::TooManyColumns { line: 1, .. })),
        "10,000 columns: too many columns, got {err:?}"
    );
    let mut tall = String::from("PhoneNumber\n");
    for i in 0..numdesk_import::limits::MAX_ROWS {
        tall.push_str(&format!("1{i:010}\n"));
    }
    let err = read_bytes(tall.as_bytes(), &ReadOptions::default(), Lang::En).err();
    assert_eq!(
        err.map(|e| e.code()),
        Some("too_many_rows"),
        "MAX_ROWS + 1 rows refused"
    );
    let big = vec![b'1'; (numdesk_import::limits::MAX_FILE_BYTES + 1) as usize];
    let err = read_bytes(&big, &ReadOptions::default(), Lang::En).err();
    assert_eq!(
        err.map(|e| e.code()),
        Some("file_too_large"),
        "over MAX_FILE_BYTES refused"
    );
}

#[test]
fn legacy_xls() {
    let (source, r) = import("legacy.xls");
    assert_eq!(source.format, SourceFormat::Xls, "recognised by content");
    assert_eq!(source.sheets, ["号码", "Notes"], "sheets listed in order");
    assert_eq!(
        source.sheet.as_deref(),
        Some("号码"),
        "first sheet read by default"
    );
    assert_eq!(
        phones(&r),
        ["2038000131", "02038000132", "13800138133"],
        "numeric cells without float artefacts"
    );
    assert_eq!(
        at(&r, 2)[0].0,
        Code::LeadingZeroLost,
        "number cell lost its 0"
    );
    assert_eq!(at(&r, 3), [], "text number kept as typed");
    assert_eq!(
        at(&r, 4),
        [],
        "mobile number cell is fine; 10.0 count is 10"
    );
    let notes = read_path(
        &corpus("legacy.xls"),
        &ReadOptions {
            sheet: Some("Notes".into()),
            ..Default::default()
        },
        Lang::En,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        notes.table.rows[0].cells[0].text, "nothing here",
        "other sheet chosen"
    );
    let err = read_path(
        &corpus("legacy.xls"),
        &ReadOptions {
            sheet: Some("Sheet9".into()),
            ..Default::default()
        },
        Lang::En,
    )
    .err();
    assert_eq!(
        err.map(|e| e.code()),
        Some("sheet_not_found"),
        "unknown sheet named"
    );
}

#[test]
fn xls_declaring_a_huge_sheet_is_refused_before_allocating() {
    let err = read_err("huge_declared_dimensions.xls");
    assert!(
        matches!(
            err,
            ImportError::SheetTooLarge {
                rows: 1_048_576,
                columns: 256,
                ..
            }
        ),
        "the declared size is checked before calamine reserves memory for it: {err:?}"
    );
}
