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

/// Most bytes all parts of an .xlsx may unpack to together (really inflated, not only as
/// declared: a part that inflates past its declared size is refused on its own).
pub const MAX_XLSX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// Most text, in bytes of UTF-8, that all the cells of a workbook may decode to together
/// (64 MiB). Per-cell and per-file limits are not enough: in .xlsx and .xls every cell may point
/// at one shared string, so a 4 MB file could otherwise ask for 2,000,000 copies of a 32 KiB
/// text. 2,000,000 cells of 30 characters fit.
pub const MAX_DECODED_BYTES: u64 = 64 * 1024 * 1024;

/// Rows scanned from the top when looking for the header row.
pub const HEADER_SCAN_ROWS: usize = 30;
