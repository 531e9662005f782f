//! Spreadsheets (.xlsx, .xls) through calamine, with the size guards calamine lacks.

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, DataRef, Reader, SheetType, SheetVisible, Xls, Xlsx};

use crate::error::ImportError;
use crate::limits::{MAX_CELL_BYTES, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_XLSX_PART_BYTES};
use crate::table::{Cell, CellKind, Table, TableRow, column_letter};

/// What was read from a workbook.
#[derive(Debug)]
pub(crate) struct SheetRead {
    pub sheets: Vec<String>,
    pub sheet: String,
    pub table: Table,
}

/// Runs a calamine call, turning a panic inside it (a damaged file it did not expect) into an
/// error: a hostile file must never take the app down.
fn guarded<T>(f: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(ImportError::Spreadsheet {
            reason: "the reader failed on damaged content".into(),
        })
    })
}

fn unreadable(e: impl std::fmt::Display) -> ImportError {
    ImportError::Spreadsheet {
        reason: e.to_string(),
    }
}

/// Worksheet names in order, and the one to read: `wanted`, else the first visible worksheet.
fn choose_sheet(
    meta: &[calamine::Sheet],
    wanted: Option<&str>,
) -> Result<(Vec<String>, String), ImportError> {
    let names: Vec<String> = meta
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    if names.is_empty() {
        return Err(ImportError::NoSheets);
    }
    let chosen = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(w.trim()))
            })
            .cloned()
            .ok_or_else(|| ImportError::SheetNotFound {
                name: w.to_owned(),
                available: names.clone(),
            })?,
        None => meta
            .iter()
            .find(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| names[0].clone()),
    };
    Ok((names, chosen))
}

/// Checks the uncompressed size of every part of the ZIP container before calamine inflates any.
fn check_zip_parts(bytes: &[u8]) -> Result<(), ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(unreadable)?;
        if part.size() > MAX_XLSX_PART_BYTES {
            return Err(ImportError::Spreadsheet {
                reason: format!(
                    "part {} unpacks to {} bytes, more than the {} allowed",
                    part.name().unwrap_or_default(),
                    part.size(),
                    MAX_XLSX_PART_BYTES
                ),
            });
        }
    }
    Ok(())
}

/// Builds the table as cells arrive (row by row), enforcing the limits on what is really there.
/// Nothing is allocated from a size the file merely declares.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<TableRow>,
    cells: u64,
}

impl TableBuilder {
    fn put(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), ImportError> {
        if cell.text.is_empty() && cell.kind == CellKind::Text {
            return Ok(());
        }
        let line = row.saturating_add(1);
        let col = col as usize;
        if row as usize >= MAX_ROWS {
            return Err(ImportError::TooManyRows { limit: MAX_ROWS });
        }
        if col >= MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                line,
                columns: col + 1,
                limit: MAX_COLUMNS,
            });
        }
        if cell.text.len() > MAX_CELL_BYTES {
            return Err(ImportError::CellTooLarge {
                line,
                column: column_letter(col),
                bytes: cell.text.len(),
                limit: MAX_CELL_BYTES,
            });
        }
        let idx = match self.rows.last() {
            Some(last) if last.line == line => self.rows.len() - 1,
            Some(last) if last.line < line => self.new_row(self.rows.len(), line),
            None => self.new_row(0, line),
            Some(_) => match self.rows.binary_search_by_key(&line, |r| r.line) {
                Ok(i) => i,
                Err(i) => self.new_row(i, line),
            },
        };
        let cells = &mut self.rows[idx].cells;
        if cells.len() <= col {
            self.cells += (col + 1 - cells.len()) as u64;
            if self.cells > MAX_CELLS {
                return Err(ImportError::TooManyCells { limit: MAX_CELLS });
            }
            cells.resize(col + 1, Cell::default());
        }
        cells[col] = cell;
        Ok(())
    }

    fn new_row(&mut self, at: usize, line: u32) -> usize {
        self.rows.insert(
            at,
            TableRow {
                line,
                cells: Vec::new(),
            },
        );
        at
    }
}

/// A number as Excel shows it: integers without `.0` or exponent, others rounded to Excel's 15
/// significant digits and written in the shortest form (`0.1 + 0.2` reads `0.3`).
pub(crate) fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e17 {
        return format!("{}", f as i64);
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    format!("{rounded}")
}

fn cell_of(value: DataRef<'_>) -> Cell {
    let (text, kind) = match value {
        DataRef::Empty => (String::new(), CellKind::Text),
        DataRef::String(s) => (s, CellKind::Text),
        DataRef::SharedString(s) => (s.to_owned(), CellKind::Text),
        DataRef::Int(i) => (i.to_string(), CellKind::Number),
        DataRef::Float(f) => (number_text(f), CellKind::Number),
        DataRef::Bool(b) => (
            (if b { "TRUE" } else { "FALSE" }).to_owned(),
            CellKind::Bool,
        ),
        DataRef::DateTime(d) => (number_text(d.as_f64()), CellKind::Date),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => (s, CellKind::Date),
        DataRef::Error(e) => (e.to_string(), CellKind::Error),
    };
    Cell { text, kind }
}

fn cell_of_data(value: &Data) -> Cell {
    let r = match value {
        Data::Empty => DataRef::Empty,
        Data::String(s) => DataRef::SharedString(s),
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
    };
    cell_of(r)
}

