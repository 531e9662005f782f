//! Spreadsheets (.xlsx, .xls) through calamine, with the size guards calamine lacks.
//!
//! Over 500 lines because calamine bounds nothing: half of it walks each file as calamine will (ZIP
//! parts, BIFF records) to refuse it before calamine allocates.

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, DataRef, Reader, SheetType, SheetVisible, Xls, Xlsx};

use crate::error::ImportError;
use crate::limits::{
    MAX_CELL_BYTES, MAX_CELLS, MAX_COLUMNS, MAX_DECODED_BYTES, MAX_ROWS, MAX_XLSX_PART_BYTES,
    MAX_XLSX_UNPACKED_BYTES,
};
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

/// Checks the uncompressed size of every part of the ZIP container before calamine inflates any:
/// first as declared, then as really inflated (into a counter, nothing kept), so a part that
/// unpacks past what it declares, or parts that together unpack past
/// [`MAX_XLSX_UNPACKED_BYTES`], are refused before calamine holds any of it.
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
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            // Encrypted or an unknown method: calamine says what is wrong if it needs the part.
            continue;
        };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let declared = part.size();
        let mut real = 0u64;
        loop {
            match part.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => real += n as u64,
                // The zip reader stops a part at its declared size with this error.
                Err(e) if e.to_string().contains("declared") => real = declared + 1,
                // A damaged part: calamine reports it if it reads that part.
                Err(_) => break,
            }
            if real > declared {
                return Err(ImportError::UnpacksTooLarge {
                    part: name,
                    limit: declared,
                    declared: true,
                });
            }
            if total + real > MAX_XLSX_UNPACKED_BYTES {
                return Err(ImportError::UnpacksTooLarge {
                    part: name,
                    limit: MAX_XLSX_UNPACKED_BYTES,
                    declared: false,
                });
            }
        }
        total += real;
    }
    Ok(())
}

/// Builds the table as cells arrive (row by row), enforcing the limits on what is really there.
/// Nothing is allocated from a size the file merely declares.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<TableRow>,
    cells: u64,
    /// Bytes of text decoded so far, all cells together.
    text: u64,
}

impl TableBuilder {
    /// Checks a cell of `bytes` bytes against the per-cell and whole-workbook text limits
    /// before its text is copied.
    fn admit(&mut self, row: u32, col: u32, bytes: usize) -> Result<(), ImportError> {
        if bytes > MAX_CELL_BYTES {
            return Err(ImportError::CellTooLarge {
                line: row.saturating_add(1),
                column: column_letter(col as usize),
                bytes,
                limit: MAX_CELL_BYTES,
            });
        }
        self.text = self.text.saturating_add(bytes as u64);
        if self.text > MAX_DECODED_BYTES {
            return Err(ImportError::TooMuchText {
                limit: MAX_DECODED_BYTES,
            });
        }
        Ok(())
    }

