//! The whole-table steps: validating every row (in parallel for large files), duplicates within
//! the file, column findings, and the automatic pipeline.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::error::ImportError;
use crate::finding::{Code, Field, Finding};
use crate::lang::Lang;
use crate::mapping::{Mapping, auto_map, detect_header, field_for_header, guess_phone_column};
use crate::table::{Table, TableRow, column_letter};
use crate::validate::{
    Defaults, HeaderChoice, ImportResult, ImportedRow, RowView, ValidationOptions, Validator,
};

/// Marks every later occurrence of a number (by normalised form) as a duplicate of the first,
/// replacing earlier duplicate findings, so it can be re-run after an edit.
pub fn mark_duplicates(rows: &mut [ImportedRow], lang: Lang) {
    let mut later: Vec<(usize, usize)> = Vec::new();
    {
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            if let Some(key) = row.normalized.as_deref() {
                match first.entry(key) {
                    Entry::Occupied(e) => later.push((i, *e.get())),
                    Entry::Vacant(e) => {
                        e.insert(i);
                    }
                }
            }
        }
    }
    for row in rows.iter_mut() {
        row.issues.retain(|f| f.code != Code::DuplicateInFile);
    }
    for (i, f) in later {
        let (line, number) = (rows[f].line, rows[f].phone_number.clone());
        let row = &mut rows[i];
        let msg = lang.pick(
            format!(
                "Row {}, PhoneNumber: \"{}\" is the same number as \"{number}\" in row {line}. \
                 Remove one of the two rows.",
                row.line, row.phone_number
            ),
            format!(
                "第 {} 行，号码 (PhoneNumber)：“{}”与第 {line} 行的“{number}”是同一个号码。请删除其中一行。",
                row.line, row.phone_number
            ),
        );
        row.add_phone_finding(Finding::error(
            Code::DuplicateInFile,
            Some(Field::PhoneNumber),
            msg,
        ));
    }
}

/// Rows at or above which validation is split across threads.
const PARALLEL_FROM_ROWS: usize = 4096;

