//! Export of rows with their findings to CSV or XLSX, escaped against formula injection.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::ImportError;
use crate::finding::{Field, Severity};
use crate::lang::Lang;
use crate::template::template_header;
use crate::validate::ImportedRow;

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab/CR before
/// one) gets a leading `'`. Import removes that mark again.
pub fn escape_formula(value: &str) -> Cow<'_, str> {
    if needs_escape(value) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

fn needs_escape(value: &str) -> bool {
    value.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn headers(lang: Lang) -> Vec<&'static str> {
    let mut h = vec![lang.pick("Row", "行号")];
    h.extend(Field::ALL.into_iter().map(|f| template_header(f, lang)));
    h.push(lang.pick("Status", "状态"));
    h.push(lang.pick("Issues", "问题"));
    h
}

fn cells(row: &ImportedRow, lang: Lang) -> Vec<String> {
    let status = if row.has_errors() {
        lang.pick("error", "错误")
    } else if row.issues.iter().any(|f| f.severity == Severity::Warning) {
        lang.pick("warning", "警告")
    } else {
        "OK"
    };
    vec![
        row.line.to_string(),
        row.phone_number.clone(),
        row.call_type
            .map(|c| c.code().to_string())
            .unwrap_or_default(),
        row.max_call_count
            .map(|n| n.to_string())
            .unwrap_or_default(),
        row.max_call_psec.map(|n| n.to_string()).unwrap_or_default(),
        row.outbound_callee_format.clone().unwrap_or_default(),
        row.carrier_phone_number.clone().unwrap_or_default(),
        status.to_owned(),
        row.issues
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    ]
}

/// A table of text cells to export: the header row, the rows, and how the XLSX sheet looks.
#[derive(Debug, Clone, Default)]
pub struct ExportTable<'a> {
    /// The XLSX sheet's name.
    pub sheet: &'a str,
    /// The header row.
    pub headers: Vec<&'a str>,
    /// The rows, each as long as `headers`.
    pub rows: Vec<Vec<String>>,
    /// XLSX column widths (column index, width in characters).
    pub widths: Vec<(u16, f64)>,
    /// XLSX columns whose text wraps.
    pub wrap: Vec<u16>,
}

/// A table as CSV: UTF-8 with BOM, CRLF, every cell escaped with [`escape_formula`]. The one
/// CSV writer of every export (drafts, applications).
pub fn table_csv(table: &ExportTable<'_>) -> Result<Vec<u8>, ImportError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let werr = |e: csv::Error| ImportError::Write {
            reason: e.to_string(),
        };
        w.write_record(&table.headers).map_err(werr)?;
        for row in &table.rows {
            let escaped: Vec<String> = row.iter().map(|c| escape_formula(c).into_owned()).collect();
            w.write_record(&escaped).map_err(werr)?;
        }
        w.flush().map_err(|e| ImportError::Write {
            reason: e.to_string(),
        })?;
    }
    Ok(out)
}

/// A table as XLSX. Every value is a text cell; those that start like a formula also carry
/// Excel's own "quote prefix" mark, so they stay text when edited or saved as CSV. The one XLSX
/// writer of every export (drafts, applications).
pub fn table_xlsx(table: &ExportTable<'_>) -> Result<Vec<u8>, ImportError> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(table.sheet)?;
        let bold = Format::new().set_bold();
        let quoted = Format::new().set_quote_prefix();
        let wrap = Format::new().set_text_wrap();
        for (col, h) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *h, &bold)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (col, value) in row.iter().enumerate() {
                let col = col as u16;
                if needs_escape(value) {
                    sheet.write_string_with_format(r, col, value, &quoted)?;
                } else if table.wrap.contains(&col) {
                    sheet.write_string_with_format(r, col, value, &wrap)?;
                } else {
                    sheet.write_string(r, col, value)?;
                }
            }
        }
        for &(col, width) in &table.widths {
            sheet.set_column_width(col, width)?;
        }
        book.save_to_buffer()
    };
    build().map_err(|e| ImportError::Write {
        reason: e.to_string(),
    })
}

fn rows_table(rows: &[ImportedRow], lang: Lang) -> ExportTable<'static> {
    ExportTable {
        sheet: lang.pick("Numbers", "号码列表"),
        headers: headers(lang),
        rows: rows.iter().map(|row| cells(row, lang)).collect(),
        widths: vec![(1, 18.0), (8, 80.0)],
        wrap: vec![8],
    }
}

/// Rows as CSV: UTF-8 with BOM, CRLF, every cell escaped with [`escape_formula`].
pub fn export_csv(rows: &[ImportedRow], lang: Lang) -> Result<Vec<u8>, ImportError> {
    table_csv(&rows_table(rows, lang))
}

/// Rows as XLSX. Every value is a text cell; those that start like a formula also carry Excel's
/// own "quote prefix" mark, so they stay text when edited or saved as CSV.
pub fn export_xlsx(rows: &[ImportedRow], lang: Lang) -> Result<Vec<u8>, ImportError> {
    table_xlsx(&rows_table(rows, lang))
}
