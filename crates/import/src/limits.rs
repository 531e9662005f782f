//! Stated limits. Anything beyond them is one clear whole-file error, never a slow crawl or an
//! out-of-memory abort.

/// Largest file read, in bytes (64 MiB). Carrier lists are a few hundred KB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Most rows (including title and header rows) in one file or sheet.
pub const MAX_ROWS: usize = 200_000;

/// Most columns in one row.
pub const MAX_COLUMNS: usize = 256;

/// Largest single cell, in bytes of UTF-8 (32 KiB, about Excel's own 32,767-character limit).
pub const MAX_CELL_BYTES: usize = 32 * 1024;

/// Most cells in one table (rows × columns actually read), and most cells an .xls sheet may
/// declare or span before anything is allocated for it (the XLS reader reserves memory for the
/// declared size, so a damaged or hostile header could otherwise ask for gigabytes).
/// 2,000,000 cells is, for example, 100,000 rows of 20 columns.
pub const MAX_CELLS: u64 = 2_000_000;

/// Largest uncompressed part inside an .xlsx (a ZIP file): protects against ZIP bombs.
pub const MAX_XLSX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// Rows scanned from the top when looking for the header row.
pub const HEADER_SCAN_ROWS: usize = 30;
