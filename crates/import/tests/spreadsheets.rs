//! Real .xlsx files written with rust_xlsxwriter, the template, the export, and the TypeScript
//! shapes of the types the desktop wizard will show.

use std::io::Read;

use numdesk_import::{
    Code, Defaults, Field, HeaderChoice, ImportResult, Lang, ReadOptions, Severity, Source,
    SourceFormat, ValidationOptions, auto_map, auto_process, escape_formula, export_csv,
    export_xlsx, read_bytes, template_csv, template_xlsx,
};
use numdesk_model::CallType;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn cn() -> ValidationOptions {
    ValidationOptions {
        country: "CN".parse().ok(),
        ..Default::default()
    }
}

fn read(bytes: &[u8], sheet: Option<&str>) -> Source {
    let options = ReadOptions {
        sheet: sheet.map(str::to_owned),
        ..Default::default()
    };
    read_bytes(bytes, &options, Lang::En).unwrap_or_else(|e| panic!("xlsx must read: {e}"))
}

fn process(source: &Source) -> ImportResult {
    auto_process(
        &source.table,
        HeaderChoice::Detect,
        &Defaults::default(),
        &cn(),
    )
    .unwrap_or_else(|e| panic!("must process: {e}"))
}

fn codes(r: &ImportResult, line: u32) -> Vec<(Code, Option<Field>)> {
    let row = r.rows.iter().find(|x| x.line == line);
    row.unwrap_or_else(|| panic!("row {line} imported"))
        .issues
        .iter()
        .map(|f| (f.code, f.field))
        .collect()
}

/// A zip part of an .xlsx as text.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{e}"));
    text
}

/// A carrier workbook: a hidden cover sheet, then the numbers with a title row, numbers typed
/// as numbers and as text, a date, a 16-digit number cell, decimals.
fn carrier_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let cover = book.add_worksheet();
    cover
        .set_name("Cover")
        .and_then(|s| s.write_string(0, 0, "confidential"))
        .unwrap_or_else(|e| panic!("{e}"));
    cover.set_hidden(true);
    let s = book.add_worksheet();
    s.set_active(true);
    let mut build = || -> Result<(), rust_xlsxwriter::XlsxError> {
        s.set_name("Numbers")?;
        s.write_string(0, 0, "线路号码清单 2025")?;
        for (c, h) in ["线路号码", "号码类型", "最大并发", "CPS"]
            .iter()
            .enumerate()
        {
            s.write_string(2, c as u16, *h)?;
        }
        s.write_number(3, 0, 2038000201.0)?; // lost its 0
        s.write_string(3, 1, "呼入")?;
        s.write_number(3, 2, 10.0)?;
        s.write_number(3, 3, 2.0)?;
        s.write_string(4, 0, "020-3800-0202")?; // text: fine
        s.write_number(4, 1, 2.0)?;
        s.write_number(4, 2, 30.0)?;
        s.write_number(4, 3, 5.0)?;
        let date = ExcelDateTime::from_ymd(2025, 3, 1)?;
        s.write_datetime_with_format(5, 0, &date, &Format::new().set_num_format("yyyy-mm-dd"))?;
        s.write_number(5, 1, 1.0)?;
        s.write_number(5, 2, 10.0)?;
        s.write_number(5, 3, 2.0)?;
        s.write_number(6, 0, 8613800138000123.0)?; // 16 digits: Excel kept 15
        s.write_number(6, 1, 1.0)?;
        s.write_number(6, 2, 10.0)?;
        s.write_number(6, 3, 2.5)?; // decimal
        s.write_number(7, 0, 13800138205.0)?; // mobile as number: fine
        s.write_number(7, 1, 1.0)?;
        s.write_number(7, 2, 10.0)?;
        s.write_number(7, 3, 2.0)?;
        Ok(())
    };
    build().unwrap_or_else(|e| panic!("{e}"));
    book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn xlsx_carrier_workbook() {
    let bytes = carrier_workbook();
    let source = read(&bytes, None);
    assert_eq!(source.format, SourceFormat::Xlsx, "recognised by content");
    assert_eq!(source.sheets, ["Cover", "Numbers"], "all worksheets listed");
    assert_eq!(
        source.sheet.as_deref(),
        Some("Numbers"),
        "hidden first sheet skipped by default"
    );
    let r = process(&source);
    assert_eq!(
        r.header_row,
        Some(3),
        "title row skipped, header found on row 3"
    );
    let phones: Vec<&str> = r.rows.iter().map(|x| x.phone_number.as_str()).collect();
    assert_eq!(
        phones[0], "2038000201",
        "number cell without .0 or exponent"
    );
    assert_eq!(
        codes(&r, 4),
        [(Code::LeadingZeroLost, Some(Field::PhoneNumber))],
        "lost 0"
    );
    assert_eq!(codes(&r, 5), [], "text number with dashes is clean");
    assert_eq!(
        r.rows[1].max_call_count,
        Some(30),
        "number cell 30.0 is the count 30"
    );
    assert_eq!(
        codes(&r, 6),
        [(Code::DateCell, Some(Field::PhoneNumber))],
        "a date is no number"
    );
    assert_eq!(
        codes(&r, 7),
        [
            (Code::PrecisionLost, Some(Field::PhoneNumber)),
            (Code::NotPositiveInteger, Some(Field::MaxCallPSec))
        ],
        "16-digit number cell and a decimal CPS"
    );
    assert_eq!(codes(&r, 8), [], "mobile number cell is fine");
    assert_eq!(
        r.rows[0].call_type,
        Some(CallType::Inbound),
        "号码类型 呼入"
    );
}