/// Validates rows in order; large files are split into one chunk per core (each thread with a
/// clone of the validator sharing the compiled patterns).
fn validate_all(
    mut validator: Validator,
    data: &[&TableRow],
    mapping: &Mapping,
) -> Vec<ImportedRow> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || data.len() < PARALLEL_FROM_ROWS {
        return data
            .iter()
            .map(|r| validator.validate(&RowView::of(r, mapping)))
            .collect();
    }
    validator.phone.warm();
    let chunk = data.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = data
            .chunks(chunk)
            .map(|part| {
                let mut v = validator.clone();
                scope.spawn(move || {
                    part.iter()
                        .map(|r| v.validate(&RowView::of(r, mapping)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut rows = Vec::with_capacity(data.len());
        for h in handles {
            match h.join() {
                Ok(part) => rows.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        rows
    })
}

/// Maps, cleans and validates the rows below `header` (an index into `table.rows`; `None`: no
/// header row, every row is data). Blank rows are skipped. Column problems (no phone column,
/// unused columns, two columns for one field) and an empty result are file findings.
pub fn process(
    table: &Table,
    header: Option<usize>,
    mapping: &Mapping,
    defaults: &Defaults,
    options: &ValidationOptions,
) -> Result<ImportResult, ImportError> {
    let lang = options.lang;
    if let Some(h) = header
        && h >= table.rows.len()
    {
        return Err(ImportError::InvalidOption {
            option: "header row",
            value: (h + 1).to_string(),
            expected: "a row of the file",
        });
    }
    let header_row = header.map(|h| &table.rows[h]);
    let data = &table.rows[header.map_or(0, |h| h + 1)..];
    let mut file_issues = column_findings(table, header_row, data, mapping, lang);
    let mut result = ImportResult {
        rows: Vec::new(),
        file_issues: Vec::new(),
        header_row: header_row.map(|r| r.line),
        mapping: *mapping,
    };
    if mapping.phone_number.is_none() {
        let headers: Vec<&str> = header_row
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.text.trim())
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let (en_h, zh_h) = match header_row {
            Some(r) => (
                format!(
                    " The header row (row {}) has: {}.",
                    r.line,
                    headers.join(", ")
                ),
                format!("表头（第 {} 行）为：{}。", r.line, headers.join("、")),
            ),
            None => (String::new(), String::new()),
        };
        file_issues.insert(0, Finding::error(
            Code::NoPhoneColumn,
            Some(Field::PhoneNumber),
            lang.pick(
                format!("No column holds the phone numbers.{en_h} Name the number column \"PhoneNumber\" or \"号码\" (see the template), or choose the column."),
                format!("没有找到号码列。{zh_h}请把号码列的表头命名为“号码”或“PhoneNumber”（参见模板），或手动选择该列。"),
            ),
        ));
        result.file_issues = file_issues;
        return Ok(result);
    }
    let validator = Validator::new(mapping, defaults, options)?;
    let data: Vec<&TableRow> = data.iter().filter(|r| !r.is_blank()).collect();
    let mut rows = validate_all(validator, &data, mapping);
    if rows.is_empty() {
        let below = header_row.map(|r| r.line);
        file_issues.push(Finding::error(
            Code::NoDataRows,
            None,
            match below {
                Some(l) => lang.pick(
                    format!("There are no rows with data below the header row (row {l}). Add the numbers below the header, or choose another header row."),
                    format!("表头（第 {l} 行）下方没有数据行。请在表头下方填写号码，或选择其他表头行。"),
                ),
                None => lang.pick(
                    "There are no rows with data.".to_owned(),
                    "没有包含数据的行。".to_owned(),
                ),
            },
        ));
    }
    mark_duplicates(&mut rows, lang);
    result.rows = rows;
    result.file_issues = file_issues;
    Ok(result)
}

/// Unused columns and columns that name an already-mapped field.
fn column_findings(
    table: &Table,
    header: Option<&TableRow>,
    data: &[TableRow],
    mapping: &Mapping,
    lang: Lang,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let width = table.width();
    for col in 0..width {
        if mapping.field_of(col).is_some() {
            continue;
        }
        let title = header
            .and_then(|h| h.cell(col))
            .map(|c| c.text.trim())
            .unwrap_or("");
        let letter = column_letter(col);
        if let Some(field) = field_for_header(title)
            && let Some(used) = mapping.get(field)
        {
            let used = column_letter(used);
            out.push(Finding::warning(
                Code::DuplicateColumn,
                Some(field),
                lang.pick(
                    format!("Column {letter} (\"{title}\") also looks like {field}; column {used} is used and column {letter} is ignored. Delete or rename one of them, or choose the column."),
                    format!("{letter} 列（“{title}”）看起来也是 {field}；已使用 {used} 列，忽略 {letter} 列。请删除或重命名其中一列，或手动选择。"),
                ),
            ));
            continue;
        }
        let has_data = data
            .iter()
            .any(|r| r.cell(col).is_some_and(|c| !c.is_blank()));
        if title.is_empty() && !has_data {
            continue;
        }
        let (en, zh) = if title.is_empty() {
            (
                format!("Column {letter} (no header) is not imported."),
                format!("{letter} 列（无表头）不会被导入。"),
            )
        } else {
            (
                format!(
                    "Column {letter} (\"{title}\") is not imported: its header matches no field. Rename it (see the template) or choose its field if it should be."
                ),
                format!(
                    "{letter} 列（“{title}”）不会被导入：表头与任何字段都不匹配。如需导入，请按模板重命名或手动选择字段。"
                ),
            )
        };
        out.push(Finding::warning(
            Code::UnmappedColumn,
            None,
            lang.pick(en, zh),
        ));
    }
    out
}

/// The whole pipeline for a read table: header row (chosen or detected), automatic mapping (or
/// a guessed phone column when there is no header), then [`process`].
pub fn auto_process(
    table: &Table,
    header: HeaderChoice,
    defaults: &Defaults,
    options: &ValidationOptions,
) -> Result<ImportResult, ImportError> {
    let lang = options.lang;
    let index = match header {
        HeaderChoice::Line(line) => {
            Some(
                table
                    .index_of_line(line)
                    .ok_or_else(|| ImportError::InvalidOption {
                        option: "header row",
                        value: line.to_string(),
                        expected: "the number of a row that has content",
                    })?,
            )
        }
        HeaderChoice::Detect => detect_header(table),
        HeaderChoice::None => None,
    };
    match index {
        Some(i) => process(
            table,
            Some(i),
            &auto_map(&table.rows[i].cells),
            defaults,
            options,
        ),
        None => {
            let mapping = Mapping {
                phone_number: guess_phone_column(table),
                ..Mapping::default()
            };
            let mut result = process(table, None, &mapping, defaults, options)?;
            if let Some(col) = mapping.phone_number
                && header == HeaderChoice::Detect
            {
                let letter = column_letter(col);
                result.file_issues.insert(0, Finding::warning(
                    Code::HeaderNotFound,
                    None,
                    lang.pick(
                        format!("No header row was recognised, so every row is read as data and column {letter} as PhoneNumber because its values look like phone numbers. Add a header row (see the template) to import other columns."),
                        format!("没有识别到表头，因此所有行都按数据读取，并因 {letter} 列的值看起来像号码而将其作为号码列。如需导入其他列，请添加表头（参见模板）。"),
                    ),
                ));
            }
            Ok(result)
        }
    }
}
