//! The import template: XLSX (number columns formatted as Text, dropdowns, an instructions
//! sheet) or CSV (UTF-8 with BOM).

use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Workbook, Worksheet, XlsxError};

use crate::error::ImportError;
use crate::finding::Field;
use crate::lang::Lang;

/// Header of each field in the template; every one is an alias [`crate::auto_map`] knows.
pub(crate) fn template_header(field: Field, lang: Lang) -> &'static str {
    match (field, lang) {
        (Field::PhoneNumber, Lang::En) => "PhoneNumber (required)",
        (Field::CallType, Lang::En) => "CallType",
        (Field::MaxCallCount, Lang::En) => "MaxCallCount",
        (Field::MaxCallPSec, Lang::En) => "MaxCallPSec",
        (Field::OutboundCalleeFormat, Lang::En) => "OutboundCalleeFormat",
        (Field::CarrierPhoneNumber, Lang::En) => "CarrierPhoneNumber",
        (Field::PhoneNumber, Lang::Zh) => "号码（必填）",
        (Field::CallType, Lang::Zh) => "呼叫类型",
        (Field::MaxCallCount, Lang::Zh) => "最大并发数",
        (Field::MaxCallPSec, Lang::Zh) => "每秒并发数",
        (Field::OutboundCalleeFormat, Lang::Zh) => "外呼被叫格式",
        (Field::CarrierPhoneNumber, Lang::Zh) => "运营商号码",
    }
}

/// The CallType dropdown values.
pub(crate) fn call_type_choices(lang: Lang) -> [&'static str; 3] {
    lang.pick(["inbound", "outbound", "both"], ["呼入", "呼出", "双向"])
}

/// Last row (0-based) the dropdowns and formats cover.
const LAST_ROW: u32 = 200_000;

pub(crate) fn instructions(lang: Lang) -> Vec<String> {
    let [i, o, b] = call_type_choices(lang);
    match lang {
        Lang::En => vec![
            "How to fill in the number list".to_owned(),
            String::new(),
            "One number per row on the first sheet, below the header row. Do not rename the headers.".to_owned(),
            "PhoneNumber (required): the line number, e.g. 02012345678 or +862012345678. The column is formatted as Text so Excel keeps leading zeros and all digits; keep it that way.".to_owned(),
            format!("CallType (call type): {i} (0), {o} (1) or {b} (2, inbound and outbound). Leave the column empty to use the value chosen in Number Desk for all rows."),
            "MaxCallCount (max concurrent calls): how many calls the number may carry at the same time, a whole number of at least 1.".to_owned(),
            "MaxCallPSec (max calls per second): how many new calls may start each second, a whole number of at least 1 (normally not more than MaxCallCount).".to_owned(),
            "OutboundCalleeFormat (outbound callee format, optional): exactly {+E.164} or {E.164}, or empty.".to_owned(),
            "CarrierPhoneNumber (carrier number, optional): the number as your carrier knows it, when it differs from PhoneNumber.".to_owned(),
            String::new(),
            "Pasting numbers from another file: use Paste Special → Values, so the Text format stays. A number shown as 2.01235E+10 has already lost digits: type it again.".to_owned(),
            "Save as .xlsx, or as CSV UTF-8.".to_owned(),
        ],
        Lang::Zh => vec![
            "号码列表填写说明".to_owned(),
            String::new(),
            "在第一个工作表的表头下方每行填写一个号码。请不要修改表头。".to_owned(),
            "号码（必填）：线路号码，如 02012345678 或 +862012345678。该列已设置为“文本”格式，Excel 会保留开头的 0 和全部数字，请不要更改。".to_owned(),
            format!("呼叫类型：{i}（0）、{o}（1）或 {b}（2，呼入和呼出）。如留空，将使用在 Number Desk 中为所有行选择的值。"),
            "最大并发数：该号码同时进行的通话数上限，至少为 1 的整数。".to_owned(),
            "每秒并发数：每秒最多可以发起的新通话数，至少为 1 的整数（通常不大于最大并发数）。".to_owned(),
            "外呼被叫格式（选填）：准确填写 {+E.164} 或 {E.164}，或留空。".to_owned(),
            "运营商号码（选填）：运营商使用的号码，与号码本身不同时填写。".to_owned(),
            String::new(),
            "从其他文件粘贴号码时，请使用“选择性粘贴 → 数值”，以保留文本格式。显示为 2.01235E+10 的号码已经丢失了数字，请重新输入。".to_owned(),
            "保存为 .xlsx，或“CSV UTF-8”格式。".to_owned(),
        ],
    }
}