#[test]
fn xlsx_sheet_choice_and_limits() {
    let bytes = carrier_workbook();
    let cover = read(&bytes, Some("Cover"));
    assert_eq!(
        cover.table.rows[0].cells[0].text, "confidential",
        "hidden sheet can be chosen"
    );
    let err = read_bytes(
        &bytes,
        &ReadOptions {
            sheet: Some("Nope".into()),
            ..Default::default()
        },
        Lang::En,
    )
    .err();
    assert_eq!(
        err.map(|e| e.code()),
        Some("sheet_not_found"),
        "unknown sheet"
    );

    // A cell far beyond the limits: refused from the cell's position, nothing allocated for it.
    for (row, col, code) in [
        (1_048_575, 0, "too_many_rows"),
        (0, 16_383, "too_many_columns"),
    ] {
        let mut book = Workbook::new();
        let s = book.add_worksheet();
        s.write_string(0, 0, "PhoneNumber")
            .unwrap_or_else(|e| panic!("{e}"));
        s.write_string(row, col, "x")
            .unwrap_or_else(|e| panic!("{e}"));
        let bytes = book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"));
        let err = read_bytes(&bytes, &ReadOptions::default(), Lang::En).err();
        assert_eq!(err.map(|e| e.code()), Some(code), "cell at ({row}, {col})");
    }
}

#[test]
fn template_xlsx_is_real_and_reimports() {
    for lang in [Lang::En, Lang::Zh] {
        let bytes = template_xlsx(lang).unwrap_or_else(|e| panic!("{e}"));
        let source = read(&bytes, None);
        assert_eq!(
            source.sheets.len(),
            2,
            "numbers sheet and instructions sheet"
        );
        let mapping = auto_map(&source.table.rows[0].cells);
        for field in Field::ALL {
            assert!(
                mapping.get(field).is_some(),
                "{lang}: template header for {field} maps"
            );
        }
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains(r#"<dataValidation type="list""#),
            "{lang}: CallType dropdown present"
        );
        let choices = lang.pick("inbound,outbound,both", "呼入,呼出,双向");
        assert!(sheet.contains(choices), "{lang}: dropdown offers {choices}");
        let styles = part(&bytes, "xl/styles.xml");
        assert!(
            styles.contains(r#"numFmtId="49""#),
            "{lang}: a Text (@) number format exists"
        );
        assert!(sheet.contains("<cols>"), "{lang}: column formats are set");
        let help = part(&bytes, "xl/sharedStrings.xml");
        assert!(
            help.contains(lang.pick("Paste Special", "选择性粘贴")),
            "{lang}: instructions"
        );
    }
}

#[test]
fn filled_template_imports() {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let mut fill = || -> Result<(), rust_xlsxwriter::XlsxError> {
        let headers = [
            "号码（必填）",
            "呼叫类型",
            "最大并发数",
            "每秒并发数",
            "外呼被叫格式",
            "运营商号码",
        ];
        for (c, h) in headers.iter().enumerate() {
            s.write_string(0, c as u16, *h)?;
        }
        s.write_string(1, 0, "02038000301")?;
        s.write_string(1, 1, "双向")?;
        s.write_number(1, 2, 10)?;
        s.write_number(1, 3, 2)?;
        s.write_string(1, 4, "{+E.164}")?;
        s.write_string(1, 5, "02038000399")?;
        Ok(())
    };
    fill().unwrap_or_else(|e| panic!("{e}"));
    let bytes = book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"));
    let r = process(&read(&bytes, None));
    let items = r.items();
    assert_eq!(items.len(), 1, "the filled row is an item: {:?}", r.rows);
    assert_eq!(
        items[0].call_type,
        CallType::InboundAndOutbound,
        "双向 is 2"
    );
    assert_eq!(
        items[0].outbound_callee_format.as_deref(),
        Some("{+E.164}"),
        "format kept"
    );
    assert_eq!(
        items[0].carrier_phone_number.as_deref(),
        Some("02038000399"),
        "carrier kept"
    );
}

#[test]
fn template_csv_has_bom_and_maps() {
    for lang in [Lang::En, Lang::Zh] {
        let bytes = template_csv(lang);
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{lang}: UTF-8 BOM so Excel reads UTF-8"
        );
        let source =
            read_bytes(&bytes, &ReadOptions::default(), lang).unwrap_or_else(|e| panic!("{e}"));
        let mapping = auto_map(&source.table.rows[0].cells);
        assert!(
            Field::ALL.iter().all(|f| mapping.get(*f).is_some()),
            "{lang}: every field maps"
        );
    }
}

