//! The raw table read from a file, before mapping: rows of text cells with their row numbers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of value a cell held in the source. CSV and pasted text give only `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum CellKind {
    /// Text (every cell of a CSV file).
    #[default]
    Text,
    /// A spreadsheet number, shown in `text` without float artefacts.
    Number,
    /// A spreadsheet date or time; `text` holds the Excel serial value.
    Date,
    /// A spreadsheet boolean (`TRUE`/`FALSE`).
    Bool,
    /// A spreadsheet error value (`#N/A`, `#VALUE!`, …).
    Error,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Cell {
    /// The value as text.
    pub text: String,
    /// What the source said the value was.
    pub kind: CellKind,
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: CellKind::Text,
        }
    }

    /// Whether the cell holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// One row of the source.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct TableRow {
    /// 1-based row number as the user sees it: the Excel row number for spreadsheets and for CSV
    /// files as Excel opens them (blank lines count, a quoted cell spanning lines is one row, an
    /// Excel `sep=` first line is not a row).
    pub line: u32,
    /// The cells, left to right (column A first). Rows may differ in length.
    pub cells: Vec<Cell>,
}

impl TableRow {
    /// The cell at `column` (0-based), if the row is that wide.
    pub fn cell(&self, column: usize) -> Option<&Cell> {
        self.cells.get(column)
    }

    /// Whether every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// The rows of a file or sheet, in order. Rows absent from a spreadsheet are absent here too.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Table {
    /// The rows.
    pub rows: Vec<TableRow>,
}

impl Table {
    /// The widest row's number of cells.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }

    /// Index into `rows` of the row the user knows as `line`.
    pub fn index_of_line(&self, line: u32) -> Option<usize> {
        self.rows.binary_search_by_key(&line, |r| r.line).ok()
    }
}

/// Column letters as Excel shows them: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_match_excel() {
        assert_eq!(column_letter(0), "A", "first column is A");
        assert_eq!(column_letter(25), "Z", "26th column is Z");
        assert_eq!(column_letter(26), "AA", "27th column is AA");
        assert_eq!(column_letter(701), "ZZ", "702nd column is ZZ");
        assert_eq!(column_letter(702), "AAA", "703rd column is AAA");
    }
}