    fn put(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), ImportError> {
        if cell.text.is_empty() && cell.kind == CellKind::Text {
            return Ok(());
        }
        self.admit(row, col, cell.text.len())?;
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
                // A shared string is borrowed until here: refuse it before it is copied.
                if let DataRef::SharedString(s) = c.get_value()
                    && (s.len() > MAX_CELL_BYTES
                        || builder.text + s.len() as u64 > MAX_DECODED_BYTES)
                {
                    builder.admit(row, col, s.len())?;
                }
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
    // Decoded size of each shared string, and the text all cells of all sheets decode to
    // (calamine reads every sheet when it opens the workbook, copying the shared string into
    // every cell that points at it).
    let mut sst: Vec<u64> = Vec::new();
    let mut text = 0u64;
    let too_much = || ImportError::TooMuchText {
        limit: MAX_DECODED_BYTES,
    };
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
        // LabelSst: a cell holding shared string number `isst` (its span is checked below).
        if typ == 0x00FD
            && let Some(i) = u32_at(6)
        {
            let size = usize::try_from(i)
                .ok()
                .and_then(|i| sst.get(i))
                .copied()
                .unwrap_or(0);
            text = text.saturating_add(size);
            if text > MAX_DECODED_BYTES {
                return Err(too_much());
            }
        }
        match typ {
            // BOF: a new substream (sheet) starts.
            0x0809 => (max_row, max_col) = (0, 0),
            // SST, with the CONTINUE records that follow it.
            0x00FC => {
                let mut cont = Vec::new();
                let mut next = pos;
                while next + 4 <= stream.len()
                    && u16::from_le_bytes([stream[next], stream[next + 1]]) == 0x003C
                {
                    let l = usize::from(u16::from_le_bytes([stream[next + 2], stream[next + 3]]));
                    cont.push(stream.get(next + 4..next + 4 + l).unwrap_or(&[]));
                    next += 4 + l;
                }
                sst = sst_sizes(data, cont);
            }

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

/// The UTF-8 size (an upper bound: 3 bytes for any character beyond ASCII) of each string of an
/// SST record (`XLUnicodeRichExtendedString`s, MS-XLS 2.4.265), walked exactly as calamine walks
/// it: the characters may run on into CONTINUE records, each of which starts with a new flags
/// byte; formatting runs and phonetic data are skipped. Stops where calamine would fail.
fn sst_sizes<'a>(data: &'a [u8], cont: Vec<&'a [u8]>) -> Vec<u64> {
    struct Rec<'a> {
        data: &'a [u8],
        cont: std::collections::VecDeque<&'a [u8]>,
    }
    impl<'a> Rec<'a> {
        fn next_record(&mut self) -> bool {
            match self.cont.pop_front() {
                Some(d) => {
                    self.data = d;
                    true
                }
                None => false,
            }
        }
        fn take(&mut self, n: usize) -> Option<&'a [u8]> {
            let (head, rest) = (self.data.get(..n)?, self.data.get(n..)?);
            self.data = rest;
            Some(head)
        }
        fn skip(&mut self, mut n: usize) -> Option<()> {
            while n > 0 {
                if self.data.is_empty() && !self.next_record() {
                    return None;
                }
                let l = n.min(self.data.len());
                self.data = &self.data[l..];
                n -= l;
            }
            Some(())
        }
        fn string(&mut self) -> Option<u64> {
            if self.data.is_empty() {
                return Some(0);
            }
            let head = self.take(3)?;
            let mut left = usize::from(u16::from_le_bytes([head[0], head[1]]));
            let flags = head[2];
            let mut high = flags & 0x1 != 0;
            let runs = if flags & 0x8 != 0 {
                let b = self.take(2)?;
                usize::from(u16::from_le_bytes([b[0], b[1]]))
            } else {
                0
            };
            let ext = if flags & 0x4 != 0 {
                let b = self.take(4)?;
                usize::try_from(i32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok()?
            } else {
                0
            };
            let mut size = 0u64;
            while left > 0 {
                let (chars, bytes) = if high {
                    let l = left.min(self.data.len() / 2);
                    (l, 2 * l)
                } else {
                    let l = left.min(self.data.len());
                    (l, l)
                };
                let chunk = self.take(bytes)?;
                size += if high {
                    chunk
                        .chunks_exact(2)
                        .map(|u| match u16::from_le_bytes([u[0], u[1]]) {
                            0..=0x7F => 1,
                            0x80..=0x7FF => 2,
                            _ => 3,
                        })
                        .sum::<u64>()
                } else {
                    chunk
                        .iter()
                        .map(|&b| if b < 0x80 { 1 } else { 3 })
                        .sum::<u64>()
                };
                left -= chars;
                if left > 0 {
                    if !self.next_record() {
                        return None;
                    }
                    high = self.take(1)?[0] & 0x1 != 0;
                }
            }
            self.skip(runs.checked_mul(4)?)?;
            self.skip(ext)?;
            Some(size)
        }
    }
    let mut r = Rec {
        data: data.get(8..).unwrap_or(&[]),
        cont: cont.into(),
    };
    let mut sizes = Vec::new();
    if data.len() < 8 {
        return sizes;
    }
    while !r.data.is_empty() || r.next_record() {
        match r.string() {
            Some(size) => sizes.push(size),
            None => break,
        }
    }
    sizes
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