#[test]
fn formula_injection_escaped() {
    for (raw, want) in [
        ("=1+1", "'=1+1"),
        ("+8613800138000", "'+8613800138000"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("02038000001", "02038000001"),
        ("双向", "双向"),
    ] {
        assert_eq!(
            escape_formula(raw),
            want,
            "{raw:?} escaped against formula injection"
        );
    }
}

fn rows_with_risky_cells() -> ImportResult {
    let text = "PhoneNumber\tCallType\tMaxCallCount\tMaxCallPSec\n+8613800138401\t1\t5\t1\n=HYPERLINK(\"http://x\")\t1\t5\t1\n";
    let source = numdesk_import::read_pasted(text, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    process(&source)
}

#[test]
fn csv_export_escapes_and_reimports() {
    let r = rows_with_risky_cells();
    let bytes = export_csv(&r.rows, Lang::En).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("'+8613800138401"),
        "leading + escaped: {text}"
    );
    assert!(text.contains("\"'=HYPERLINK("), "formula escaped: {text}");
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains(",+86"),
        "nothing left live: {text}"
    );
    assert!(
        text.contains("is a formula"),
        "findings exported with the rows"
    );
    // Exported numbers come back as they were: the escape mark is Excel's text mark.
    let again = process(
        &read_bytes(&bytes, &ReadOptions::default(), Lang::En).unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(
        again.rows[0].phone_number, "+8613800138401",
        "escape removed on import"
    );
    assert_eq!(codes(&again, 2), [], "re-imported number is clean");
    assert_eq!(
        again.rows[1].issues.first().map(|f| (f.code, f.severity)),
        Some((Code::Formula, Severity::Error)),
        "the formula is still refused after a round trip"
    );
}

#[test]
fn xlsx_export_marks_risky_cells_as_text() {
    let r = rows_with_risky_cells();
    let bytes = export_xlsx(&r.rows, Lang::Zh).unwrap_or_else(|e| panic!("{e}"));
    let styles = part(&bytes, "xl/styles.xml");
    assert!(
        styles.contains(r#"quotePrefix="1""#),
        "Excel's quote-prefix (text) mark is used"
    );
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "no cell is written as a formula");
    let source = read(&bytes, None);
    assert_eq!(
        source.table.rows[0].cells[0].text, "行号",
        "Chinese headers"
    );
    assert_eq!(
        source.table.rows[1].cells[1].text, "+8613800138401",
        "value kept exactly"
    );
}

#[test]
fn typescript_shapes() {
    use ts_rs::{Config, TS};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cfg = Config::new()
        .with_large_int("number")
        .with_out_dir(dir.path());
    numdesk_import::ImportResult::export_all(&cfg).unwrap_or_else(|e| panic!("{e}"));
    numdesk_import::Source::export_all(&cfg).unwrap_or_else(|e| panic!("{e}"));
    numdesk_import::ValidationOptions::export_all(&cfg).unwrap_or_else(|e| panic!("{e}"));
    numdesk_import::RowInput::export_all(&cfg).unwrap_or_else(|e| panic!("{e}"));
    let file = |n: &str| {
        std::fs::read_to_string(dir.path().join(n)).unwrap_or_else(|e| panic!("{n}: {e}"))
    };
    let row = file("ImportedRow.ts");
    assert!(
        row.contains("maxCallPsec"),
        "row keys are camelCase like every IPC type: {row}"
    );
    assert!(
        !row.contains("normalized"),
        "internal key not exposed: {row}"
    );
    let code = file("Code.ts");
    assert!(
        code.contains("\"scientific_notation\""),
        "codes are snake_case strings: {code}"
    );
    let options = file("ValidationOptions.ts");
    assert!(
        options.contains("country?: Country"),
        "country optional: {options}"
    );
    assert!(
        file("Country.ts").contains("string"),
        "a country is its ISO code string"
    );
}