fn write_err(e: XlsxError) -> ImportError {
    ImportError::Write {
        reason: e.to_string(),
    }
}

fn numbers_sheet(sheet: &mut Worksheet, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(lang.pick("Numbers", "号码列表"))?;
    let bold = Format::new().set_bold();
    // Built-in format 49 is what Excel itself uses for Format Cells → Text.
    let text = Format::new().set_num_format_index(49);
    for (col, field) in Field::ALL.into_iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, template_header(field, lang), &bold)?;
        sheet.set_column_width(col, 24)?;
        if matches!(field, Field::PhoneNumber | Field::CarrierPhoneNumber) {
            sheet.set_column_format(col, &text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    // The words, and the codes the instructions promise as well (0, 1, 2).
    let [i, o, b] = call_type_choices(lang);
    let call_types = DataValidation::new()
        .allow_list_strings(&[i, o, b, "0", "1", "2"])?
        .set_error_title(lang.pick("CallType", "呼叫类型"))?
        .set_error_message(lang.pick(
            "Choose inbound, outbound or both (0, 1, 2).",
            "请选择 呼入、呼出 或 双向（0、1、2）。",
        ))?;
    sheet.add_data_validation(1, 1, LAST_ROW, 1, &call_types)?;
    let positive = DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(1))
        .set_error_message(lang.pick(
            "Enter a whole number of at least 1.",
            "请输入至少为 1 的整数。",
        ))?;
    sheet.add_data_validation(1, 2, LAST_ROW, 3, &positive)?;
    let formats = DataValidation::new().allow_list_strings(&["{+E.164}", "{E.164}"])?;
    sheet.add_data_validation(1, 4, LAST_ROW, 4, &formats)?;
    Ok(())
}

/// The XLSX template in `lang`.
pub fn template_xlsx(lang: Lang) -> Result<Vec<u8>, ImportError> {
    let mut book = Workbook::new();
    numbers_sheet(book.add_worksheet(), lang).map_err(write_err)?;
    let help = book.add_worksheet();
    help.set_name(lang.pick("Instructions", "填写说明"))
        .map_err(write_err)?;
    help.set_column_width(0, 120).map_err(write_err)?;
    for (row, line) in instructions(lang).iter().enumerate() {
        help.write_string(row as u32, 0, line).map_err(write_err)?;
    }
    book.save_to_buffer().map_err(write_err)
}

/// The CSV template in `lang`: UTF-8 with BOM (so Excel reads it as UTF-8), header row only.
pub fn template_csv(lang: Lang) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let headers: Vec<&str> = Field::ALL
        .into_iter()
        .map(|f| template_header(f, lang))
        .collect();
    out.extend_from_slice(headers.join(",").as_bytes());
    out.extend_from_slice(b"\r\n");
    out
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// The dropdown's list as the workbook stores it.
    fn call_type_list(lang: Lang) -> String {
        let bytes = template_xlsx(lang).unwrap_or_else(|e| panic!("{e}"));
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap_or_else(|e| panic!("{e}"))
            .read_to_string(&mut xml)
            .unwrap_or_else(|e| panic!("{e}"));
        let start = xml.find("<formula1>").map_or(0, |i| i + "<formula1>".len());
        let end = xml[start..]
            .find("</formula1>")
            .map_or(xml.len(), |e| start + e);
        xml[start..end].to_owned()
    }

    #[test]
    fn the_call_type_dropdown_accepts_what_the_instructions_promise() {
        for lang in [Lang::En, Lang::Zh] {
            let list = call_type_list(lang);
            for code in ["0", "1", "2"] {
                assert!(
                    list.split(['"', ',']).any(|v| v == code),
                    "rule: the instructions promise {code}; the dropdown lists {list}"
                );
            }
            let [i, _, _] = call_type_choices(lang);
            assert!(list.contains(i), "{list}");
        }
    }
}
