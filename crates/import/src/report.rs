//! The one-object summary of an import (what `numdesk import --json` prints): rows, whole-file
//! findings, and what was detected.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ImportError;
use crate::finding::{Field, Finding};
use crate::process::auto_process;
use crate::read::{ReadOptions, Source, read_path};
use crate::table::column_letter;
use crate::validate::{Defaults, HeaderChoice, ImportResult, ImportedRow, ValidationOptions};

/// Where a field was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MappedColumn {
    /// Column letter as Excel shows it (`A`, `B`, …).
    pub column: String,
    /// The header text, when there is a header row.
    pub header: Option<String>,
}

/// What was detected while reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Detected {
    /// Encoding of a text file (`UTF-8`, `gb18030`, `UTF-16LE`, …); `null` for spreadsheets.
    pub encoding: Option<String>,
    /// Delimiter of a text file; `null` for spreadsheets.
    pub delimiter: Option<String>,
    /// Header row as the user sees it (1-based); `null` when there is none.
    pub header_row: Option<u32>,
    /// Field (API name) → column.
    pub mapping: BTreeMap<String, MappedColumn>,
}

/// Rows, whole-file findings (reading and mapping) and what was detected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// One per data row.
    pub rows: Vec<ImportedRow>,
    /// Findings about the whole file.
    pub file_issues: Vec<Finding>,
    /// What was detected.
    pub detected: Detected,
}

impl ImportReport {
    /// The report of `result`, processed from `source`.
    pub fn new(source: &Source, result: ImportResult) -> Self {
        let header = result
            .header_row
            .and_then(|line| source.table.index_of_line(line))
            .map(|i| &source.table.rows[i]);
        let mut mapping = BTreeMap::new();
        for field in Field::ALL {
            if let Some(col) = result.mapping.get(field) {
                let text = header
                    .and_then(|h| h.cell(col))
                    .map(|c| c.text.trim().to_owned());
                mapping.insert(
                    field.api_name().to_owned(),
                    MappedColumn {
                        column: column_letter(col),
                        header: text,
                    },
                );
            }
        }
        let mut file_issues = source.issues.clone();
        file_issues.extend(result.file_issues);
        Self {
            rows: result.rows,
            file_issues,
            detected: Detected {
                encoding: source.encoding.as_ref().map(|e| e.name.clone()),
                delimiter: source.delimiter.map(String::from),
                header_row: result.header_row,
                mapping,
            },
        }
    }
}

/// Reads `path` and runs the whole pipeline: what the CLI's `import` command does.
pub fn import_path(
    path: &Path,
    read: &ReadOptions,
    header: HeaderChoice,
    defaults: &Defaults,
    options: &ValidationOptions,
) -> Result<ImportReport, ImportError> {
    let source = read_path(path, read, options.lang)?;
    let result = auto_process(&source.table, header, defaults, options)?;
    Ok(ImportReport::new(&source, result))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::read::read_pasted;

    /// The JSON shape, pinned: rows are camelCase like every IPC type (the grid reads them); the
    /// CLI's `import --json` prints its own snake_case copy (`crates/cli/src/json.rs`).
    #[test]
    fn json_shape_is_pinned() {
        let source = read_pasted(
            "号码\t呼叫类型\t最大并发数\t每秒并发数\n020-3800-0501\t1\t10\t2\n2.01235E+10\t1\t10\t2\n",
            &ReadOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let options = ValidationOptions {
            country: "CN".parse().ok(),
            lang: Lang::En,
            ..Default::default()
        };
        let result = auto_process(
            &source.table,
            HeaderChoice::Detect,
            &Defaults::default(),
            &options,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_value(ImportReport::new(&source, result)).unwrap_or_default();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default()
        };
        assert_eq!(
            keys(&json),
            ["detected", "file_issues", "rows"],
            "top-level keys"
        );
        assert_eq!(
            keys(&json["detected"]),
            ["delimiter", "encoding", "header_row", "mapping"],
            "detected keys"
        );
        assert_eq!(
            json["detected"]["delimiter"], "\t",
            "pasted text is tab-separated"
        );
        assert_eq!(json["detected"]["header_row"], 1, "1-based header row");
        assert_eq!(
            json["detected"]["mapping"]["PhoneNumber"],
            serde_json::json!({"column": "A", "header": "号码"}),
            "mapping names column and header"
        );
        assert_eq!(
            json["rows"][0],
            serde_json::json!({
                "line": 2, "phoneNumber": "02038000501", "callType": 1,
                "maxCallCount": 10, "maxCallPsec": 2, "issues": []
            }),
            "a clean row: exact keys, optional fields omitted"
        );
        let issue = &json["rows"][1]["issues"][0];
        assert_eq!(
            keys(issue),
            ["code", "field", "message", "severity"],
            "finding keys"
        );
        assert_eq!(issue["severity"], "error", "severity is error|warning");
        assert_eq!(
            issue["code"], "scientific_notation",
            "stable snake_case code"
        );
        assert_eq!(issue["field"], "PhoneNumber", "field is the API name");
    }
}