/// Reads one sheet of an .xlsx.
pub(crate) fn read_xlsx(bytes: &[u8], wanted: Option<&str>) -> Result<SheetRead, ImportError> {
    check_zip_parts(bytes)?;
    guarded(|| {
        let mut book = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
        let (sheets, sheet) = choose_sheet(book.sheets_metadata(), wanted)?;
        let mut builder = TableBuilder::default();
        {
            let mut cells = book.worksheet_cells_reader(&sheet).map_err(unreadable)?;
            while let Some(c) = cells.next_cell().map_err(unreadable)? {
                let (row, col) = c.get_position();
                builder.put(row, col, cell_of(c.get_value().clone()))?;
            }
        }
        Ok(SheetRead {
            sheets,
            sheet,
            table: Table { rows: builder.rows },
        })
    })
}

/// Reads one sheet of an .xls, after checking the sizes its records declare and span.
pub(crate) fn read_xls(bytes: &[u8], wanted: Option<&str>) -> Result<SheetRead, ImportError> {
    guarded(|| check_xls_sizes(bytes))?;
    guarded(|| {
        let mut book = Xls::new(Cursor::new(bytes)).map_err(unreadable)?;
        let (sheets, sheet) = choose_sheet(book.sheets_metadata(), wanted)?;
        let range = book.worksheet_range(&sheet).map_err(unreadable)?;
        let mut builder = TableBuilder::default();
        if let Some((row0, col0)) = range.start() {
            for (r, row) in range.rows().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    let (r, c) = (u32::try_from(r).unwrap_or(u32::MAX), c as u32);
                    builder.put(
                        row0.saturating_add(r),
                        col0.saturating_add(c),
                        cell_of_data(value),
                    )?;
                }
            }
        }
        Ok(SheetRead {
            sheets,
            sheet,
            table: Table { rows: builder.rows },
        })
    })
}

/// Walks the BIFF records of the workbook stream. For every sheet: the DIMENSIONS record's
/// declared area (calamine reserves memory for it) and the area spanned by the cells (calamine
/// allocates a dense grid over it) must stay within [`MAX_CELLS`].
fn check_xls_sizes(bytes: &[u8]) -> Result<(), ImportError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(unreadable)?;
    let name = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| ImportError::Spreadsheet {
            reason: "no workbook stream (is this an Excel file?)".into(),
        })?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(unreadable)?
        .read_to_end(&mut stream)
        .map_err(unreadable)?;

    let too_large = |rows: u64, columns: u64| ImportError::SheetTooLarge {
        rows,
        columns,
        limit: MAX_CELLS,
    };
    let (mut max_row, mut max_col) = (0u64, 0u64);
    let mut pos = 0usize;
    while pos + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]));
        let data = stream.get(pos + 4..pos + 4 + len).unwrap_or(&[]);
        pos += 4 + len;
        let u16_at = |i: usize| {
            data.get(i..i + 2)
                .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
        };
        let u32_at = |i: usize| {
            data.get(i..i + 4)
                .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
        };
        match typ {
            // BOF: a new substream (sheet) starts.
            0x0809 => (max_row, max_col) = (0, 0),
            // DIMENSIONS, read exactly as calamine reads it (BIFF8: u32 rows; BIFF5: u16),
            // including its arithmetic, which wraps on a record whose last row is before its
            // first.
            0x0200 => {
                let dims = match len {
                    10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
                    14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
                    _ => (None, None, None, None),
                };
                if let (Some(rf), Some(rl), Some(cf), Some(cl)) = dims {
                    let (rf, rl, cl) = (rf as u32, rl as u32, cl as u32);
                    let mut cf = cf as u32;
                    if 0xFF < cf || cl < cf {
                        cf = 0;
                    }
                    let end = if rl >= 1 && cl >= 1 {
                        (rl - 1, cl - 1)
                    } else {
                        (rf, cf)
                    };
                    let rows = u64::from(end.0.wrapping_sub(rf).wrapping_add(1));
                    let cols = u64::from(end.1.wrapping_sub(cf).wrapping_add(1));
                    if rows == 0 || cols == 0 || rows.saturating_mul(cols) > MAX_CELLS {
                        return Err(too_large(rows, cols));
                    }
                }
            }
            // Cell records: row and column first. MULRK also ends with its last column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x00BD => {
                if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    let c = if typ == 0x00BD && len >= 6 {
                        u16_at(len - 2).unwrap_or(c)
                    } else {
                        c
                    };
                    max_row = max_row.max(r);
                    max_col = max_col.max(c);
                    let span = (max_row + 1).saturating_mul(max_col + 1);
                    if span > MAX_CELLS {
                        return Err(too_large(max_row + 1, max_col + 1));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_without_float_artefacts() {
        assert_eq!(
            number_text(8613812345678.0),
            "8613812345678",
            "integer without .0"
        );
        assert_eq!(
            number_text(2012345678.0),
            "2012345678",
            "integer without exponent"
        );
        assert_eq!(
            number_text(0.1 + 0.2),
            "0.3",
            "no float artefact, as Excel shows it"
        );
        assert_eq!(number_text(1.1), "1.1", "shortest round-trip form");
        assert_eq!(number_text(-5.0), "-5", "negative integer");
    }
}
